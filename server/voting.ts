import * as Y from 'yjs';
import { VOTE_REFUSAL } from '../shared/protocol.js';
import {
  type PrivateVotingState,
  readVotingRounds,
  type VotingRound,
  writeVotingRounds,
} from '../shared/records/voting.js';
import { type BallotRow, ownBallot, pruneBallot, tallyRound } from '../shared/votingTally.js';
import type { Access } from './auth.js';
import type { ConnectionRegistry } from './connections.js';
import { HttpError } from './httpUtil.js';
import type { Person } from './people.js';
import { privateVotingState } from './privateVotingState.js';
import type { Rooms } from './rooms.js';
import type { ServerStateMirror } from './serverStateMirror.js';
import { voterOf } from './voteRefusals.js';
import { type ResolvedItems, VotingItems } from './votingItems.js';
import { VotingStatePush } from './votingStatePush.js';
import type { SealedRound, VotingStore } from './votingStore.js';
import type { BoardLockState } from './writeGate.js';

export interface VotingOptions {
  store: VotingStore;
  rooms: Rooms;
  connections: ConnectionRegistry;
  mirror: ServerStateMirror;
  locks: BoardLockState;
  isArchived: (boardId: string) => boolean;
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
  /** The items ids count for now, cached per board document until its next change. */
  private readonly items: VotingItems;
  /** Tells each board connection its own state (message type 100). */
  private readonly push: VotingStatePush;

  constructor(private readonly options: VotingOptions) {
    options.mirror.add({
      name: 'votingRounds',
      wanted: (boardId) => options.store.rounds(boardId),
      shown: readVotingRounds,
      write: writeVotingRounds,
    });
    this.items = new VotingItems(options.rooms);
    this.push = new VotingStatePush(options, this.items);
    // A note deleted or clustered during an open round changes what ballots count for: tell their owners.
    options.rooms.onLoaded((room) => {
      if (room.kind !== 'board') return;
      room.doc.on('afterTransaction', (transaction: Y.Transaction) => {
        if (transaction.changed.size === 0) return;
        this.items.changed(room.doc);
        // Typing changes only texts (labels); what a dot counts for changes with a map (a note's place or
        // deletion, a note or cluster added or removed).
        if ([...transaction.changed.keys()].some((type) => type instanceof Y.Map)) this.push.boardChanged(room.boardId);
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
    this.push.refresh(boardId);
    return store.round(boardId, number)!;
  }

  /**
   * Ends the voting and counts it against the board as it is now, in one transaction; the totals stay sealed
   * until the reveal, so a note moved, grouped or deleted after the close cannot change the result.
   */
  async close(boardId: string, number: number): Promise<VotingRound> {
    const { store } = this.options;
    const resolved = await this.items.resolvedItems(boardId);
    store.transact(() => {
      const round = this.existing(boardId, number);
      if (round.status !== 'open') {
        throw new HttpError(409, `round ${number} is not open`, VOTE_REFUSAL.wrongStatus);
      }
      const { totals, voters } = tallyRound(store.allRows(boardId, number), resolved, round.cap);
      store.close(boardId, number, Date.now(), voters, totals);
    });
    this.push.refresh(boardId);
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
    this.push.refresh(boardId);
    return store.round(boardId, number)!;
  }

  /** One more dot of this person on `itemId` in the open round `number`. */
  async cast(boardId: string, access: Access, number: number, itemId: string): Promise<PrivateVotingState> {
    const person = this.voter(boardId, access);
    const resolved = await this.items.resolvedItems(boardId);
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
    const resolved = await this.items.resolvedItems(boardId);
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
    return this.stateFor(boardId, access, await this.items.resolvedItems(boardId));
  }

  /**
   * One transaction: the open round checked, the person's rows pruned (vanished items, dots over the cap),
   * then `decide` names the row to write or refuses with an HttpError (then nothing is changed).
   */
  private changeBallot(
    boardId: string,
    number: number,
    person: Person,
    resolved: ResolvedItems,
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
    this.push.refresh(boardId);
  }

  /** The person whose ballot this is, when the write policy lets this access vote now. */
  private voter(boardId: string, access: Access): Person {
    return voterOf(access, {
      locked: this.options.locks.isLocked(boardId),
      archived: this.options.isArchived(boardId),
    });
  }

  private existing(boardId: string, number: number): VotingRound {
    const round = this.options.store.round(boardId, number);
    if (!round) throw new HttpError(404, `no voting round ${number}`, VOTE_REFUSAL.noRound);
    return round;
  }

  private stateFor(boardId: string, access: Access, resolved: ResolvedItems): PrivateVotingState {
    return privateVotingState(this.options.store, boardId, access, resolved);
  }
}
