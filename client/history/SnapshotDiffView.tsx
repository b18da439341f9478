import type { MessageKey } from '../../shared/i18n/ja';
import type { LaneKind } from '../../shared/records/lane';
import type {
  ClusterRename,
  DiffCluster,
  DiffNote,
  NoteChange,
  NoteChangeField,
  RemovedNote,
  SnapshotDiff,
} from '../../shared/snapshotDiff';
import { useI18n } from '../i18n/I18nProvider';
import { useLaneLabelText } from '../session/hooks';
import { InitiativesDiffView, initiativeChangeCount } from './InitiativesDiffView';
import '../i18n/documentMessages';

const FIELD_KEYS: Record<NoteChangeField, MessageKey> = {
  text: 'snapshot.field.text',
  pillar: 'snapshot.field.pillar',
  lane: 'snapshot.field.lane',
  cluster: 'snapshot.field.cluster',
  color: 'snapshot.field.color',
};

interface PillarGroup {
  id: string | null;
  title: string;
  added: DiffNote[];
  removed: RemovedNote[];
  changed: NoteChange[];
  clusters: string[];
}

/** The summary sentence (shown and announced). */
export function diffSummary(t: ReturnType<typeof useI18n>['t'], diff: SnapshotDiff): string {
  const { notes, clusters } = diff;
  const summary = t('snapshot.diffSummary', {
    added: notes.added.length,
    removed: notes.removed.length,
    changed: notes.changed.length,
    clusters: clusters.added.length + clusters.removed.length + clusters.renamed.length,
  });
  const initiatives = initiativeChangeCount(diff.initiatives);
  return initiatives > 0 ? summary + t('snapshot.diffSummaryInitiatives', { count: initiatives }) : summary;
}

/** What changed, by pillar: added, removed and changed notes with their texts, and the groups' changes. */
export function SnapshotDiffView({ diff }: { diff: SnapshotDiff }) {
  const { t } = useI18n();
  const laneLabel = useLaneLabelText();
  const pillarTitle = new Map(diff.pillars.map((p) => [p.id, p.title]));
  const groups = new Map<string | null, PillarGroup>();
  const group = (pillarId: string | null) => {
    const id = pillarId !== null && pillarTitle.has(pillarId) ? pillarId : null;
    let found = groups.get(id);
    if (!found) {
      found = {
        id,
        title: id === null ? t('snapshot.noPillar') : pillarTitle.get(id)!,
        added: [],
        removed: [],
        changed: [],
        clusters: [],
      };
      groups.set(id, found);
    }
    return found;
  };
  for (const note of diff.notes.added) group(note.pillarId).added.push(note);
  for (const note of diff.notes.removed) group(note.pillarId).removed.push(note);
  for (const change of diff.notes.changed) group(change.after.pillarId).changed.push(change);
  const clusterText = (
    cluster: DiffCluster | ClusterRename,
    key: 'snapshot.clusterAdded' | 'snapshot.clusterRemoved' | 'snapshot.clusterRenamed',
  ) =>
    'title' in cluster ? t(key, { title: cluster.title }) : t(key, { before: cluster.before, after: cluster.after });
  for (const c of diff.clusters.added) group(c.pillarId).clusters.push(clusterText(c, 'snapshot.clusterAdded'));
  for (const c of diff.clusters.removed) group(c.pillarId).clusters.push(clusterText(c, 'snapshot.clusterRemoved'));
  for (const c of diff.clusters.renamed) group(c.pillarId).clusters.push(clusterText(c, 'snapshot.clusterRenamed'));
  const ordered = [...diff.pillars.map((p) => groups.get(p.id)), groups.get(null)].filter(
    (g): g is PillarGroup => g !== undefined,
  );

  const place = (note: DiffNote) =>
    t('snapshot.place', {
      pillar: (note.pillarId && pillarTitle.get(note.pillarId)) || t('snapshot.noPillar'),
      lane: note.lane ? laneLabel(note.lane as LaneKind, null) : '',
    });

  if (ordered.length === 0 && initiativeChangeCount(diff.initiatives) === 0) return <p>{t('snapshot.diffNone')}</p>;
  return (
    <div className="snapshot-diff">
      {ordered.map((g) => (
        <section key={g.id ?? ''} className="snapshot-pillar" aria-label={g.title}>
          <h3>{g.title}</h3>
          {g.added.length > 0 && (
            <DiffList heading={t('snapshot.added')} kind="added">
              {g.added.map((note) => (
                <li key={note.id}>
                  <span className="snapshot-note-text">{note.text}</span> <small>{place(note)}</small>
                </li>
              ))}
            </DiffList>
          )}
          {g.removed.length > 0 && (
            <DiffList heading={t('snapshot.removed')} kind="removed">
              {g.removed.map((note) => (
                <li key={note.id}>
                  <span className="snapshot-note-text">{note.text}</span> <small>{place(note)}</small>
                  {note.deleted && <small>（{t('snapshot.removedToTrash')}）</small>}
                </li>
              ))}
            </DiffList>
          )}
          {g.changed.length > 0 && (
            <DiffList heading={t('snapshot.changed')} kind="changed">
              {g.changed.map((change) => (
                <li key={change.id}>
                  <p className="snapshot-change-fields">
                    {t('snapshot.changedFields', { fields: change.fields.map((f) => t(FIELD_KEYS[f])).join('、') })}
                  </p>
                  {change.fields.includes('text') ? (
                    <>
                      <p className="snapshot-before">{t('snapshot.beforeText', { text: change.before.text })}</p>
                      <p className="snapshot-after">{t('snapshot.afterText', { text: change.after.text })}</p>
                    </>
                  ) : (
                    <p className="snapshot-note-text">{change.after.text}</p>
                  )}
                  {(change.fields.includes('pillar') || change.fields.includes('lane')) && (
                    <p>
                      <small>
                        {place(change.before)} → {place(change.after)}
                      </small>
                    </p>
                  )}
                </li>
              ))}
            </DiffList>
          )}
          {g.clusters.length > 0 && (
            <DiffList heading={t('snapshot.field.cluster')} kind="clusters">
              {g.clusters.map((text) => (
                <li key={text}>{text}</li>
              ))}
            </DiffList>
          )}
        </section>
      ))}
      <InitiativesDiffView diff={diff.initiatives} />
    </div>
  );
}

function DiffList({ heading, kind, children }: { heading: string; kind: string; children: React.ReactNode }) {
  return (
    <div className={`snapshot-diff-${kind}`}>
      <h4>{heading}</h4>
      <ul aria-label={heading}>{children}</ul>
    </div>
  );
}
