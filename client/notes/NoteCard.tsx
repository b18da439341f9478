import { memo, useCallback, useRef, useSyncExternalStore } from 'react';
import type { LaneKind } from '../../shared/records/lane';
import './notes.css';
import { countRender } from '../lib/renderProbe';
import { shorten } from '../lib/shorten';
import type { DropData } from './dnd/dropTarget';
import { NoteColorSelect } from './NoteColorSelect';
import { NoteEditor } from './NoteEditor';
import { DND_INSTRUCTIONS_ID, NoteDragBinding, NoteDropBinding } from './noteDrag';
import type { NoteIndex } from './noteIndex';
import type { NoteLabels } from './noteLabels';
import { noteMarksView } from './noteMarksView';

interface NoteCardProps {
  noteId: string;
  pillarId: string;
  /** The lane whose list shows it; a note inside a cluster's card shows its own lane as a tag instead. */
  lane?: LaneKind;
  /** Set when the note is shown inside this cluster's card. */
  clusterId?: string;
  /** The one note of its list that Tab reaches (roving tabindex); arrows move among the others. */
  tabbable: boolean;
  canEditBoard: boolean;
  /** A drag is on (every note is then a drop target), and whether this note is the one lifted. */
  dropTargets: boolean;
  lifted: boolean;
  /** The board's note index: this note's fields and marks, and its one subscription. */
  index: NoteIndex;
  /** The words of every card, looked up once for all of them. */
  labels: NoteLabels;
}

/**
 * One sticky note: its text, then quiet marks (author, lane, new, initiative, who edits, counts) and one 「…」
 * button for its actions menu. The note itself takes the focus: Enter edits, Space lifts it for moving, Shift+F10
 * opens the menu, letters run the menu's shortcuts (those keys, the pointer, the focus and the 「…」 button's clicks
 * are handled by its list, noteListEvents.ts). A note is cheap, for boards of thousands: it reads everything
 * through the board's note index and is told by it when its own note or marks change (one listener, no hook per
 * badge, no context), so a colleague's edit re-renders that note alone; words come from its list; its editor,
 * its menu and its drag and drop hooks (noteDrag.tsx) are mounted only when needed.
 */
export const NoteCard = memo(function NoteCard({
  noteId,
  pillarId,
  lane: listLane,
  clusterId,
  tabbable,
  canEditBoard,
  dropTargets,
  lifted,
  index,
  labels,
}: NoteCardProps) {
  countRender(`note:${noteId}`);
  // Its one subscription: to its own note and marks in the board's index. useSyncExternalStore, so a colleague's
  // edit renders in the task that received it (an update scheduled otherwise could miss the next frame).
  const subscribe = useCallback((listener: () => void) => index.subscribe(noteId, listener), [index, noteId]);
  useSyncExternalStore(subscribe, () => index.version(noteId));
  const note = index.note(noteId);
  const marks = index.marks(noteId);
  // Never editable once the board is read-only (e.g. closed for good by the server), even mid-edit.
  const editing = marks.editing && canEditBoard;
  const lane = listLane ?? note?.place?.lane ?? 'problem';

  const element = useRef<HTMLLIElement>(null);

  if (!note) return null;
  const label = shorten(note.text);
  const classes = ['note'];
  if (lifted) classes.push('note-dragging');
  if (marks.editors.length > 0) classes.push('note-remote-editing');
  if (marks.spotlit) classes.push('item-spotlit');
  if (marks.visit) classes.push(`note-visit-${marks.visit}`);
  const dropData: DropData = clusterId
    ? { kind: 'member', noteId, clusterId, pillarId, lane }
    : { kind: 'note', noteId, pillarId, lane };

  return (
    <>
      <li
        ref={element}
        // Not redundant: in a lane the <ul> around it is a chunk with role="none", whose items would lose theirs.
        // biome-ignore lint/a11y/noRedundantRoles: see above (noteChunks.ts)
        role="listitem"
        className={classes.join(' ')}
        style={{ background: note.color, outlineColor: marks.editors[0]?.color }}
        aria-label={labels.note({ text: label })}
        aria-describedby={canEditBoard ? DND_INSTRUCTIONS_ID : undefined}
        data-note-id={noteId}
        tabIndex={tabbable ? 0 : -1}
      >
        {editing && note.ytext ? (
          <>
            <NoteEditor noteId={noteId} ytext={note.ytext} />
            <NoteColorSelect noteId={noteId} color={note.color} />
          </>
        ) : (
          // Mouse and touch grab the note by its text (its list passes the press to dnd-kit).
          <p className="note-text">{note.text}</p>
        )}
        <div className="note-footer">
          {noteMarksView(marks, labels, note.authorName, clusterId ? lane : null)}
          {/* Its icon and tooltip are drawn by CSS (notes.css): a button per note, no SVG or tooltip element. */}
          <button
            type="button"
            className="icon-button note-menu-button"
            aria-label={labels.menuButton({ text: label })}
            data-tooltip={labels.menuTooltip}
            aria-haspopup="menu"
            aria-expanded={marks.menuOpen}
            tabIndex={tabbable ? 0 : -1}
          />
        </div>
      </li>
      {/* After the <li>, so its element is set when they bind to it. */}
      {canEditBoard && (lifted || index.armed(noteId)) && (
        <NoteDragBinding noteId={noteId} element={element} disabled={editing} index={index} />
      )}
      {canEditBoard && dropTargets && (
        <NoteDropBinding noteId={noteId} element={element} data={dropData} lifted={lifted} />
      )}
    </>
  );
});
