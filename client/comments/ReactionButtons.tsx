import { setReaction } from '../../shared/ops/comments';
import { useI18n } from '../i18n/I18nProvider';
import { useBoard } from '../session/hooks';
import { LikeIcon, QuestionIcon } from '../ui/icons';
import { useReactions } from './hooks';

const GLYPHS = { '👍': LikeIcon, '❓': QuestionIcon } as const;

/**
 * 👍 and ❓ on a target, in its comment thread (bundled icons with words: closed-network PCs may lack an emoji font): toggle buttons (aria-pressed) with their counts. A viewer sees the counts only.
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
        const Glyph = GLYPHS[emoji];
        if (!canEditBoard) {
          return count > 0 ? (
            <span key={emoji} className="reaction reaction-readonly">
              <Glyph /> {name}
            </span>
          ) : null;
        }
        return (
          <button
            key={emoji}
            type="button"
            className={`reaction ${mine ? 'reaction-mine' : ''}`}
            aria-pressed={mine}
            onClick={() => setReaction(session.boardDoc, targetId, emoji, identity.id, !mine)}
          >
            {/* The icon is decoration: the words are the name. */}
            <Glyph /> {name}
          </button>
        );
      })}
    </div>
  );
}
