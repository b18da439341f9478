import type { ReactNode } from 'react';
import type { LaneKind } from '../../shared/records/lane';
import { shorten } from '../lib/shorten';
import '../comments/comments.css';
import { CommentIcon, LikeIcon, QuestionIcon } from '../ui/icons';
import type { NoteMarks } from './noteIndex';
import type { NoteLabels } from './noteLabels';

const REACTION_ICONS = { '👍': LikeIcon, '❓': QuestionIcon } as const;

/**
 * The quiet marks in a note's footer, as elements (a function, not a component: no fiber of its own): 注目中, the
 * lane inside a cluster, the author, 新着/更新, 取組案, who is editing, and the counts of comments and reactions.
 * Text, not buttons: they are operated from the note's menu and the comment thread, so a note adds no Tab stop
 * for them. Each is shown only when there is something to say.
 */
export function noteMarksView(
  marks: NoteMarks,
  labels: NoteLabels,
  author: string,
  laneTag: LaneKind | null,
): ReactNode[] {
  const out: ReactNode[] = [];
  // The outline is colour; the word says it without colour too.
  if (marks.spotlit)
    out.push(
      <span key="spotlit" className="note-spotlit-badge">
        {labels.spotlit}
      </span>,
    );
  if (laneTag)
    out.push(
      <span key="lane" className={`note-lane-tag note-lane-tag-${laneTag}`}>
        {labels.lane[laneTag]}
      </span>,
    );
  if (author)
    out.push(
      <span key="author" className="note-author">
        {labels.by({ name: author })}
      </span>,
    );
  if (marks.visit) {
    const visit = labels.visit[marks.visit];
    out.push(
      <span key="visit" className={`visit-badge visit-badge-${marks.visit}`} title={visit.label}>
        {visit.word}
        <span className="visually-hidden"> {visit.label}</span>
      </span>,
    );
  }
  if (marks.fedTitles !== '')
    out.push(
      <span key="fed" className="note-initiative-badge">
        {marks.fedTitles
          .split('\n')
          .map((title) => labels.initiative({ title: shorten(title || labels.untitled, 24) }))
          .join(labels.initiativeSeparator)}
      </span>,
    );
  if (marks.editors.length > 0)
    out.push(
      <span key="editors" className="note-editors" style={{ color: marks.editors[0]?.color }}>
        {marks.editors.map((peer) => labels.editingBy({ name: peer.name })).join('、')}
      </span>,
    );
  if (marks.comments > 0) {
    const { comments, freshComments: fresh } = marks;
    const name = fresh > 0 ? labels.commentsWithNew({ count: comments, fresh }) : labels.comments({ count: comments });
    out.push(
      <span key="comments" className="note-badge note-badge-comments" title={name}>
        <CommentIcon />
        <span aria-hidden="true">{comments}</span>
        {fresh > 0 && (
          <span className="comment-new-badge" aria-hidden="true">
            {labels.visit.added.word} {fresh}
          </span>
        )}
        <span className="visually-hidden">{name}</span>
      </span>,
    );
  }
  for (const { emoji, count, mine } of marks.reactions) {
    const Glyph = REACTION_ICONS[emoji];
    const name = labels.reaction[emoji]({ count });
    out.push(
      <span key={emoji} className={`note-badge ${mine ? 'note-badge-mine' : ''}`} title={name}>
        <Glyph />
        <span aria-hidden="true">{count}</span>
        <span className="visually-hidden">{name}</span>
      </span>,
    );
  }
  return out;
}
