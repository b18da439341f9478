import { useEffect, useMemo, useState } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { createStore, useStore } from '../lib/store';
import { BoardDnd } from './BoardDnd';
import { BoardHeader } from './BoardHeader';
import { useBoard, useSettings } from './hooks';
import { MoveDialog } from './MoveDialog';
import { PillarColumn } from './PillarColumn';
import { SessionNoticeBanner } from './SessionNoticeBanner';
import { Toasts } from './Toasts';
import { UnplacedTray } from './UnplacedTray';
import { type BoardUi, BoardUiContext } from './ui';
import { useToasts } from './useToasts';

/** Marks the moment the board is first synced and painted, for any harness (`board-ready`). */
function useBoardReadyMark(synced: boolean) {
  useEffect(() => {
    if (!synced || performance.getEntriesByName('board-ready').length > 0) return;
    requestAnimationFrame(() => {
      setTimeout(() => {
        if (performance.getEntriesByName('board-ready').length === 0) performance.mark('board-ready');
      }, 0);
    });
  }, [synced]);
}

export function BoardView({ onRename }: { onRename: (name: string) => void }) {
  const { session, canEditBoard } = useBoard();
  const { t } = useI18n();
  const synced = useStore(session.synced);
  const settings = useSettings();
  const { toasts, notify, dismiss, announcement, announce } = useToasts();
  const [moveNoteId, setMoveNoteId] = useState<string | null>(null);
  const [editingNoteId] = useState(() => createStore<string | null>(null));
  const [carets] = useState(() => new Map<string, [number, number]>());
  const ui = useMemo<BoardUi>(
    () => ({
      notify,
      announce,
      openMoveDialog: setMoveNoteId,
      editingNoteId,
      keepCaret: (noteId, selection) => carets.set(noteId, selection),
      takeCaret: (noteId) => {
        const caret = carets.get(noteId) ?? null;
        carets.delete(noteId);
        return caret;
      },
    }),
    [notify, announce, editingNoteId, carets],
  );
  // The note being edited left every lane (deleted, or its pillar archived): stop editing it, so that an
  // undo later does not reopen an editor that takes the focus from wherever the person is now.
  useEffect(
    () =>
      session.laneIndex.subscribe(() => {
        const id = editingNoteId.get();
        if (id && ![...session.laneIndex.get().lanes.values()].some((ids) => ids.includes(id))) editingNoteId.set(null);
      }),
    [session, editingNoteId],
  );
  const [everSynced, setEverSynced] = useState(false);
  useEffect(() => {
    if (synced) setEverSynced(true);
  }, [synced]);
  useBoardReadyMark(everSynced);

  const unsent = useStore(session.unsentChanges);
  useEffect(() => {
    if (!unsent) return;
    // The browser's own "leave this page?" question: changes made offline exist only in this tab.
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [unsent]);

  useEffect(() => {
    document.title = settings.title ? `${settings.title} — ${t('app.name')}` : t('app.name');
  }, [settings.title, t]);

  return (
    <BoardUiContext.Provider value={ui}>
      <div className="board-page">
        <BoardHeader onRename={onRename} />
        <SessionNoticeBanner />
        {settings.tooNew && (
          <p className="banner banner-error" role="alert">
            {t('board.tooNew')}
          </p>
        )}
        {everSynced ? (
          <main className="board-main">
            <BoardDnd>
              <ul className="pillars" aria-label={t('board.pillarsLabel')}>
                {settings.pillars.map((pillar) => (
                  <PillarColumn key={pillar.id} pillar={pillar} />
                ))}
              </ul>
              <UnplacedTray />
            </BoardDnd>
          </main>
        ) : (
          <p className="page-message" role="status">
            {t('board.loading')}
          </p>
        )}
        {moveNoteId && canEditBoard && <MoveDialog noteId={moveNoteId} onClose={() => setMoveNoteId(null)} />}
        <Toasts toasts={toasts} onDismiss={dismiss} announcement={announcement} />
      </div>
    </BoardUiContext.Provider>
  );
}
