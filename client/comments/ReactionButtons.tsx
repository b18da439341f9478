import { setReaction } from '../../shared/ops/comments';
import { useBoard } from '../board/hooks';
import { useI18n } from '../i18n/I18nProvider';
import { useReactions } from './hooks';

/**
 * 👍 and ❓ on a target: toggle buttons (aria-pressed) with their counts. A viewer sees the counts only.
 * Each person has one reaction of each kind per target, so pressing twice on two devices counts once.
 */
export function ReactionButtons({ targetId }: { targetId: string }) {
  const { t } = useI18n();
  const { session, identity, canEditBoard } = useBoard();
  const reactions = useReactions(targetId);
  return (
    // biome-ignore lint/a11y/useSemanticElements: a fieldset inside every note would bring its own border and legend rules
    <div className="reactions" role="group" aria-label={t('comment.reactions')}>
      {reactions.map(({ emoji, count, mine }) => {
        const name = t(`comment.reaction.${emoji}`, { count });
        if (!canEditBoard) {
          return count > 0 ? (
            <span key={emoji} className="reaction reaction-readonly">
              <span aria-hidden="true">
                {emoji} {count}
              </span>
              <span className="visually-hidden">{name}</span>
            </span>
          ) : null;
        }
        return (
          <button
            key={emoji}
            type="button"
            className={`reaction ${mine ? 'reaction-mine' : ''}`}
            aria-pressed={mine}
            aria-label={name}
            onClick={() => setReaction(session.boardDoc, targetId, emoji, identity.id, !mine)}
          >
            <span aria-hidden="true">
              {emoji} {count > 0 ? count : ''}
            </span>
          </button>
        );
      })}
    </div>
  );
}
