import { useDraggable, useDroppable } from '@dnd-kit/core';
import type React from 'react';
import { memo, useEffect, useRef } from 'react';
import type { LaneKind } from '../../shared/records/lane';
import { useActions } from '../ui/ActionsContext';
import './notes.css';
import { useIsSpotlit } from '../facilitation/SpotlightButton';
import { useI18n } from '../i18n/I18nProvider';
import { useFedTitles } from '../initiatives/fedIndex';
import { InitiativeBadge } from '../initiatives/InitiativeBadge';
import { countRender } from '../lib/renderProbe';
import { shorten } from '../lib/shorten';
import { useStoreSelector } from '../lib/store';
import { useBoard, useEditorsOf, useNote } from '../session/hooks';
import { useBoardUi } from '../ui/boardUi';
import { IconButton } from '../ui/IconButton';
import { MoreIcon } from '../ui/icons';
import { VisitBadge } from '../visit/VisitBadge';
import { useVisitMark } from '../visit/VisitContext';
import type { DropData } from './dnd/dropTarget';
import { NoteLaneTag } from './MemberControls';
import { NoteBadges } from './NoteBadges';
import { NoteColorSelect } from './NoteColorSelect';
import { NoteEditor } from './NoteEditor';
import { moveFocusAmongNotes } from './roving';

interface NoteCardProps {
  noteId: string;
  pillarId: string;
  lane: LaneKind;
  /** Set when the note is shown inside this cluster's card (its lane is then shown as a tag). */
  clusterId?: string;
  /** The one note of its list that Tab reaches (roving tabindex); arrows move among the others. */
  tabbable: boolean;
  /** Told when the focus enters this note, so its list makes it the Tab stop. */
  onNoteFocus: (noteId: string) => void;
}

/**
 * One sticky note: its text, then quiet marks (author, lane, new, initiative, who edits, counts) and one 「…」
 * button for its actions menu. The note itself takes the focus: Enter edits, Space lifts it for moving, Shift+F10
 * opens the menu, letters run the menu's shortcuts. Subscribes to its own note only, so a remote edit elsewhere
 * does not re-render it.
 */
export const NoteCard = memo(function NoteCard({
  noteId,
  pillarId,
  lane,
  clusterId,
  tabbable,
  onNoteFocus,
}: NoteCardProps) {
  countRender(`note:${noteId}`);
  const { t } = useI18n();
  const { session, canEditBoard } = useBoard();
  const ui = useBoardUi();
  const actions = useActions();
  const note = useNote(noteId);
  const editors = useEditorsOf(noteId);
  const spotlit = useIsSpotlit(noteId);
  const visitMark = useVisitMark(noteId);
  const fedTitles = useFedTitles(session.boardDoc, noteId);
  // Never editable once the board is read-only (e.g. closed for good by the server), even mid-edit.
  const editing = useStoreSelector(ui.editingNoteId, (id) => id === noteId) && canEditBoard;
  const menuOpen = useStoreSelector(actions.menu, (menu) => menu?.noteId === noteId);
  const item = useRef<HTMLLIElement | null>(null);
  const menuButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);

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

  // The editor closed: the focus comes back to the note, unless it is already elsewhere (another note's
  // editor opened meanwhile and took it: typing goes there).
  useEffect(() => {
    const active = document.activeElement;
    if (wasEditing.current && !editing && (!active || active === document.body || item.current?.contains(active))) {
      item.current?.focus();
    }
    wasEditing.current = editing;
  }, [editing]);

  if (!note) return null;
  const label = shorten(note.text);

  function onKeyDown(event: React.KeyboardEvent<HTMLLIElement>) {
    // While lifted, the keys are dnd-kit's (arrows move, Space or Enter drops, Escape cancels).
    if (drag.isDragging) return;
    if (event.target === event.currentTarget && moveFocusAmongNotes(event)) return;
    if (actions.onNoteKey(event, noteId, menuButton.current)) return;
    // Space lifts the note (only when the note itself has the focus: dnd-kit checks the activator).
    drag.listeners?.onKeyDown?.(event);
  }

  // Mouse and touch grab the note by its text; the keyboard lifts it with Space on the note itself.
  const pointerListeners = {
    onMouseDown: drag.listeners?.onMouseDown as React.MouseEventHandler | undefined,
    onTouchStart: drag.listeners?.onTouchStart as React.TouchEventHandler | undefined,
  };

  return (
    <li
      ref={(element) => {
        item.current = element;
        drag.setNodeRef(element);
        drag.setActivatorNodeRef(element);
        drop.setNodeRef(element);
      }}
      className={`note ${drag.isDragging ? 'note-dragging' : ''} ${drop.isOver && !drag.isDragging ? 'note-over' : ''} ${editors.length > 0 ? 'note-remote-editing' : ''} ${spotlit ? 'item-spotlit' : ''} ${visitMark ? `note-visit-${visitMark}` : ''}`}
      style={{ background: note.color, outlineColor: editors[0]?.color }}
      aria-label={t('note.label', { text: label })}
      aria-describedby={canEditBoard ? drag.attributes['aria-describedby'] : undefined}
      data-note-id={noteId}
      tabIndex={tabbable ? 0 : -1}
      onFocus={() => onNoteFocus(noteId)}
      onKeyDown={onKeyDown}
    >
      {editing && note.ytext ? (
        <>
          <NoteEditor noteId={noteId} ytext={note.ytext} onDone={() => ui.editingNoteId.set(null)} />
          <NoteColorSelect noteId={noteId} color={note.color} />
        </>
      ) : (
        <p className="note-text" {...(canEditBoard ? pointerListeners : {})}>
          {note.text}
        </p>
      )}
      <div className="note-footer">
        {/* The outline is colour; the word says it without colour too. */}
        {spotlit && <span className="note-spotlit-badge">{t('spotlight.badge')}</span>}
        {clusterId && <NoteLaneTag lane={lane} />}
        {note.authorName && <span className="note-author">{t('note.by', { name: note.authorName })}</span>}
        <VisitBadge mark={visitMark} />
        {fedTitles !== '' && <InitiativeBadge titles={fedTitles} />}
        {editors.length > 0 && (
          <span className="note-editors" style={{ color: editors[0]?.color }}>
            {editors.map((peer) => t('note.editingBy', { name: peer.name })).join('、')}
          </span>
        )}
        <NoteBadges noteId={noteId} />
        <IconButton
          ref={menuButton}
          className="note-menu-button"
          icon={<MoreIcon />}
          tooltip={t('noteMenu.tooltip')}
          label={t('noteMenu.button', { text: label })}
          aria-haspopup="menu"
          aria-expanded={menuOpen}
          tabIndex={tabbable ? 0 : -1}
          onClick={(event) => actions.openMenu(noteId, event.currentTarget)}
          onKeyDown={(event) => {
            if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
            event.preventDefault();
            event.stopPropagation();
            actions.openMenu(noteId, event.currentTarget);
          }}
        />
      </div>
    </li>
  );
});
