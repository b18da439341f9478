import { useEffect, useId, useState } from 'react';
import { type ActivityEntry, boardActivity } from '../../shared/activity';
import { boardRoots } from '../../shared/docs';
import { useI18n } from '../i18n/I18nProvider';
import { shorten } from '../lib/shorten';
import { useBoard } from '../session/hooks';
import { useBoardUi } from '../ui/boardUi';
import { useModalDialog } from '../ui/useModalDialog';
import { focusTarget, isLiveInitiative, targetLabel } from '../visit/VisitSummary';
import '../comments/comments.css';

/** The board's recent activity, live while open (shared/activity.ts says what it cannot show). */
export function ActivityDialog({ onClose }: { onClose: () => void }) {
  const { t, lang } = useI18n();
  const { session } = useBoard();
  const ui = useBoardUi();
  const dialog = useModalDialog();
  const titleId = useId();
  const [entries, setEntries] = useState(() => boardActivity(session.boardDoc));
  useEffect(() => {
    const doc = session.boardDoc;
    const refresh = () => setEntries(boardActivity(doc));
    doc.on('update', refresh);
    return () => doc.off('update', refresh);
  }, [session]);
  const noteText = (id: string) => shorten(targetLabel(session.boardDoc, id, session.noteSnapshots.get(id)?.text), 30);
  const describe = (entry: ActivityEntry): string => {
    const name = 'name' in entry ? entry.name || t('activity.someone') : '';
    const text = shorten(entry.text, 40);
    switch (entry.kind) {
      case 'noteAdded':
        return t('activity.noteAdded', { name, text });
      case 'noteDeleted':
        // Notes trashed before who was recorded (or by another tool) keep the sentence without a name.
        return entry.personId ? t('activity.noteDeletedBy', { name, text }) : t('activity.noteDeleted', { text });
      case 'clusterAdded':
        return t('activity.clusterAdded', { name, text });
      case 'initiativeAdded':
        return t('activity.initiativeAdded', { name, text });
      case 'commentDeleted':
        return t('activity.commentDeleted', { name, target: noteText(entry.targetId) });
      default:
        return t(`activity.${entry.kind}`, { name, text, target: noteText(entry.targetId) });
    }
  };
  const targetOf = (entry: ActivityEntry): string | null => {
    // An initiative is listed in its own view, not on the board: its entry is text only.
    if (entry.kind === 'initiativeAdded') return null;
    const id = 'targetId' in entry ? entry.targetId : 'clusterId' in entry ? entry.clusterId : entry.noteId;
    const note = session.noteSnapshots.get(id);
    if (note) return note.deletedAt === null ? id : null;
    const shown = boardRoots.clusters(session.boardDoc).has(id) || isLiveInitiative(session.boardDoc, id);
    return shown ? id : null;
  };
  return (
    <dialog ref={dialog} className="dialog dialog-wide" aria-labelledby={titleId} onCancel={onClose}>
      <h2 id={titleId}>{t('activity.heading')}</h2>
      <p className="muted">{t('activity.limits')}</p>
      {entries.length === 0 ? (
        <p className="muted">{t('activity.empty')}</p>
      ) : (
        <ol className="activity-list">
          {entries.map((entry) => {
            const target = targetOf(entry);
            const at = new Date(entry.at);
            const text = describe(entry);
            return (
              <li key={`${entry.kind}:${'commentId' in entry ? entry.commentId : (target ?? entry.at)}:${entry.at}`}>
                <time dateTime={at.toISOString()}>
                  {at.toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' })}
                </time>
                {target ? (
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => {
                      onClose();
                      const view = isLiveInitiative(session.boardDoc, target) ? 'initiatives' : 'board';
                      focusTarget(target, () => ui.view.set(view));
                    }}
                  >
                    {text}
                  </button>
                ) : (
                  <span>{text}</span>
                )}
              </li>
            );
          })}
        </ol>
      )}
      <div className="dialog-actions">
        <button type="button" className="primary" onClick={onClose}>
          {t('activity.close')}
        </button>
      </div>
    </dialog>
  );
}
