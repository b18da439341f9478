import { useId } from 'react';
import * as Y from 'yjs';
import { boardRoots } from '../../shared/docs';
import { readCluster } from '../../shared/records/cluster';
import { readComment } from '../../shared/records/comment';
import { readInitiative } from '../../shared/records/initiative';
import type { VisitChange } from '../../shared/sinceLastVisit';
import { useI18n } from '../i18n/I18nProvider';
import { shorten } from '../lib/shorten';
import { useBoard } from '../session/hooks';
import { type BoardUi, useBoardUi } from '../ui/boardUi';
import { useModalDialog } from '../ui/useModalDialog';
import { useVisitChanges, useVisitTracker } from './VisitContext';
import '../comments/comments.css';

/** The text that names a comment's target: the note's text, else the cluster's or the initiative's title. */
export function targetLabel(doc: Y.Doc, id: string, noteText: string | undefined): string {
  if (noteText !== undefined) return noteText;
  const value = boardRoots.clusters(doc).get(id);
  if (value !== undefined) return readCluster(id, value instanceof Y.Map ? value : null)?.title ?? '';
  return readInitiative(id, boardRoots.initiatives(doc).get(id))?.fields.title ?? '';
}

/** A live draft initiative: comments on it lead to the 取組案 view rather than the board. */
export function isLiveInitiative(doc: Y.Doc, id: string): boolean {
  const initiative = readInitiative(id, boardRoots.initiatives(doc).get(id));
  return initiative !== null && initiative.deletedAt === null;
}

/** Where an entry leads: the note or initiative it is about (a comment's target), if that is shown. */
function targetOf(change: VisitChange): string {
  return 'noteId' in change ? change.noteId : 'initiativeId' in change ? change.initiativeId : change.targetId;
}

function keyOf(change: VisitChange): string {
  return 'commentId' in change
    ? `c:${change.commentId}`
    : 'initiativeId' in change
      ? `i:${change.initiativeId}`
      : `n:${change.noteId}`;
}

/**
 * Opens the 取組案 view with the focus on an initiative's card. Through `focusInitiative`, which the card takes
 * once it is rendered (the view's code may still be loading), a frame later so that the closing dialog has
 * given the focus back first.
 */
export function showInitiative(ui: BoardUi, initiativeId: string) {
  requestAnimationFrame(() => {
    ui.focusInitiative.set(initiativeId);
    ui.view.set('initiatives');
  });
}

/** Shows the view (`showBoard`) and puts focus on the note, cluster or initiative once it is rendered. */
export function focusTarget(targetId: string, showBoard: () => void) {
  showBoard();
  const escaped = CSS.escape(targetId);
  // After the dialog's own focus return (on unmount) and the board view's render: a few frames at most.
  let frames = 0;
  const attempt = () => {
    const element = document.querySelector<HTMLElement>(
      `[data-note-id="${escaped}"], [data-cluster-id="${escaped}"], [data-initiative-id="${escaped}"]`,
    );
    if (!element || ++frames < 2) {
      if (frames < 30) requestAnimationFrame(attempt);
      return;
    }
    element.scrollIntoView({ block: 'center' });
    element.focus();
  };
  requestAnimationFrame(attempt);
}

export function VisitDialog({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const { session } = useBoard();
  const ui = useBoardUi();
  const tracker = useVisitTracker();
  const { changes } = useVisitChanges();
  const dialog = useModalDialog();
  const titleId = useId();
  // A comment's target is a note or a cluster (its title).
  const noteText = (id: string) => shorten(targetLabel(session.boardDoc, id, session.noteSnapshots.get(id)?.text), 40);
  const onBoard = (id: string) => {
    const note = session.noteSnapshots.get(id);
    if (note) return note.deletedAt === null;
    return boardRoots.clusters(session.boardDoc).has(id) || isLiveInitiative(session.boardDoc, id);
  };
  const initiativeTitle = (id: string) =>
    shorten(
      readInitiative(id, boardRoots.initiatives(session.boardDoc).get(id))?.fields.title || t('initiative.untitled'),
      40,
    );
  const commentText = (id: string) => {
    const value = boardRoots.comments(session.boardDoc).get(id);
    return shorten(readComment(id, value instanceof Y.Map ? value : null)?.text ?? '', 40);
  };
  const describe = (change: VisitChange): string => {
    switch (change.kind) {
      case 'noteAdded':
        return t('visit.noteAdded', { text: noteText(change.noteId) });
      case 'noteChanged':
        return t('visit.noteChanged', {
          fields: change.fields.map((field) => t(`visit.field.${field}`)).join(t('visit.fieldSeparator')),
          text: noteText(change.noteId),
        });
      case 'initiativeAdded':
        return t('visit.initiativeAdded', { title: initiativeTitle(change.initiativeId) });
      case 'initiativeChanged':
        return t('visit.initiativeChanged', {
          fields: change.fields.map((field) => t(`visit.initiativeField.${field}`)).join(t('visit.fieldSeparator')),
          title: initiativeTitle(change.initiativeId),
        });
      case 'commentAdded':
        return t(
          change.toYou === 'mention'
            ? 'visit.commentMentionsYou'
            : change.toYou === 'reply'
              ? 'visit.commentRepliesToYou'
              : 'visit.commentAdded',
          { target: noteText(change.targetId), text: commentText(change.commentId) },
        );
      case 'commentEdited':
        return t('visit.commentEdited', { target: noteText(change.targetId), text: commentText(change.commentId) });
      case 'commentDeleted':
        return t('visit.commentDeleted', { target: noteText(change.targetId) });
    }
  };

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby={titleId} onCancel={onClose}>
      <h2 id={titleId}>{t('visit.heading')}</h2>
      {changes.length === 0 ? (
        <p className="muted">{t('visit.none')}</p>
      ) : (
        <>
          <p className="muted">{t('visit.explain')}</p>
          <ul className="visit-list">
            {changes.map((change) => {
              const target = targetOf(change);
              return (
                <li key={keyOf(change)}>
                  {onBoard(target) ? (
                    <button
                      type="button"
                      onClick={() => {
                        onClose();
                        if (isLiveInitiative(session.boardDoc, target)) showInitiative(ui, target);
                        else focusTarget(target, () => ui.view.set('board'));
                      }}
                    >
                      {describe(change)}
                    </button>
                  ) : (
                    <span>
                      {describe(change)} {t('visit.notShown')}
                    </span>
                  )}
                </li>
              );
            })}
          </ul>
        </>
      )}
      <div className="dialog-actions">
        {changes.length > 0 && (
          <button
            type="button"
            onClick={() => {
              tracker?.markRead();
              ui.announce(t('visit.markedRead'));
              // This button leaves with the list: keep focus in the dialog.
              requestAnimationFrame(() =>
                dialog.current?.querySelector<HTMLElement>('.dialog-actions .primary')?.focus(),
              );
            }}
          >
            {t('visit.markRead')}
          </button>
        )}
        <button type="button" className="primary" onClick={onClose}>
          {t('visit.close')}
        </button>
      </div>
    </dialog>
  );
}
