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
import type { Log } from './log.js';
import type { Person } from './people.js';
import { privateVotingState } from './privateVotingState.js';
import type { Rooms } from './rooms.js';
import type { ServerStateMirror } from './serverStateMirror.js';
import type { SqlExecutor } from './sql/types.js';
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
  isArchived: (boardId: string) => Promise<boolean>;
  log: Log;
}

/**
 * Sealed dot voting (docs/api.md "Voting"). The rounds and ballots live in the database (votingStore.ts); every
 * check and write of a vote is one transaction that first holds the round's row (roundLocks.ts), so two tabs of
 * one person voting at once are served one after the other and the budget and cap hold. Items are resolved on
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
  rounds(boardId: string): Promise<VotingRound[]> {
    return this.options.store.rounds(boardId);
  }

  /** Closed and revealed rounds with their sealed counts, for the JSON backup (never ballots). */
  sealedRounds(boardId: string): Promise<SealedRound[]> {
    return this.options.store.sealedRounds(boardId);
  }

  /** Recreates a backup's sealed rounds on a board imported in the caller's transaction `tx`. */
  async importRounds(tx: SqlExecutor, boardId: string, rounds: readonly SealedRound[]): Promise<void> {
    const store = this.options.store.within(tx);
    for (const round of rounds) await store.insertSealedRound(boardId, round);
  }

  /** Opens round N+1. Facilitator only (the API checks the role). */
  async open(boardId: string, budget: number, cap: number | null): Promise<VotingRound> {
    const opened = await this.options.store.transact(async (tx) => {
      await tx.lockBoard(boardId);
      if (await tx.openRound(boardId)) {
        throw new HttpError(409, 'a voting round is open already: close it first', VOTE_REFUSAL.alreadyOpen);
      }
      return (await tx.round(boardId, await tx.addRound(boardId, budget, cap, Date.now())))!;
    });
    await this.push.refresh(boardId);
    return opened;
  }

  /**
   * Ends the voting and counts it against the board as it is now, in one transaction; the totals stay sealed
   * until the reveal, so a note moved, grouped or deleted after the close cannot change the result.
   */
  async close(boardId: string, number: number): Promise<VotingRound> {
    const resolved = await this.items.resolvedItems(boardId);
    const closed = await this.inRound(boardId, number, async (tx) => {
      const round = await existing(tx, boardId, number);
      if (round.status !== 'open') {
        throw new HttpError(409, `round ${number} is not open`, VOTE_REFUSAL.wrongStatus);
      }
      const { totals, voters } = tallyRound(await tx.allRows(boardId, number), resolved, round.cap);
      await tx.close(boardId, number, Date.now(), voters, totals);
      return (await tx.round(boardId, number))!;
    });
    await this.push.refresh(boardId);
    return closed;
  }

  /** Publishes the totals counted at the close. */
  async reveal(boardId: string, number: number): Promise<VotingRound> {
    const revealed = await this.inRound(boardId, number, async (tx) => {
      const round = await existing(tx, boardId, number);
      if (round.status !== 'closed') {
        throw new HttpError(409, `round ${number} must be closed before it is revealed`, VOTE_REFUSAL.wrongStatus);
      }
      await tx.reveal(boardId, number, Date.now());
      return (await tx.round(boardId, number))!;
    });
    await this.push.refresh(boardId);
    return revealed;
  }

  /** One more dot of this person on `itemId` in the open round `number`. */
  async cast(boardId: string, access: Access, number: number, itemId: string): Promise<PrivateVotingState> {
    const person = await this.voter(boardId, access);
    const resolved = await this.items.resolvedItems(boardId);
    await this.changeBallot(boardId, number, person, resolved, (rows, round) => {
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
    const person = await this.voter(boardId, access);
    const resolved = await this.items.resolvedItems(boardId);
    await this.changeBallot(boardId, number, person, resolved, (rows) => {
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
  private async changeBallot(
    boardId: string,
    number: number,
    person: Person,
    resolved: ResolvedItems,
    decide: (rows: BallotRow[], round: VotingRound) => BallotRow,
  ): Promise<void> {
    await this.inRound(boardId, number, async (tx) => {
      const round = await tx.openRound(boardId);
      if (!round || round.number !== number) {
        throw new HttpError(409, `round ${number} is not open for voting`, VOTE_REFUSAL.notOpen);
      }
      for (const change of pruneBallot(await tx.personRows(boardId, number, person.id), resolved, round.cap)) {
        await tx.setRow(boardId, number, change);
      }
      await tx.setRow(boardId, number, decide(await tx.personRows(boardId, number, person.id), round));
    });
    await this.push.refresh(boardId);
  }

  /**
   * Runs `work` in one transaction that first holds the round's row (roundLocks.ts): two casts of one person,
   * or a cast and the close, wait for each other on PostgreSQL as they do on SQLite.
   */
  private inRound<T>(boardId: string, number: number, work: (tx: VotingStore) => Promise<T>): Promise<T> {
    return this.options.store.transact(async (tx) => {
      await tx.lockRound(boardId, number);
      return work(tx);
    });
  }

  /** The person whose ballot this is, when the write policy lets this access vote now. */
  private async voter(boardId: string, access: Access): Promise<Person> {
    return voterOf(access, {
      locked: this.options.locks.isLocked(boardId),
      archived: await this.options.isArchived(boardId),
    });
  }

  private stateFor(boardId: string, access: Access, resolved: ResolvedItems): Promise<PrivateVotingState> {
    return privateVotingState(this.options.store, boardId, access, resolved);
  }
}

/** The round, read inside the caller's transaction; else 404. */
async function existing(tx: VotingStore, boardId: string, number: number): Promise<VotingRound> {
  const round = await tx.round(boardId, number);
  if (!round) throw new HttpError(404, `no voting round ${number}`, VOTE_REFUSAL.noRound);
  return round;
}
