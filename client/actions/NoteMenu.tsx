import { type Store, useStore } from '../lib/store';
import type { OpenMenu } from '../ui/ActionsContext';
import { OpenNoteMenu } from './lazyDialogs';
import type { ActionEnv } from './types';

/**
 * A note's actions menu (WAI-ARIA menu button pattern), rendered only while open: the first item takes the
 * focus, arrows move, Enter runs, Escape or Tab closes and gives the focus back to the note. It offers what
 * applied when it opened; if the note went meanwhile, choosing says so and changes nothing.
 */
export function NoteMenu({ menu: store, env }: { menu: Store<OpenMenu | null>; env: ActionEnv }) {
  const menu = useStore(store);
  if (!menu) return null;
  return <OpenNoteMenu key={menu.noteId} menu={menu} env={env} onClose={() => store.set(null)} />;
}
