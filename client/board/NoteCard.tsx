import { useDraggable, useDroppable } from '@dnd-kit/core';
import type React from 'react';
import { memo, useEffect, useRef, useState } from 'react';
import { applyNoteTextChange, deleteNote, restoreNote } from '../../shared/ops/notes';
import { LOCAL_ORIGIN } from '../../shared/origin';
import type { LaneKind } from '../../shared/records/lane';
import { DiscussionButton } from '../comments/DiscussionButton';
import { ReactionButtons } from '../comments/ReactionButtons';
import { SpotlightButton, useIsSpotlit } from '../facilitation/SpotlightButton';
import { useI18n } from '../i18n/I18nProvider';
import { useFedTitles } from '../initiatives/fedIndex';
import { InitiativeBadge } from '../initiatives/InitiativeBadge';
import { useStoreSelector } from '../lib/store';
import { VisitBadge } from '../visit/VisitBadge';
import { useVisitMark } from '../visit/VisitContext';
import { shorten } from './dnd/announcements';
import type { DropData } from './dnd/dropTarget';
import { GroupDialog } from './GroupDialog';
import { useBoard, useEditorsOf, useNote } from './hooks';
import { LeaveClusterButton, NoteLaneTag } from './MemberControls';
import { NoteColorSelect } from './NoteColorSelect';
import { NoteEditor } from './NoteEditor';
import { countRender } from './renderProbe';
import { useBoardUi } from './ui';

interface NoteCardProps {
  noteId: string;
  pillarId: string;
  lane: LaneKind;
  /** Set when the note is shown inside this cluster's card (its lane is then shown as a tag). */
  clusterId?: string;
}

/** One sticky note. Subscribes to its own note only, so a remote edit elsewhere does not re-render it. */
export const NoteCard = memo(function NoteCard({ noteId, pillarId, lane, clusterId }: NoteCardProps) {
  countRender(`note:${noteId}`);
  const { t } = useI18n();
  const { session, canEditBoard, identity } = useBoard();
  const ui = useBoardUi();
  const note = useNote(noteId);
  const editors = useEditorsOf(noteId);
  const spotlit = useIsSpotlit(noteId);
  const visitMark = useVisitMark(noteId);
  const fedTitles = useFedTitles(session.boardDoc, noteId);
  // Never editable once the board is read-only (e.g. closed for good by the server), even mid-edit.
  const editing = useStoreSelector(ui.editingNoteId, (id) => id === noteId) && canEditBoard;
  const setEditing = (on: boolean) => ui.editingNoteId.set(on ? noteId : null);
  const item = useRef<HTMLLIElement | null>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);
  const [grouping, setGrouping] = useState(false);

  const drag = useDraggable({ id: noteId, disabled: !canEditBoard || editing });
  const dropData: DropData = clusterId
    ? { kind: 'member', noteId, clusterId, pillarId, lane }
    : { kind: 'note', noteId, pillarId, lane };
  const drop = useDroppable({ id: `note:${noteId}`, data: dropData, disabled: !canEditBoard });

  // Presence: tell the others which note this person is editing.
  useEffect(() => {
    if (!editing) return;
    session.awareness.setLocalStateField('editing', noteId);
    return () => session.awareness.setLocalStateField('editing', null);
  }, [editing, noteId, session]);

  useEffect(() => {
    if (wasEditing.current && !editing) editButton.current?.focus();
    wasEditing.current = editing;
  }, [editing]);

  if (!note) return null;
  const label = shorten(note.text);

  function remove() {
    const next = item.current?.nextElementSibling ?? item.current?.previousElementSibling;
    const fallback =
      item.current?.closest('.lane')?.querySelector<HTMLElement>('.quick-entry input') ??
      item.current?.closest('.cluster-card')?.querySelector<HTMLElement>('button');
    deleteNote(session.boardDoc, noteId, Date.now(), LOCAL_ORIGIN, identity);
    (next?.querySelector<HTMLElement>('.note-edit') ?? fallback)?.focus();
    ui.notify({
      message: t('note.deleted', { text: label }),
      action: { label: t('note.undo'), run: () => restoreNote(session.boardDoc, noteId) },
    });
  }

  // Mouse and touch can grab the note anywhere on its text; the keyboard uses the handle (a button), so
  // Enter and Space on the note's other buttons never start a drag.
  const pointerListeners = {
    onMouseDown: drag.listeners?.onMouseDown as React.MouseEventHandler | undefined,
    onTouchStart: drag.listeners?.onTouchStart as React.TouchEventHandler | undefined,
  };

  return (
    <li
      ref={(element) => {
        item.current = element;
        drag.setNodeRef(element);
        drop.setNodeRef(element);
      }}
      className={`note ${drag.isDragging ? 'note-dragging' : ''} ${drop.isOver && !drag.isDragging ? 'note-over' : ''} ${editors.length > 0 ? 'note-remote-editing' : ''} ${spotlit ? 'item-spotlit' : ''} ${visitMark ? `note-visit-${visitMark}` : ''}`}
      style={{ background: note.color, outlineColor: editors[0]?.color }}
      aria-label={t('note.label', { text: label })}
      data-note-id={noteId}
      // Focusable by script only: the since-last-visit list jumps here.
      tabIndex={-1}
    >
      {canEditBoard && (
        <button
          type="button"
          className="drag-handle"
          ref={drag.setActivatorNodeRef}
          {...drag.attributes}
          {...drag.listeners}
          aria-label={t('note.dragHandle', { text: label })}
        >
          <span aria-hidden="true">⠿</span>
        </button>
      )}
      {editing && note.ytext ? (
        <>
          <NoteEditor noteId={noteId} ytext={note.ytext} onDone={() => setEditing(false)} />
          <NoteColorSelect noteId={noteId} color={note.color} />
        </>
      ) : (
        <p className="note-text" {...(canEditBoard ? pointerListeners : {})}>
          {note.text}
        </p>
      )}
      <div className="note-footer">
        {clusterId && <NoteLaneTag lane={lane} />}
        <VisitBadge mark={visitMark} />
        {fedTitles !== '' && <InitiativeBadge titles={fedTitles} />}
        {editors.length > 0 && (
          <span className="note-editors" style={{ color: editors[0]?.color }}>
            {editors.map((peer) => t('note.editingBy', { name: peer.name })).join('、')}
          </span>
        )}
        {note.authorName && <span className="note-author">{t('note.by', { name: note.authorName })}</span>}
      </div>
      <div className="note-social">
        <DiscussionButton targetId={noteId} kind="note" label={note.text} />
        <ReactionButtons targetId={noteId} />
      </div>
      {canEditBoard && !editing && (
        <div className="note-actions">
          <button
            type="button"
            className="note-edit"
            ref={editButton}
            onClick={() => {
              // A note written by another tool with a plain-string text: make it collaborative text first.
              if (!note.ytext) applyNoteTextChange(session.boardDoc, noteId, { index: 0, deleteCount: 0, insert: '' });
              setEditing(true);
            }}
          >
            {t('note.edit')}
          </button>
          <button type="button" onClick={() => ui.openMoveDialog(noteId)}>
            {t('note.moveTo')}
          </button>
          <button type="button" onClick={() => setGrouping(true)}>
            {t('cluster.groupWith')}
          </button>
          {clusterId && <LeaveClusterButton noteId={noteId} />}
          <SpotlightButton itemId={noteId} label={label} />
          <button type="button" onClick={remove}>
            {t('note.delete')}
          </button>
        </div>
      )}
      {grouping && canEditBoard && (
        <GroupDialog noteId={noteId} pillarId={pillarId} onClose={() => setGrouping(false)} />
      )}
    </li>
  );
});
