import { nanoid } from 'nanoid';
import { useEffect, useId, useRef, useState } from 'react';
import { addComment, deleteComment, editComment } from '../../shared/ops/comments';
import type { Comment, CommentTargetKind } from '../../shared/records/comment';
import { useI18n } from '../i18n/I18nProvider';
import { useBoard, useSettings } from '../session/hooks';
import { useBoardUi } from '../ui/boardUi';
import { useModalDialog } from '../ui/useModalDialog';
import { CommentComposer } from './CommentComposer';
import { useThread } from './hooks';
import { ReactionButtons } from './ReactionButtons';
import { useRoster } from './useRoster';

interface ThreadProps {
  targetId: string;
  kind: CommentTargetKind;
  /** The target's text, shortened: names the dialog. */
  label: string;
  onClose: () => void;
  /** A draft kept outside the dialog, so that reopening it (its card remounted) restores what was written. */
  draft?: { text: string; onChange: (text: string) => void };
}

/** The comment thread of a note or a cluster, in a modal dialog: read, write, edit and delete one's own. */
export function CommentThreadDialog({ targetId, kind, label, onClose, draft }: ThreadProps) {
  const { t } = useI18n();
  const { session, identity, canEditBoard, role, archived } = useBoard();
  const locked = useSettings().lock !== null;
  const ui = useBoardUi();
  // Why this person cannot write here: a participant on a locked board is no viewer.
  const readOnlyNotice =
    role === 'viewer'
      ? 'comment.viewerNotice'
      : archived
        ? 'comment.archivedNotice'
        : locked
          ? 'comment.lockedNotice'
          : 'comment.readOnlyNotice';
  const thread = useThread(targetId);
  const roster = useRoster();
  const [replyTo, setReplyTo] = useState<Comment | null>(null);
  // What is typed, kept here so that starting or stopping a reply (the composer starts again) loses none of it.
  const [typed, setTyped] = useState(draft?.text ?? '');
  const reply = (target: Comment | null) => {
    // The @name the previous reply put first goes; the next one's comes in its place.
    const rest = replyTo && typed.startsWith(replyPrefix(replyTo)) ? typed.slice(replyPrefix(replyTo).length) : typed;
    const next = target ? `${replyPrefix(target)}${rest}` : rest;
    setTyped(next);
    draft?.onChange(next);
    setReplyTo(target);
  };
  const dialog = useModalDialog();
  const titleId = useId();
  useAnnounceArrivals(thread, identity.id);

  return (
    <dialog ref={dialog} className="dialog comment-dialog" aria-labelledby={titleId} onCancel={onClose}>
      <h2 id={titleId}>{t('comment.heading', { label })}</h2>
      {thread.length === 0 ? (
        <p className="muted">{t('comment.empty')}</p>
      ) : (
        <ol className="comment-list">
          {thread.map((comment) => (
            <CommentEntry key={comment.id} comment={comment} thread={thread} onReply={reply} />
          ))}
        </ol>
      )}
      {canEditBoard ? (
        <>
          {replyTo && (
            <p className="comment-replying">
              {t('comment.replyingTo', { name: replyTo.authorName || t('comment.unknownAuthor') })}{' '}
              <button type="button" onClick={() => reply(null)}>
                {t('comment.stopReplying')}
              </button>
            </p>
          )}
          <CommentComposer
            // A reply starts again with the person's @name before what was already written.
            key={replyTo?.id ?? ''}
            label={t('comment.inputLabel')}
            submitLabel={t('comment.send')}
            autoFocus
            initial={typed}
            initialMentions={replyTo?.authorName ? new Map([[replyTo.authorName, replyTo.author]]) : undefined}
            roster={roster}
            onTextChange={(text) => {
              setTyped(text);
              draft?.onChange(text);
            }}
            onSubmit={(text, mentions) => {
              const result = addComment(session.boardDoc, {
                id: nanoid(),
                targetId,
                targetKind: kind,
                text,
                author: identity.id,
                authorName: identity.name,
                mentions,
                ...(replyTo ? { replyTo: replyTo.id } : {}),
              });
              if (result.ok) {
                ui.announce(t('comment.added'));
                setTyped('');
                setReplyTo(null);
              }
              return result;
            }}
          />
        </>
      ) : (
        <p className="muted">{t(readOnlyNotice)}</p>
      )}
      <ReactionButtons targetId={targetId} />
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          {t('comment.close')}
        </button>
      </div>
    </dialog>
  );
}

/** Tells screen readers about a colleague's comment arriving while the thread is open. */
function useAnnounceArrivals(thread: readonly Comment[], personId: string) {
  const { t } = useI18n();
  const ui = useBoardUi();
  const seen = useRef(new Set(thread.map((comment) => comment.id)));
  useEffect(() => {
    for (const comment of thread) {
      if (seen.current.has(comment.id)) continue;
      seen.current.add(comment.id);
      if (comment.author !== personId && comment.deletedAt === null) {
        ui.announce(
          t('comment.arrived', { name: comment.authorName || t('comment.unknownAuthor'), text: comment.text }),
        );
      }
    }
  }, [thread, personId, t, ui]);
}

/** 「@佐藤 」: what a reply starts with (none for an author without a name). */
const replyPrefix = (comment: Comment) => (comment.authorName ? `@${comment.authorName} ` : '');

function CommentEntry({
  comment,
  thread,
  onReply,
}: {
  comment: Comment;
  thread: readonly Comment[];
  onReply: (comment: Comment) => void;
}) {
  const { t, lang } = useI18n();
  const { session, identity, canEditBoard } = useBoard();
  const ui = useBoardUi();
  const [editing, setEditing] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const own = comment.author !== '' && comment.author === identity.id;
  const name = comment.authorName || t('comment.unknownAuthor');
  const time = new Date(comment.editedAt ?? comment.createdAt);
  const deleted = comment.deletedAt !== null;

  function stopEditing() {
    setEditing(false);
    requestAnimationFrame(() => editButton.current?.focus());
  }

  return (
    <li className={`comment ${deleted ? 'comment-deleted' : ''}`} data-comment-id={comment.id}>
      <p className="comment-meta">
        <span className="comment-author">{own ? t('comment.you', { name }) : name}</span>{' '}
        <time dateTime={time.toISOString()}>
          {time.toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' })}
        </time>
        {comment.editedAt !== null && !deleted && <span className="comment-edited"> {t('comment.edited')}</span>}
      </p>
      {comment.replyTo !== null && (
        <p className="comment-reply-to">
          ↩ {t('comment.replyTo', { name: repliedName(thread, comment.replyTo) || t('comment.unknownAuthor') })}
        </p>
      )}
      {deleted ? (
        <p className="comment-text muted">{t('comment.deleted')}</p>
      ) : editing ? (
        <CommentComposer
          label={t('comment.editLabel')}
          submitLabel={t('comment.save')}
          initial={comment.text}
          autoFocus
          onCancel={stopEditing}
          onSubmit={(text) => {
            const result = editComment(session.boardDoc, comment.id, identity.id, text);
            if (result.ok) {
              ui.announce(t('comment.saved'));
              stopEditing();
            }
            return result;
          }}
        />
      ) : (
        <p className="comment-text">{comment.text}</p>
      )}
      {!own && canEditBoard && !deleted && (
        <div className="comment-actions">
          <button type="button" aria-label={t('comment.replyTo', { name })} onClick={() => onReply(comment)}>
            {t('comment.reply')}
          </button>
        </div>
      )}
      {own && canEditBoard && !deleted && !editing && (
        <div className="comment-actions">
          <button type="button" ref={editButton} onClick={() => setEditing(true)}>
            {t('comment.edit')}
          </button>
          <button
            type="button"
            onClick={(event) => {
              const list = event.currentTarget.closest('dialog');
              const result = deleteComment(session.boardDoc, comment.id, identity.id);
              if (result.ok) ui.announce(t('comment.removed'));
              // The buttons leave with the comment's text: keep focus in the dialog, on the text field.
              requestAnimationFrame(() =>
                list?.querySelector<HTMLElement>('textarea, .dialog-actions button')?.focus(),
              );
            }}
          >
            {t('comment.delete')}
          </button>
        </div>
      )}
    </li>
  );
}

/** The name of the author of the comment replied to, when it is in this thread. */
function repliedName(thread: readonly Comment[], id: string): string {
  return thread.find((comment) => comment.id === id)?.authorName ?? '';
}
