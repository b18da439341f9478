import { leaveCluster } from '../../shared/ops/clusters';
import type { LaneKind } from '../../shared/records/lane';
import { useI18n } from '../i18n/I18nProvider';
import { shorten } from './dnd/announcements';
import { useBoard, useLaneLabel, useLaneLabelText } from './hooks';
import { useBoardUi } from './ui';

/** The lane a note in a cluster belongs to (課題 / 達成目標 / アイデア): a cluster mixes lanes. */
export function NoteLaneTag({ lane }: { lane: LaneKind }) {
  const label = useLaneLabel(lane);
  return <span className={`note-lane-tag note-lane-tag-${lane}`}>{label}</span>;
}

/** 「グループから外す」: the note goes back to the end of its own lane in the cluster's pillar. */
export function LeaveClusterButton({ noteId }: { noteId: string }) {
  const { t } = useI18n();
  const { session } = useBoard();
  const ui = useBoardUi();
  const laneLabel = useLaneLabelText();
  function leave() {
    const note = session.noteSnapshots.get(noteId);
    const lane = note?.place?.lane;
    const result = leaveCluster(session.boardDoc, noteId);
    if (!result.ok) {
      ui.notify({ message: t(`error.${result.error}`), tone: 'error' });
      return;
    }
    const laneName = lane ? laneLabel(lane, session.settings.get().laneLabels[lane]) : '';
    ui.announce(t('cluster.left', { text: shorten(note?.text ?? ''), lane: laneName }));
    // The note is now in its lane: keep the focus on it there.
    requestAnimationFrame(() => {
      document.querySelector<HTMLElement>(`[data-note-id="${CSS.escape(noteId)}"] .note-edit`)?.focus();
    });
  }
  return (
    <button type="button" onClick={leave}>
      {t('cluster.leave')}
    </button>
  );
}
