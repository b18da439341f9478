import { useState } from 'react';
import type { CommentTargetKind } from '../../shared/records/comment';
import { shorten } from '../board/dnd/announcements';
import { useI18n } from '../i18n/I18nProvider';
import { useNewCommentCount } from '../visit/VisitContext';
import { CommentThreadDialog } from './CommentThread';
import { useCommentCount } from './hooks';
import './comments.css';

interface DiscussionButtonProps {
  targetId: string;
  kind: CommentTargetKind;
  /** The target's text or title (shortened here): names the button and the thread. */
  label: string;
}

/**
 * The comment button of a note or a cluster, with its count, opening the thread. Drop it into any card:
 * `<DiscussionButton targetId={cluster.id} kind="cluster" label={title} />`.
 */
export function DiscussionButton({ targetId, kind, label }: DiscussionButtonProps) {
  const { t } = useI18n();
  const count = useCommentCount(targetId);
  const fresh = useNewCommentCount(targetId);
  const [open, setOpen] = useState(false);
  const short = shorten(label, 30);
  return (
    <>
      <button
        type="button"
        className={`discussion-button ${count > 0 ? 'has-comments' : ''}`}
        onClick={() => setOpen(true)}
      >
        {/* The name is the hidden text (not aria-label): it names the note, which the short visible text does not. */}
        <span aria-hidden="true">
          💬 {t('comment.short', { count })}
          {fresh > 0 && (
            <span className="comment-new-badge">
              {' '}
              {t('visit.added')} {fresh}
            </span>
          )}
        </span>
        <span className="visually-hidden">
          {fresh > 0
            ? t('comment.buttonWithNew', { label: short, count, fresh })
            : t('comment.button', { label: short, count })}
        </span>
      </button>
      {open && <CommentThreadDialog targetId={targetId} kind={kind} label={short} onClose={() => setOpen(false)} />}
    </>
  );
}
