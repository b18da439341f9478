import { createContext, useEffect, useState } from 'react';
import type { Initiative } from '../../shared/records/initiative';
import type { KeptThread } from '../comments/DiscussionButton';
import { useI18n } from '../i18n/I18nProvider';
import { createStore, type Store, useStore } from '../lib/store';
import { useBoardUi } from '../ui/boardUi';

/**
 * The initiative whose comment thread is open, and its draft, kept by the view: a card remounts when a
 * colleague moves its initiative to another priority or pillar, and the thread (a part of the card) would
 * close and lose what was being written. The cards read it from this context (a stable store: no renders).
 */
export const ThreadKeeperContext = createContext<Store<KeptThread | null> | undefined>(undefined);

/** The view's keeper; when a colleague deletes the initiative, the thread closes with a message keeping the draft. */
export function useThreadKeeper(live: readonly Initiative[]): Store<KeptThread | null> {
  const { t } = useI18n();
  const ui = useBoardUi();
  const [keeper] = useState(() => createStore<KeptThread | null>(null));
  const kept = useStore(keeper);
  const gone = kept !== null && !live.some((i) => i.id === kept.targetId);
  useEffect(() => {
    if (!gone || !kept) return;
    keeper.set(null);
    const draft = kept.draft.trim();
    const message = t('initiative.deletedWhileEditing');
    ui.notify({
      message: draft ? `${message} ${t('initiative.unsavedText', { text: draft })}` : message,
      tone: 'error',
      action: draft
        ? { label: t('initiative.copyUnsaved'), run: () => void navigator.clipboard?.writeText(draft).catch(() => {}) }
        : undefined,
    });
  }, [gone, kept, keeper, ui, t]);
  return keeper;
}
