import type React from 'react';
import { useId, useState } from 'react';
import { shorten } from '../lib/shorten';
import { isImeEnter } from '../ui/ime';
import { useModalDialog } from '../ui/useModalDialog';
import { ACTION_ICONS } from './actionIcons';
import { availableNoteActions, BOARD_ACTIONS, noteTargetOf, runNoteAction } from './registry';
import type { ActionEnv, Shortcut } from './types';

interface Entry {
  id: string;
  label: string;
  shortcut?: Shortcut;
  run: () => void;
}

/**
 * The command palette (Ctrl+K): every action available now, filtered by the role and the lock through the
 * same predicates as the menu — the focused note's actions, then the board's. Type to filter, arrows to choose,
 * Enter to run.
 */
export function CommandPalette({
  env,
  noteId,
  onClose,
}: {
  env: ActionEnv;
  noteId: string | null;
  onClose: () => void;
}) {
  const { t } = env;
  const dialog = useModalDialog();
  const titleId = useId();
  const listId = useId();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  // The note as it was when the palette opened: what it offers stays while the person types, and choosing an
  // action for a note a colleague deleted or moved meanwhile says so and changes nothing.
  const [target] = useState(() => (noteId ? noteTargetOf(env, noteId) : null));
  const entries: Entry[] = [
    ...(target
      ? availableNoteActions(env, target).map((action) => ({
          id: action.id,
          label: t(action.labelKey),
          shortcut: action.shortcut,
          run: () => runNoteAction(env, action, target),
        }))
      : []),
    ...BOARD_ACTIONS.filter((action) => action.id !== 'board.palette' && action.predicate(env, null)).map((action) => ({
      id: action.id,
      label: t(action.labelKey),
      shortcut: action.shortcut,
      run: () => action.perform(env, null),
    })),
  ];
  const needle = query.trim().toLowerCase();
  const shown = entries.filter((entry) => entry.label.toLowerCase().includes(needle));
  const current = Math.min(active, Math.max(0, shown.length - 1));

  function run(entry: Entry | undefined) {
    if (!entry) return;
    onClose();
    // Once the palette is closed: a modal dialog makes the rest of the page inert, so an action run now could
    // not move the focus (to the next note after a deletion, to an editor).
    requestAnimationFrame(entry.run);
  }

  function onKeyDown(event: React.KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown') setActive((current + 1) % Math.max(1, shown.length));
    else if (event.key === 'ArrowUp') setActive((current - 1 + shown.length) % Math.max(1, shown.length));
    else if (event.key === 'Enter' && !isImeEnter(event)) run(shown[current]);
    else return;
    event.preventDefault();
  }

  const optionId = (id: string) => `${listId}-${id.replace('.', '-')}`;
  return (
    <dialog ref={dialog} className="dialog command-palette" aria-labelledby={titleId} onCancel={onClose}>
      <h2 id={titleId}>{t('palette.title')}</h2>
      {target && <p className="muted">{t('palette.forNote', { text: shorten(target.text, 40) })}</p>}
      <input
        type="text"
        role="combobox"
        aria-expanded="true"
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={shown[current] ? optionId(shown[current].id) : undefined}
        aria-label={t('palette.search')}
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <div id={listId} role="listbox" aria-label={t('palette.title')} className="palette-list">
        {shown.map((entry, index) => {
          const Glyph = ACTION_ICONS[entry.id];
          return (
            // biome-ignore lint/a11y/useKeyWithClickEvents: the keyboard path is the combobox's arrows and Enter
            <div
              key={entry.id}
              tabIndex={-1}
              id={optionId(entry.id)}
              role="option"
              aria-selected={index === current}
              className="palette-option"
              onClick={() => run(entry)}
            >
              {Glyph && <Glyph />}
              <span>{entry.label}</span>
              {entry.shortcut && (
                <span className="shortcut" aria-hidden="true">
                  {entry.shortcut.label}
                </span>
              )}
            </div>
          );
        })}
      </div>
      {shown.length === 0 && <p className="muted">{t('palette.none')}</p>}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </dialog>
  );
}
