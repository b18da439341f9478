import type * as Y from 'yjs';
import { settingsRoots } from '../../shared/docs';
import { currentMeetingId } from '../../shared/ops/meetings';
import { type BoardPlan, readBoardPlan } from '../../shared/records/boardPlan';
import { type LaneKind, readLaneLabels } from '../../shared/records/lane';
import { type FollowMe, readFollowMe, readSpotlight, type Spotlight } from '../../shared/records/liveFacilitation';
import { listMeetings, type Meeting } from '../../shared/records/meeting';
import { listMeetingTasks, type MeetingTask } from '../../shared/records/meetingTask';
import { checkSchemaVersion, SETTINGS_SCHEMA_VERSION } from '../../shared/records/meta';
import { type FiscalPeriod, readBoardPeriod } from '../../shared/records/period';
import type { Pillar } from '../../shared/records/pillar';
import { type BoardLock, readArchivedAt, readBoardLock } from '../../shared/records/serverState';
import { type MeetingTimer, readTimer } from '../../shared/records/timer';
import { allPillars, boardTitle } from '../../shared/selectors';
import { createStore, type ReadStore } from '../lib/store';

/** The settings document as the views need it; a new object only when something in it changed. */
export interface BoardSettings {
  title: string;
  /** The fiscal years the board plans for (shared/records/period.ts). */
  period: FiscalPeriod;
  /** The plan period the board is for (the server's word), or null. */
  plan: BoardPlan | null;
  pillars: readonly Pillar[];
  archivedPillars: readonly Pillar[];
  laneLabels: Record<LaneKind, string | null>;
  tooNew: boolean;
  /** The facilitator locked the board: read-only for participants (the server enforces it). */
  lock: BoardLock | null;
  /** The facilitator archived the board: read-only for everyone (the server enforces it). */
  archivedAt: number | null;
  /** The meeting plan, in order, and the meeting under way (null: none chosen). */
  meetings: readonly Meeting[];
  currentMeetingId: string | null;
  /** Tasks due between meetings, by due date. */
  meetingTasks: readonly MeetingTask[];
  /** The meeting timer (server clock), or null when none is set. */
  timer: MeetingTimer | null;
  /** The note or cluster the facilitator points everyone to. */
  spotlight: Spotlight | null;
  /** Follow-me: whose view participants may follow. */
  followMe: FollowMe | null;
}

function read(doc: Y.Doc): BoardSettings {
  const pillars = allPillars(doc);
  return {
    title: boardTitle(doc),
    period: readBoardPeriod(doc, Date.now()),
    plan: readBoardPlan(doc),
    pillars: pillars.filter((p) => p.archivedAt === null),
    archivedPillars: pillars.filter((p) => p.archivedAt !== null),
    laneLabels: readLaneLabels(settingsRoots.laneLabels(doc)),
    tooNew: checkSchemaVersion(settingsRoots.meta(doc), SETTINGS_SCHEMA_VERSION).kind === 'too-new',
    lock: readBoardLock(doc),
    archivedAt: readArchivedAt(doc),
    meetings: listMeetings(settingsRoots.meetings(doc)),
    currentMeetingId: currentMeetingId(doc),
    meetingTasks: listMeetingTasks(doc),
    timer: readTimer(doc),
    spotlight: readSpotlight(doc),
    followMe: readFollowMe(doc),
  };
}

export function createSettingsStore(doc: Y.Doc): ReadStore<BoardSettings> & { destroy(): void } {
  const store = createStore(read(doc));
  let lastJson = JSON.stringify(store.get());
  const onUpdate = () => {
    const next = read(doc);
    const json = JSON.stringify(next);
    if (json !== lastJson) {
      lastJson = json;
      store.set(next);
    }
  };
  doc.on('update', onUpdate);
  return { get: store.get, subscribe: store.subscribe, destroy: () => doc.off('update', onUpdate) };
}
