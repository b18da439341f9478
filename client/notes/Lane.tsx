import { useDroppable } from '@dnd-kit/core';
import type { LaneKind } from '../../shared/records/lane';
import type { Pillar } from '../../shared/records/pillar';
import { useI18n } from '../i18n/I18nProvider';
import { countRender } from '../lib/renderProbe';
import { useBoard, useLaneLabel, useLaneNoteIds, useNotesAbove } from '../session/hooks';
import type { DropData } from './dnd/dropTarget';
import { useShownNotes } from './firstPaint';
import { NoteCard } from './NoteCard';
import { useNoteIndex } from './NoteIndexContext';
import { useNoteChunks } from './noteChunks';
import { useNoteLabels } from './noteLabels';
import { useNoteListEvents } from './noteListEvents';
import { QuickEntry } from './QuickEntry';
import { useRovingNotes } from './roving';

export function Lane({ pillar, lane }: { pillar: Pillar; lane: LaneKind }) {
  countRender(`lane:${pillar.id}:${lane}`);
  const { t } = useI18n();
  const { canEditBoard } = useBoard();
  const label = useLaneLabel(lane);
  const noteIds = useLaneNoteIds(pillar.id, lane);
  const notesAbove = useNotesAbove(pillar.id, lane);
  const shownIds = useShownNotes(noteIds, notesAbove);
  const { tabbableId, onNoteFocus } = useRovingNotes(noteIds);
  const data: DropData = { kind: 'lane', pillarId: pillar.id, lane };
  const { setNodeRef, isOver, active } = useDroppable({
    id: `lane:${pillar.id}:${lane}`,
    data,
    disabled: !canEditBoard,
  });
  // What every note of the lane shares, read once here and passed down (a note reads no context).
  const index = useNoteIndex();
  const labels = useNoteLabels();
  const listEvents = useNoteListEvents({ onNoteFocus, dragging: active !== null, index, canEditBoard });
  const { chunks, listProps } = useNoteChunks(shownIds, active !== null);
  const regionLabel = t('lane.region', { pillar: pillar.title, lane: label });
  return (
    <section ref={setNodeRef} className={`lane lane-${lane} ${isOver ? 'lane-over' : ''}`} aria-label={regionLabel}>
      <header className="lane-header">
        <h3 className="lane-title">{label}</h3>
        <span className="lane-count">{t('lane.count', { count: noteIds.length })}</span>
      </header>
      {noteIds.length === 0 ? (
        <p className="lane-empty">{t('lane.empty')}</p>
      ) : (
        // A list of chunks of notes (noteChunks.ts): the list's role is on the outer element, a chunk has none.
        // biome-ignore lint/a11y/useSemanticElements: a <ul> holds only <li>; its items are inside chunks here.
        <div
          role="list"
          className="note-list note-list-chunked"
          aria-label={regionLabel}
          {...listEvents}
          {...listProps}
        >
          {chunks.map((chunk) => (
            <ul key={chunk.key} role="none" className="note-chunk">
              {chunk.ids.map((id) => (
                <NoteCard
                  key={id}
                  noteId={id}
                  pillarId={pillar.id}
                  lane={lane}
                  tabbable={id === tabbableId}
                  canEditBoard={canEditBoard}
                  dropTargets={active !== null}
                  lifted={active?.id === id}
                  index={index}
                  labels={labels}
                />
              ))}
            </ul>
          ))}
        </div>
      )}
      {canEditBoard && <QuickEntry pillarId={pillar.id} lane={lane} label={`${pillar.title} ${label}`} />}
    </section>
  );
}
