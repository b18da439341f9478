import * as encoding from 'lib0/encoding';
import { MESSAGE } from '../shared/protocol.js';
import { NO_PRIVATE_SCORING_STATE, type OwnScore, type PrivateScoringState } from '../shared/records/scoring.js';
import type { Access } from './auth.js';
import type { ConnectionRegistry, RegisteredConnection } from './connections.js';
import type { Log } from './log.js';
import type { ScoringStore } from './scoringStore.js';
import { StatePushQueue } from './statePushQueue.js';
import { holdsBallot } from './voteRefusals.js';

// What one access may know of the scoring (kind 3, private state: docs/architecture.md), computed in one place
// for the HTTP answers and the websocket pushes alike, and told to each board connection of our client on its own
// (message type 101): one person's scores never reach another.

/** What this access may know: its own scores in the latest round (and the scorer count for the facilitator). */
export async function privateScoringState(
  store: ScoringStore,
  boardId: string,
  access: Access,
): Promise<PrivateScoringState> {
  // Who may score is who may vote (the lock and the archive stop scores, not the scores shown).
  const canScore = holdsBallot(access);
  const latest = await store.latestRound(boardId);
  if (!latest) return { ...NO_PRIVATE_SCORING_STATE, canScore };
  const scores: Record<string, OwnScore> = {};
  if (canScore && access.person) {
    for (const row of await store.personRows(boardId, latest.number, access.person.id)) {
      scores[row.itemId] = { effect: row.effect, ease: row.ease, reason: row.reason };
    }
  }
  const scorers =
    access.role === 'facilitator' && latest.status === 'open' ? await store.scorers(boardId, latest.number) : null;
  return { round: latest.number, canScore, scores, scorers };
}

/** The frame that tells one connection its own scoring state (docs/api.md, message type 101). */
function encodeText(json: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE.scoring);
  encoding.writeVarString(encoder, json);
  return encoding.toUint8Array(encoder);
}

/** Pushes each board connection of our client its own scoring state, when it changed since last told. */
export class ScoringStatePush {
  private readonly sent = new WeakMap<RegisteredConnection, string>();
  private readonly queue: StatePushQueue;

  constructor(private readonly options: { store: ScoringStore; connections: ConnectionRegistry; log: Log }) {
    this.queue = new StatePushQueue((boardId, error) =>
      options.log(`board ${boardId}: could not tell the scoring state: ${String(error)}`),
    );
    options.connections.onAdded((boardId, connection) => {
      // After the connection's greeting, like the voting state. Never rejects (see refresh).
      if (connection.doc === 'board') queueMicrotask(() => void this.refresh(boardId, [connection]));
    });
  }

  /** Resolves once told; never rejects: a failure is logged (the score itself holds; the next change tells again). */
  refresh(boardId: string, only?: RegisteredConnection[]): Promise<void> {
    return this.queue.run(boardId, () => this.tell(boardId, only));
  }

  private async tell(boardId: string, only?: RegisteredConnection[]): Promise<void> {
    const connections = (only ?? this.options.connections.of(boardId)).filter((c) => c.doc === 'board' && c.ourClient);
    for (const connection of connections) {
      const json = JSON.stringify(await privateScoringState(this.options.store, boardId, connection.access));
      if (this.sent.get(connection) === json) continue;
      this.sent.set(connection, json);
      connection.send(encodeText(json));
    }
  }
}
