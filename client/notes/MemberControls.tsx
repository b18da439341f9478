import type { LaneKind } from '../../shared/records/lane';
import { useLaneLabel } from '../session/hooks';

/** The lane a note in a cluster belongs to (課題 / 達成目標 / アイデア): a cluster mixes lanes. */
export function NoteLaneTag({ lane }: { lane: LaneKind }) {
  const label = useLaneLabel(lane);
  return <span className={`note-lane-tag note-lane-tag-${lane}`}>{label}</span>;
}
