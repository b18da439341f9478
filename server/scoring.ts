import type * as Y from 'yjs';
import { settingsRoots } from '../shared/docs.js';
import { type BoardItem, itemLabel, listItems, resolveItems } from '../shared/items.js';
import { itemMarks } from '../shared/prioritizing.js';
import { SCORE_REFUSAL } from '../shared/protocol.js';
import { listPillars } from '../shared/records/pillar.js';
import {
  type ItemScoreResult,
  type PrivateScoringState,
  readScoringRounds,
  type ScoringItem,
  type ScoringRound,
  type ScoringScope,
  writeScoringRounds,
} from '../shared/records/scoring.js';
import { readShortlist } from '../shared/records/shortlist.js';
import { type Score, scoreResults } from '../shared/scoring.js';
import { TOTAL_LABEL_MAX } from '../shared/votingTally.js';
import type { Access } from './auth.js';
import type { ConnectionRegistry } from './connections.js';
import { HttpError } from './httpUtil.js';
import type { Log } from './log.js';
import type { Person } from './people.js';
import type { Rooms } from './rooms.js';
import { privateScoringState, ScoringStatePush } from './scoringStatePush.js';
import type { ScoringStore, SealedScoringRound } from './scoringStore.js';
import type { ServerStateMirror } from './serverStateMirror.js';
import type { SqlExecutor } from './sql/types.js';
import { voterOf } from './voteRefusals.js';
import type { BoardLockState } from './writeGate.js';

export interface ScoringOptions {
  store: ScoringStore;
  rooms: Rooms;
  connections: ConnectionRegistry;
  mirror: ServerStateMirror;
  locks: BoardLockState;
  isArchived: (boardId: string) => Promise<boolean>;
  log: Log;
}

/**
 * Sealed scoring on the priority matrix (docs/api.md "Scoring"), on the voting round's mechanism: the rounds
 * and scores live in the database (scoringStore.ts), every check and write is one transaction that first holds
 * the round's row (roundLocks.ts), what everyone may know is mirrored into the settings document, and each board
 * connection is told its own person's scores alone (message type 101). A round covers the items it names when it
 * opens; a score names one of them.
 */
export class Scoring {
  private readonly push: ScoringStatePush;

  constructor(private readonly options: ScoringOptions) {
    options.mirror.add({
      name: 'scoringRounds',
      wanted: (boardId) => options.store.rounds(boardId),
      shown: readScoringRounds,
      write: writeScoringRounds,
    });
    this.push = new ScoringStatePush(options);
  }

  rounds(boardId: string): Promise<ScoringRound[]> {
    return this.options.store.rounds(boardId);
  }

  /** Closed and revealed rounds with their results, for the JSON backup (never a score). */
  sealedRounds(boardId: string): Promise<SealedScoringRound[]> {
    return this.options.store.sealedRounds(boardId);
  }

  /** Recreates a backup's sealed scoring rounds on a board imported in the caller's transaction `tx`. */
  async importRounds(tx: SqlExecutor, boardId: string, rounds: readonly SealedScoringRound[]): Promise<void> {
    const store = this.options.store.within(tx);
    for (const round of rounds) await store.insertSealedRound(boardId, round);
  }

  /** Opens round N+1 over the shortlist or every item the board shows now. Facilitator only (the API checks). */
  async open(boardId: string, scope: ScoringScope): Promise<ScoringRound> {
    const items = await this.itemsInScope(boardId, scope);
    const opened = await this.options.store.transact(async (tx) => {
      await tx.lockBoard(boardId);
      if (await tx.openRound(boardId)) {
        throw new HttpError(409, 'a scoring round is open already: close it first', SCORE_REFUSAL.alreadyOpen);
      }
      if (items.length === 0) {
        throw new HttpError(
          409,
          scope === 'shortlist'
            ? 'no item is marked for the period: mark items on the matrix or score every item'
            : 'the board has no item to score yet',
          SCORE_REFUSAL.noItems,
        );
      }
      return (await tx.round(boardId, await tx.addRound(boardId, scope, items, Date.now())))!;
    });
    await this.push.refresh(boardId);
    return opened;
  }

  /**
   * No more scores: the results are computed now and stay sealed until the reveal. An item's label is the one
   * it has now, when the board still shows it under the same id (a cluster renamed since the opening).
   */
  async close(boardId: string, number: number): Promise<ScoringRound> {
    const shown = resolveItems(listItems(await this.boardDoc(boardId)));
    const closed = await this.inRound(boardId, number, async (tx) => {
      const round = await existing(tx, boardId, number);
      if (round.status !== 'open') {
        throw new HttpError(409, `scoring round ${number} is not open`, SCORE_REFUSAL.wrongStatus);
      }
      const rows = await tx.allRows(boardId, number);
      const items = round.items.map((item) => {
        const now = shown.get(item.itemId);
        return now && now.id === item.itemId
          ? { ...item, label: itemLabel(now).slice(0, TOTAL_LABEL_MAX), pillarId: now.pillarId }
          : item;
      });
      const results: ItemScoreResult[] = scoreResults(items, rows);
      await tx.close(boardId, number, Date.now(), new Set(rows.map((row) => row.personId)).size, results);
      return (await tx.round(boardId, number))!;
    });
    await this.push.refresh(boardId);
    return closed;
  }

  /** Publishes the results computed at the close. */
  async reveal(boardId: string, number: number): Promise<ScoringRound> {
    const revealed = await this.inRound(boardId, number, async (tx) => {
      const round = await existing(tx, boardId, number);
      if (round.status !== 'closed') {
        throw new HttpError(
          409,
          `scoring round ${number} must be closed before it is revealed`,
          SCORE_REFUSAL.wrongStatus,
        );
      }
      await tx.reveal(boardId, number, Date.now());
      return (await tx.round(boardId, number))!;
    });
    await this.push.refresh(boardId);
    return revealed;
  }

  /** Sets this person's score of `itemId` in the open round `number` (replacing their earlier one). */
  async score(
    boardId: string,
    access: Access,
    number: number,
    itemId: string,
    score: Score & { reason: string },
  ): Promise<PrivateScoringState> {
    const person = await this.scorer(boardId, access);
    await this.inOpenRound(boardId, number, itemId, (tx) =>
      tx.setScore(boardId, number, { personId: person.id, itemId, ...score }, Date.now()),
    );
    return this.state(boardId, access);
  }

  /** Takes this person's score of `itemId` back (not scored is not the same as a 1). */
  async withdraw(boardId: string, access: Access, number: number, itemId: string): Promise<PrivateScoringState> {
    const person = await this.scorer(boardId, access);
    await this.inOpenRound(boardId, number, itemId, async (tx) => {
      await tx.deleteScore(boardId, number, person.id, itemId);
    });
    return this.state(boardId, access);
  }

  state(boardId: string, access: Access): Promise<PrivateScoringState> {
    return privateScoringState(this.options.store, boardId, access);
  }

  /** One transaction: the round open and the item one it covers, then `write`; else an HttpError, nothing changed. */
  private async inOpenRound(
    boardId: string,
    number: number,
    itemId: string,
    write: (tx: ScoringStore) => Promise<void>,
  ): Promise<void> {
    await this.inRound(boardId, number, async (tx) => {
      const round = await tx.openRound(boardId);
      if (!round || round.number !== number) {
        throw new HttpError(409, `scoring round ${number} is not open`, SCORE_REFUSAL.notOpen);
      }
      if (!round.items.some((item) => item.itemId === itemId)) {
        throw new HttpError(409, `this item is not scored in round ${number}`, SCORE_REFUSAL.notInRound);
      }
      await write(tx);
    });
    await this.push.refresh(boardId);
  }

  /**
   * Runs `work` in one transaction that first holds the round's row (roundLocks.ts): a score and the close wait
   * for each other on PostgreSQL as they do on SQLite, so no score lands in a round already counted.
   */
  private inRound<T>(boardId: string, number: number, work: (tx: ScoringStore) => Promise<T>): Promise<T> {
    return this.options.store.transact(async (tx) => {
      await tx.lockRound(boardId, number);
      return work(tx);
    });
  }

  /** The items a new round covers: those of the board's active pillars (marked ones only for the shortlist). */
  private async itemsInScope(boardId: string, scope: ScoringScope): Promise<ScoringItem[]> {
    const board = await this.boardDoc(boardId);
    const settings = await this.doc(boardId, 'settings');
    const pillars = listPillars(settingsRoots.pillars(settings));
    const rank = new Map(pillars.map((pillar, index) => [pillar.id as string, index]));
    const items = listItems(board).filter((item) => item.pillarId !== null && rank.has(item.pillarId));
    const marks = itemMarks(items, readShortlist(board));
    return items
      .filter((item) => scope === 'all' || marks.has(item.id))
      .map((item, index) => ({ item, index }))
      .sort((a, b) => rank.get(a.item.pillarId!)! - rank.get(b.item.pillarId!)! || a.index - b.index)
      .map(({ item }): ScoringItem => toScoringItem(item));
  }

  private boardDoc(boardId: string): Promise<Y.Doc> {
    return this.doc(boardId, 'board');
  }

  private async doc(boardId: string, kind: 'board' | 'settings'): Promise<Y.Doc> {
    const joined = await this.options.rooms.join(boardId, kind);
    if (joined.kind !== 'room') {
      throw new HttpError(503, 'this board was saved by a newer version of the app; update the server');
    }
    return joined.room.doc;
  }

  private async scorer(boardId: string, access: Access): Promise<Person> {
    return voterOf(access, {
      locked: this.options.locks.isLocked(boardId),
      archived: await this.options.isArchived(boardId),
    });
  }
}

/** The round, read inside the caller's transaction; else 404. */
async function existing(tx: ScoringStore, boardId: string, number: number): Promise<ScoringRound> {
  const round = await tx.round(boardId, number);
  if (!round) throw new HttpError(404, `no scoring round ${number}`, SCORE_REFUSAL.noRound);
  return round;
}

function toScoringItem(item: BoardItem): ScoringItem {
  // Cut as voting's totals are: the round is shown to everyone in the settings document.
  return {
    itemId: item.id,
    kind: item.kind,
    pillarId: item.pillarId,
    label: itemLabel(item).slice(0, TOTAL_LABEL_MAX),
  };
}
