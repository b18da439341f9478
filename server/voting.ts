import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { type BoardItem, listItems, resolveItems } from '../shared/items.js';
import { MESSAGE, VOTE_REFUSAL, type WriteRefusalCode } from '../shared/protocol.js';
import {
  NO_PRIVATE_VOTING_STATE,
  type PrivateVotingState,
  readVotingRounds,
  type VotingRound,
  writeVotingRounds,
} from '../shared/records/voting.js';
import { type BallotRow, ownBallot, pruneBallot, tallyRound } from '../shared/votingTally.js';
import { decideWrite, voteRefusalOf } from '../shared/writePolicy.js';
import type { Access } from './auth.js';
import type { ConnectionRegistry, RegisteredConnection } from './connections.js';
import { HttpError } from './httpUtil.js';
import type { Person } from './people.js';
import type { Rooms } from './rooms.js';
import type { ServerStateMirror } from './serverStateMirror.js';
import type { SealedRound, VotingStore } from './votingStore.js';
import type { BoardLockState } from './writeGate.js';

/** How long a burst of board edits during an open round waits before ballots are told again (ms). */
const BOARD_CHANGE_SETTLE_MS = 300;

type Resolved = ReadonlyMap<string, BoardItem>;

/** How the voting API answers the write policy's reasons (the codes: `voteRefusalOf`). */
const VOTE_REFUSAL_ANSWERS: Partial<Record<WriteRefusalCode, { status: number; message: string }>> = {
  'read-only-link': { status: 403, message: 'viewers cannot vote: this link is read-only' },
  'no-person': {
    status: 403,
    message: 'a ballot belongs to a person: vote with your personal link or the guest identity the board page creates',
  },
  'board-archived': { status: 409, message: 'the board is archived: nobody can vote' },
  locked: { status: 409, message: 'the board is locked: participants cannot vote' },
};

export interface VotingOptions {
  store: VotingStore;
  rooms: Rooms;
  connections: ConnectionRegistry;
  mirror: ServerStateMirror;
  locks: BoardLockState;
  isArchived: (boardId: string) => boolean;
}

/** The frame that tells one connection its own voting state (docs/api.md, message type 100). */
export function encodeVotingState(state: PrivateVotingState): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE.voting);
  encoding.writeVarString(encoder, JSON.stringify(state));
  return encoding.toUint8Array(encoder);
}

/**
 * Sealed dot voting (docs/api.md "Voting"). The rounds and ballots live in SQLite (votingStore.ts); every
 * check and write of a vote is one SQLite transaction, and better-sqlite3 is synchronous, so two tabs of one
 * person voting at once are served one after the other and the budget and cap hold. Items are resolved on
 * the server's own copy of the board document. What everyone may know (the rounds; totals once revealed) is
 * mirrored into the settings document; each board connection is told its own person's ballot alone
 * (message type 100), and the facilitator only how many have voted.
 */
export class Voting {
  /** The JSON last sent to each connection: a state is sent again only when it changed. */
  private readonly sent = new WeakMap<RegisteredConnection, string>();
  private readonly settleTimers = new Map<string, NodeJS.Timeout>();
  /**
   * The items of each loaded board document, until its next change: resolving them reads every note (about
   * 25 ms for 3,000 notes here), and a vote, its pushes and the facilitator's count would each do it again.
   */
  private readonly itemsCache = new WeakMap<Y.Doc, Resolved>();

  constructor(private readonly options: VotingOptions) {
    options.mirror.add({
      name: 'votingRounds',
      wanted: (boardId) => options.store.rounds(boardId),
      shown: readVotingRounds,
      write: writeVotingRounds,
    });
    options.connections.onAdded((boardId, connection) => {
      // After the connection's greeting; its room (the board document) is loaded.
      if (connection.doc === 'board') queueMicrotask(() => this.refresh(boardId, [connection]));
    });
    // A note deleted or clustered during an open round changes what ballots count for: tell their owners.
    options.rooms.onLoaded((room) => {
      if (room.kind !== 'board') return;
      room.doc.on('afterTransaction', (transaction: Y.Transaction) => {
        if (transaction.changed.size === 0) return;
        this.itemsCache.delete(room.doc);
        // Typing changes only texts (labels); what a dot counts for changes with a map (a note's place or
        // deletion, a note or cluster added or removed).
        if ([...transaction.changed.keys()].some((type) => type instanceof Y.Map)) this.boardChanged(room.boardId);
      });
    });
  }

  /** The public rounds, oldest first. */
  rounds(boardId: string): VotingRound[] {
    return this.options.store.rounds(boardId);
  }

  /** Closed and revealed rounds with their sealed counts, for the JSON backup (never ballots). */
  sealedRounds(boardId: string): SealedRound[] {
    return this.options.store.sealedRounds(boardId);
  }

  /**
   * Runs `create` (which makes the board) and recreates the backup's sealed rounds on it, in one SQLite
   * transaction: an import that fails half-way leaves no board behind.
   */
  importBoard(boardId: string, rounds: readonly SealedRound[], create: () => void): void {
    const { store } = this.options;
    store.transact(() => {
      create();
      for (const round of rounds) store.insertSealedRound(boardId, round);
    });
  }

  /** Opens round N+1. Facilitator only (the API checks the role). */
  open(boardId: string, budget: number, cap: number | null): VotingRound {
    const { store } = this.options;
    const number = store.transact(() => {
      if (store.openRound(boardId)) {
        throw new HttpError(409, 'a voting round is open already: close it first', VOTE_REFUSAL.alreadyOpen);
      }
      return store.addRound(boardId, budget, cap, Date.now());
    });
    this.refresh(boardId);
    return store.round(boardId, number)!;
  }

  /**
   * Ends the voting and counts it against the board as it is now, in one transaction; the totals stay sealed
   * until the reveal, so a note moved, grouped or deleted after the close cannot change the result.
   */
  async close(boardId: string, number: number): Promise<VotingRound> {
    const { store } = this.options;
    const resolved = await this.resolvedItems(boardId);
    store.transact(() => {
      const round = this.existing(boardId, number);
      if (round.status !== 'open') {
        throw new HttpError(409, `round ${number} is not open`, VOTE_REFUSAL.wrongStatus);
      }
      const { totals, voters } = tallyRound(store.allRows(boardId, number), resolved, round.cap);
      store.close(boardId, number, Date.now(), voters, totals);
    });
    this.refresh(boardId);
    return store.round(boardId, number)!;
  }

  /** Publishes the totals counted at the close. */
  reveal(boardId: string, number: number): VotingRound {
    const { store } = this.options;
    store.transact(() => {
      const round = this.existing(boardId, number);
      if (round.status !== 'closed') {
        throw new HttpError(409, `round ${number} must be closed before it is revealed`, VOTE_REFUSAL.wrongStatus);
      }
      store.reveal(boardId, number, Date.now());
    });
    this.refresh(boardId);
    return store.round(boardId, number)!;
  }

  /** One more dot of this person on `itemId` in the open round `number`. */
  async cast(boardId: string, access: Access, number: number, itemId: string): Promise<PrivateVotingState> {
    const person = this.voter(boardId, access);
    const resolved = await this.resolvedItems(boardId);
    // From here on synchronous: nothing else runs between the checks and the write.
    this.changeBallot(boardId, number, person, resolved, (rows, round) => {
      const target = resolved.get(itemId);
      if (!target) {
        throw new HttpError(409, 'this item was deleted meanwhile: no dot was placed', VOTE_REFUSAL.itemGone);
      }
      const mine = ownBallot(rows, resolved, round.cap);
      if (mine.used >= round.budget) {
        throw new HttpError(409, `all ${round.budget} dots of this round are placed`, VOTE_REFUSAL.budget);
      }
      if (round.cap !== null && (mine.dots[target.id] ?? 0) >= round.cap) {
        throw new HttpError(409, `at most ${round.cap} dots per item in this round`, VOTE_REFUSAL.cap);
      }
      const existing = rows.find((row) => row.itemId === itemId)?.dots ?? 0;
      return { personId: person.id, itemId, dots: existing + 1 };
    });
    return this.stateFor(boardId, access, resolved);
  }

  /** Takes back one of this person's dots from the item `itemId` shows (its own or a member note's). */
  async withdraw(boardId: string, access: Access, number: number, itemId: string): Promise<PrivateVotingState> {
    const person = this.voter(boardId, access);
    const resolved = await this.resolvedItems(boardId);
    this.changeBallot(boardId, number, person, resolved, (rows) => {
      const target = resolved.get(itemId);
      if (!target) {
        throw new HttpError(409, 'this item was deleted meanwhile: its dots were given back', VOTE_REFUSAL.itemGone);
      }
      const onTarget = rows
        .filter((row) => resolved.get(row.itemId)?.id === target.id)
        .sort((a, b) => Number(b.itemId === itemId) - Number(a.itemId === itemId) || (a.itemId < b.itemId ? -1 : 1));
      const row = onTarget[0];
      if (!row) throw new HttpError(409, 'you have no dot on this item', VOTE_REFUSAL.noDot);
      return { ...row, dots: row.dots - 1 };
    });
    return this.stateFor(boardId, access, resolved);
  }

  /** What this access may know: its own ballot in the latest round (and the voter count for the facilitator). */
  async ballot(boardId: string, access: Access): Promise<PrivateVotingState> {
    return this.stateFor(boardId, access, await this.resolvedItems(boardId));
  }

  /**
   * One transaction: the open round checked, the person's rows pruned (vanished items, dots over the cap),
   * then `decide` names the row to write or refuses with an HttpError (then nothing is changed).
   */
  private changeBallot(
    boardId: string,
    number: number,
    person: Person,
    resolved: Resolved,
    decide: (rows: BallotRow[], round: VotingRound) => BallotRow,
  ): void {
    const { store } = this.options;
    store.transact(() => {
      const round = store.openRound(boardId);
      if (!round || round.number !== number) {
        throw new HttpError(409, `round ${number} is not open for voting`, VOTE_REFUSAL.notOpen);
      }
      for (const change of pruneBallot(store.personRows(boardId, number, person.id), resolved, round.cap)) {
        store.setRow(boardId, number, change);
      }
      store.setRow(boardId, number, decide(store.personRows(boardId, number, person.id), round));
    });
    this.refresh(boardId);
  }

  /** The person whose ballot this is, when the write policy lets this access vote now. */
  private voter(boardId: string, access: Access): Person {
    const decision = decideWrite({
      role: access.role,
      target: 'ballot',
      person: access.person !== null,
      locked: this.options.locks.isLocked(boardId),
      archived: this.options.isArchived(boardId),
    });
    if (!decision.allowed) {
      const { status, message } = VOTE_REFUSAL_ANSWERS[decision.reason] ?? VOTE_REFUSAL_ANSWERS.locked!;
      throw new HttpError(status, message, voteRefusalOf(decision.reason));
    }
    return access.person!;
  }

  private existing(boardId: string, number: number): VotingRound {
    const round = this.options.store.round(boardId, number);
    if (!round) throw new HttpError(404, `no voting round ${number}`, VOTE_REFUSAL.noRound);
    return round;
  }

  /** The items ids count for now, on the server's own copy of the board document. */
  private async resolvedItems(boardId: string): Promise<Resolved> {
    const joined = await this.options.rooms.join(boardId, 'board');
    if (joined.kind !== 'room') {
      throw new HttpError(503, 'this board was saved by a newer version of the app; update the server');
    }
    return this.itemsOf(joined.room.doc);
  }

  private itemsOf(doc: Y.Doc): Resolved {
    let resolved = this.itemsCache.get(doc);
    if (!resolved) {
      resolved = resolveItems(listItems(doc));
      this.itemsCache.set(doc, resolved);
    }
    return resolved;
  }

  private stateFor(boardId: string, access: Access, resolved: Resolved, voters?: number | null): PrivateVotingState {
    const { store } = this.options;
    // Whether this access has a ballot at all (the lock and the archive stop votes, not the ballot shown).
    const canVote = decideWrite({
      role: access.role,
      target: 'ballot',
      person: access.person !== null,
      locked: false,
      archived: false,
    }).allowed;
    const latest = store.latestRound(boardId);
    if (!latest) return { ...NO_PRIVATE_VOTING_STATE, canVote };
    const mine =
      canVote && access.person
        ? ownBallot(store.personRows(boardId, latest.number, access.person.id), resolved, latest.cap)
        : { dots: {}, used: 0, returned: 0 };
    const count =
      access.role === 'facilitator' && latest.status === 'open'
        ? (voters ?? this.countVoters(boardId, latest, resolved))
        : null;
    return { round: latest.number, canVote, ...mine, voters: count };
  }

  /** People with at least one dot that counts now (the facilitator's progress; never who or what). */
  private countVoters(boardId: string, round: VotingRound, resolved: Resolved): number {
    const byPerson = new Map<string, BallotRow[]>();
    for (const row of this.options.store.allRows(boardId, round.number)) {
      byPerson.set(row.personId, [...(byPerson.get(row.personId) ?? []), row]);
    }
    let voters = 0;
    for (const rows of byPerson.values()) if (ownBallot(rows, resolved, round.cap).used > 0) voters++;
    return voters;
  }

  /**
   * Tells each board connection (or the given ones) its own state, when it changed since last told. Each
   * frame is computed from that connection's own access: one person's ballot never reaches another.
   */
  private refresh(boardId: string, only?: RegisteredConnection[]): void {
    const connections = (only ?? this.options.connections.of(boardId)).filter((c) => c.doc === 'board' && c.ourClient);
    if (connections.length === 0) return;
    const room = this.options.rooms.get(boardId, 'board');
    if (!room) return;
    const resolved = this.itemsOf(room.doc);
    const latest = this.options.store.latestRound(boardId);
    const needsCount = latest?.status === 'open' && connections.some((c) => c.access.role === 'facilitator');
    const voters = needsCount && latest ? this.countVoters(boardId, latest, resolved) : null;
    for (const connection of connections) {
      const state = this.stateFor(boardId, connection.access, resolved, voters);
      const json = JSON.stringify(state);
      if (this.sent.get(connection) === json) continue;
      this.sent.set(connection, json);
      connection.send(encodeVotingState(state));
    }
  }

  private boardChanged(boardId: string): void {
    if (this.settleTimers.has(boardId) || !this.options.store.openRound(boardId)) return;
    const timer = setTimeout(() => {
      this.settleTimers.delete(boardId);
      this.refresh(boardId);
    }, BOARD_CHANGE_SETTLE_MS);
    timer.unref();
    this.settleTimers.set(boardId, timer);
  }
}
