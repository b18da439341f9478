import { useMemo } from 'react';
import { settingsRoots } from '../../shared/docs';
import { type ClusterItem, itemLabel, listItems } from '../../shared/items';
import { LANE_KINDS, readLaneLabels } from '../../shared/records/lane';
import type { Note } from '../../shared/records/note';
import {
  activePillars,
  laneKey,
  listNotes,
  listUnplacedNotes,
  liveNotesByLane,
  readClusters,
} from '../../shared/selectors';
import { useI18n } from '../i18n/I18nProvider';
import { useLaneLabelText } from '../session/hooks';
import type { SnapshotDocs } from './snapshotsApi';
import '../i18n/documentMessages';

/**
 * A snapshot shown read-only: by pillar, its lanes, its groups and their notes, read through the board's own
 * selectors from documents nothing connects. A list rather than the live board's components: those are bound
 * to the live session (editing, presence, drag and drop), none of which a snapshot has.
 */
export function SnapshotBoard({ docs }: { docs: SnapshotDocs }) {
  const { t } = useI18n();
  const laneLabel = useLaneLabelText();
  const view = useMemo(() => {
    const notes = listNotes(docs.board);
    const clusters = readClusters(docs.board);
    const pillars = activePillars(docs.settings);
    const clusterItems = listItems(docs.board, notes, clusters).filter(
      (item): item is ClusterItem => item.kind === 'cluster',
    );
    return {
      pillars,
      lanes: liveNotesByLane(docs.board, notes, clusters),
      clusters: clusterItems,
      unplaced: listUnplacedNotes(docs.board, pillars, notes, clusters),
      labels: readLaneLabels(settingsRoots.laneLabels(docs.settings)),
    };
  }, [docs]);

  return (
    <div className="snapshot-board">
      {view.pillars.map((pillar) => (
        <section key={pillar.id} className="snapshot-pillar" aria-label={pillar.title}>
          <h3>{pillar.title}</h3>
          {LANE_KINDS.map((lane) => {
            const notes = view.lanes.get(laneKey(pillar.id, lane)) ?? [];
            const label = laneLabel(lane, view.labels[lane]);
            return (
              <NoteList
                key={lane}
                heading={`${label}（${t('snapshot.count', { count: notes.length })}）`}
                notes={notes}
              />
            );
          })}
          {view.clusters
            .filter((cluster) => cluster.pillarId === pillar.id)
            .map((cluster) => (
              <NoteList
                key={cluster.id}
                heading={t('snapshot.cluster', { title: itemLabel(cluster) })}
                notes={cluster.notes}
              />
            ))}
        </section>
      ))}
      {view.unplaced.length > 0 && (
        <section className="snapshot-pillar" aria-label={t('snapshot.noPillar')}>
          <h3>{t('snapshot.noPillar')}</h3>
          <NoteList heading={t('snapshot.count', { count: view.unplaced.length })} notes={view.unplaced} />
        </section>
      )}
    </div>
  );
}

function NoteList({ heading, notes }: { heading: string; notes: readonly Note[] }) {
  return (
    <div className="snapshot-lane">
      <h4>{heading}</h4>
      {notes.length > 0 && (
        <ul aria-label={heading}>
          {notes.map((note) => (
            <li key={note.id} className="snapshot-note" style={{ borderLeftColor: note.color }}>
              {note.text}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
