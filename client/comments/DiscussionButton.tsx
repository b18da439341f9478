import { useState } from 'react';
import type { CommentTargetKind } from '../../shared/records/comment';
import { useI18n } from '../i18n/I18nProvider';
import { shorten } from '../lib/shorten';
import { createStore, type Store, useStoreSelector } from '../lib/store';
import { CommentIcon } from '../ui/icons';
import { useNewCommentCount } from '../visit/VisitContext';
import { useCommentCount } from './hooks';
import { CommentThreadDialog } from './lazyDialogs';
import './comments.css';

const NO_KEEPER = createStore<KeptThread | null>(null);

interface DiscussionButtonProps {
  targetId: string;
  kind: CommentTargetKind;
  /** The target's text or title (shortened here): names the button and the thread. */
  label: string;
  /**
   * Where the open thread and its draft are kept when the button's card may remount (an initiative moved by a
   * colleague): the thread then reopens with the draft. Without it, the button keeps them itself.
   */
  keeper?: Store<KeptThread | null>;
}

/** The thread open (by its target) and what is written in it, not yet sent. */
export interface KeptThread {
  targetId: string;
  draft: string;
}

/**
 * The comment button of a note or a cluster, with its count, opening the thread. Drop it into any card:
 * `<DiscussionButton targetId={cluster.id} kind="cluster" label={title} />`.
 */
export function DiscussionButton({ targetId, kind, label, keeper }: DiscussionButtonProps) {
  const { t } = useI18n();
  const count = useCommentCount(targetId);
  const fresh = useNewCommentCount(targetId);
  const [ownOpen, setOwnOpen] = useState(false);
  const keptOpen = useStoreSelector(keeper ?? NO_KEEPER, (kept) => kept?.targetId === targetId);
  const open = keeper ? keptOpen : ownOpen;
  const setOpen = (next: boolean) => {
    if (keeper) keeper.set(next ? { targetId, draft: '' } : null);
    else setOwnOpen(next);
  };
  const draft = keeper && {
    text: keeper.get()?.draft ?? '',
    onChange: (text: string) => keeper.set({ targetId, draft: text }),
  };
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
          <CommentIcon /> {t('comment.short', { count })}
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
      {open && (
        <CommentThreadDialog
          targetId={targetId}
          kind={kind}
          label={short}
          onClose={() => setOpen(false)}
          draft={draft || undefined}
        />
      )}
    </>
  );
}
