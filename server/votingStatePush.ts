import * as encoding from 'lib0/encoding';
import { MESSAGE } from '../shared/protocol.js';
import type { PrivateVotingState } from '../shared/records/voting.js';
import type { ConnectionRegistry, RegisteredConnection } from './connections.js';
import type { Log } from './log.js';
import { countVoters, privateVotingState } from './privateVotingState.js';
import type { Rooms } from './rooms.js';
import { StatePushQueue } from './statePushQueue.js';
import type { VotingItems } from './votingItems.js';
import type { VotingStore } from './votingStore.js';

// Telling each board connection its own voting state over the websocket (message type 100): when to tell,
// to whom, and only when it changed. Apart from the rules of voting, which only say that it changed.

/** How long a burst of board edits during an open round waits before ballots are told again (ms). */
const BOARD_CHANGE_SETTLE_MS = 300;

/** The frame that tells one connection its own voting state (docs/api.md, message type 100). */
export function encodeVotingState(state: PrivateVotingState): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE.voting);
  encoding.writeVarString(encoder, JSON.stringify(state));
  return encoding.toUint8Array(encoder);
}

/** Pushes each board connection of our client its own voting state (never anyone else's). */
export class VotingStatePush {
  /** The JSON last sent to each connection: a state is sent again only when it changed. */
  private readonly sent = new WeakMap<RegisteredConnection, string>();
  private readonly settleTimers = new Map<string, NodeJS.Timeout>();
  private readonly queue: StatePushQueue;

  constructor(
    private readonly options: { store: VotingStore; rooms: Rooms; connections: ConnectionRegistry; log: Log },
    private readonly items: VotingItems,
  ) {
    this.queue = new StatePushQueue((boardId, error) =>
      options.log(`board ${boardId}: could not tell the voting state: ${String(error)}`),
    );
    options.connections.onAdded((boardId, connection) => {
      // After the connection's greeting; its room (the board document) is loaded. Never rejects (see refresh).
      if (connection.doc === 'board') queueMicrotask(() => void this.refresh(boardId, [connection]));
    });
  }

  /**
   * Tells each board connection (or the given ones) its own state, when it changed since last told. Each
   * frame is computed from that connection's own access: one person's ballot never reaches another. Resolves
   * once told; never rejects: a failure is logged (the vote itself holds, and the next change tells again).
   */
  refresh(boardId: string, only?: RegisteredConnection[]): Promise<void> {
    return this.queue.run(boardId, () => this.tell(boardId, only));
  }

  /** The board changed what dots count for: during an open round, ballots are told again once edits settle. */
  boardChanged(boardId: string): void {
    if (this.settleTimers.has(boardId)) return;
    const timer = setTimeout(() => {
      this.settleTimers.delete(boardId);
      // Fire and forget, as a timer's work is: refreshIfOpen never rejects.
      void this.refreshIfOpen(boardId);
    }, BOARD_CHANGE_SETTLE_MS);
    timer.unref();
    this.settleTimers.set(boardId, timer);
  }

  /** Whether a round is open is asked once the edits settled: one read per burst, not one per change. */
  private refreshIfOpen(boardId: string): Promise<void> {
    return this.queue.run(boardId, async () => {
      if (await this.options.store.openRound(boardId)) await this.tell(boardId);
    });
  }

  private async tell(boardId: string, only?: RegisteredConnection[]): Promise<void> {
    const connections = (only ?? this.options.connections.of(boardId)).filter((c) => c.doc === 'board' && c.ourClient);
    if (connections.length === 0) return;
    const room = this.options.rooms.get(boardId, 'board');
    if (!room) return;
    const { store } = this.options;
    const resolved = this.items.itemsOf(room.doc);
    const latest = await store.latestRound(boardId);
    const needsCount = latest?.status === 'open' && connections.some((c) => c.access.role === 'facilitator');
    const voters = needsCount && latest ? await countVoters(store, boardId, latest, resolved) : null;
    for (const connection of connections) {
      const state = await privateVotingState(store, boardId, connection.access, resolved, voters);
      const json = JSON.stringify(state);
      if (this.sent.get(connection) === json) continue;
      this.sent.set(connection, json);
      connection.send(encodeVotingState(state));
    }
  }
}
