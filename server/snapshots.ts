import { nanoid } from 'nanoid';
import { settingsRoots } from '../shared/docs.js';
import { SNAPSHOT_NAME_MAX } from '../shared/limits.js';
import { currentMeetingId } from '../shared/ops/meetings.js';
import { listMeetings } from '../shared/records/meeting.js';
import type { Actor } from './audit.js';
import { HttpError } from './httpUtil.js';
import type { Log } from './log.js';
import type { Room, Rooms } from './rooms.js';
import {
  SnapshotLimitError,
  type SnapshotMeta,
  type SnapshotReason,
  type SnapshotStates,
  type SnapshotStore,
} from './snapshotStore.js';
import type { BoardStore } from './storage.js';

/** The suffix of an automatic snapshot's name: 「キックオフ終了時」. */
export const MEETING_END_SUFFIX = '終了時';

export interface SnapshotsOptions {
  store: SnapshotStore;
  rooms: Rooms;
  boards: BoardStore;
  log: Log;
}

/**
 * Taking named snapshots of a board, by hand and automatically when the facilitator moves on from one meeting
 * to a later one. A snapshot is read from the loaded rooms' committed documents, both in one synchronous
 * turn after the joins, so it is one consistent state whatever clients are sending meanwhile.
 */
export class Snapshots {
  /** Per board, the automatic checks run one after the other (each reads what the previous one recorded). */
  private readonly meetingChecks = new Map<string, Promise<void>>();

  constructor(private readonly options: SnapshotsOptions) {
    options.rooms.onLoaded((room) => {
      if (room.kind !== 'settings') return;
      // Each committed change of `facilitation` (the meeting under way), and once now: a move the server
      // saw committed but could not snapshot before it stopped is caught up on the next load.
      settingsRoots.facilitation(room.doc).observe(() => this.checkMeeting(room.boardId));
      this.checkMeeting(room.boardId);
    });
  }

  /** The committed states of both documents, loading their rooms if needed; read in one synchronous turn. */
  async currentStates(boardId: string): Promise<SnapshotStates> {
    const [board, settings] = await Promise.all([
      this.options.rooms.join(boardId, 'board'),
      this.options.rooms.join(boardId, 'settings'),
    ]);
    if (board.kind !== 'room' || settings.kind !== 'room') {
      throw new HttpError(409, 'this board was written by a newer version of the server; update the server');
    }
    return { board: board.room.fullState(), settings: settings.room.fullState() };
  }

  /** A snapshot saved by `actor` (the facilitator), now. */
  async save(boardId: string, name: string, actor: Actor): Promise<SnapshotMeta> {
    const states = await this.currentStates(boardId);
    try {
      return await this.options.store.add(boardId, newMeta(name, 'manual', null, actor), states);
    } catch (error) {
      if (error instanceof SnapshotLimitError) throw new HttpError(409, error.message);
      throw error;
    }
  }

  /** Resolves once the automatic checks queued so far for the board are done (tests, shutdown). */
  settled(boardId: string): Promise<void> {
    return this.meetingChecks.get(boardId) ?? Promise.resolve();
  }

  private checkMeeting(boardId: string): void {
    // After the transaction that changed it (observers run inside it, before the room's state is updated).
    const previous = this.meetingChecks.get(boardId) ?? Promise.resolve();
    const next = previous
      .then(() => this.meetingMoved(boardId))
      .catch((error: unknown) => {
        this.options.log(
          `board ${boardId}: automatic snapshot failed: ${error instanceof Error ? error.message : error}`,
        );
      });
    this.meetingChecks.set(boardId, next);
    next.finally(() => {
      if (this.meetingChecks.get(boardId) === next) this.meetingChecks.delete(boardId);
    });
  }

  /**
   * Compares the meeting under way with the one last recorded for the board. Moving on to a later meeting of
   * the plan takes the snapshot named after the meeting that ended; moving back, or the first look at a
   * board, only records where it is. The record and the snapshot are stored in one transaction.
   */
  private async meetingMoved(boardId: string): Promise<void> {
    const settings = this.options.rooms.get(boardId, 'settings');
    if (!settings || !(await this.options.boards.getBoard(boardId))) return; // unloaded or deleted: the next load checks
    const store = this.options.store;
    const underWay = currentMeetingId(settings.doc);
    const seen = await store.seenMeeting(boardId);
    if (seen === underWay) return;
    const ended = seen ? endedMeeting(settings, seen, underWay) : null;
    if (!ended) return store.setSeenMeeting(boardId, underWay);
    const states = await this.currentStates(boardId);
    // Recorded: the meeting this check saw. Had it moved again meanwhile, that move queued its own check.
    const name = `${ended.title.slice(0, SNAPSHOT_NAME_MAX - MEETING_END_SUFFIX.length)}${MEETING_END_SUFFIX}`;
    const meta = newMeta(name, 'meeting', ended.id, null);
    try {
      await store.addForMeeting(boardId, meta, states, underWay);
    } catch (error) {
      if (!(error instanceof SnapshotLimitError)) throw error;
      this.options.log(`board ${boardId}: no automatic snapshot at the end of ${ended.title}: ${error.message}`);
      await store.setSeenMeeting(boardId, underWay);
    }
  }
}

/**
 * The meeting `seen` when the plan now has a later one under way, or none at all (the facilitator ended the
 * last meeting); null when not a move forward.
 */
function endedMeeting(settings: Room, seen: string, underWay: string | null) {
  const meetings = listMeetings(settingsRoots.meetings(settings.doc));
  const from = meetings.findIndex((m) => m.id === seen);
  if (from < 0) return null;
  if (underWay === null) return meetings[from]!;
  const to = meetings.findIndex((m) => m.id === underWay);
  return to > from ? meetings[from]! : null;
}

function newMeta(name: string, reason: SnapshotReason, meetingId: string | null, actor: Actor | null): SnapshotMeta {
  return { id: nanoid(12), name, reason, meetingId, createdAt: Date.now(), createdBy: actor };
}
