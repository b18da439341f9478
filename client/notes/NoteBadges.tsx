import { useCommentCount, useReactions } from '../comments/hooks';
import { useI18n } from '../i18n/I18nProvider';
import { CommentIcon, LikeIcon, QuestionIcon } from '../ui/icons';
import { useNewCommentCount } from '../visit/VisitContext';

const REACTION_ICONS = { '👍': LikeIcon, '❓': QuestionIcon } as const;

/**
 * The quiet counts on a note: comments (with the new ones since the last visit) and reactions. Text, not
 * buttons: they are operated from the note's menu and the comment thread, so a note adds no Tab stop for them.
 * Shown only when there is something to count.
 */
export function NoteBadges({ noteId }: { noteId: string }) {
  const { t } = useI18n();
  const comments = useCommentCount(noteId);
  const fresh = useNewCommentCount(noteId);
  const reactions = useReactions(noteId);
  const commentsName =
    fresh > 0 ? t('comment.countWithNew', { count: comments, fresh }) : t('comment.count', { count: comments });
  return (
    <>
      {comments > 0 && (
        <span className="note-badge note-badge-comments" title={commentsName}>
          <CommentIcon />
          <span aria-hidden="true">{comments}</span>
          {fresh > 0 && (
            <span className="comment-new-badge" aria-hidden="true">
              {t('visit.added')} {fresh}
            </span>
          )}
          <span className="visually-hidden">{commentsName}</span>
        </span>
      )}
      {reactions.map(({ emoji, count, mine }) => {
        if (count === 0) return null;
        const Glyph = REACTION_ICONS[emoji];
        const name = t(`comment.reaction.${emoji}`, { count });
        return (
          <span key={emoji} className={`note-badge ${mine ? 'note-badge-mine' : ''}`} title={name}>
            <Glyph />
            <span aria-hidden="true">{count}</span>
            <span className="visually-hidden">{name}</span>
          </span>
        );
      })}
    </>
  );
}
