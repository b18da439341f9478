import { useId } from 'react';
import { commentIndexOf } from '../comments/commentIndex';
import { useI18n } from '../i18n/I18nProvider';
import { shorten } from '../lib/shorten';
import { useBoard } from '../session/hooks';
import { useBoardUi } from '../ui/boardUi';
import { useModalDialog } from '../ui/useModalDialog';
import { addressedToMe } from './addressedToMe';
import { focusTarget, isLiveInitiative, showInitiative, targetLabel } from './VisitSummary';

/** 自分宛て: every comment addressed to this person, newest first, each leading to what it is on. */
export function ToYouDialog({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const { session, identity } = useBoard();
  const ui = useBoardUi();
  const dialog = useModalDialog();
  const titleId = useId();
  const entries = addressedToMe(commentIndexOf(session.boardDoc).get().threads, identity.id);
  return (
    <dialog ref={dialog} className="dialog" aria-labelledby={titleId} onCancel={onClose}>
      <h2 id={titleId}>{t('toYou.heading')}</h2>
      <ul className="visit-list">
        {entries.map(({ comment, why, answered }) => {
          const target = shorten(
            targetLabel(session.boardDoc, comment.targetId, session.noteSnapshots.get(comment.targetId)?.text),
            30,
          );
          const text = t(why === 'mention' ? 'toYou.mention' : 'toYou.reply', {
            name: comment.authorName || t('comment.unknownAuthor'),
            target,
            text: shorten(comment.text, 60),
          });
          return (
            <li key={comment.id}>
              <button
                type="button"
                onClick={() => {
                  onClose();
                  if (isLiveInitiative(session.boardDoc, comment.targetId)) showInitiative(ui, comment.targetId);
                  else focusTarget(comment.targetId, () => ui.view.set('board'));
                }}
              >
                {text}
                {answered && <span className="muted"> {t('toYou.answered')}</span>}
              </button>
            </li>
          );
        })}
      </ul>
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </dialog>
  );
}
