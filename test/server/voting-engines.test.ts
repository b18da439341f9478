import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Access } from '../../server/auth.js';
import { ConnectionRegistry } from '../../server/connections.js';
import { Rooms } from '../../server/rooms.js';
import { Scoring } from '../../server/scoring.js';
import { openScoringStore } from '../../server/scoringStore.js';
import { ServerStateMirror } from '../../server/serverStateMirror.js';
import { Voting } from '../../server/voting.js';
import { openVotingStore } from '../../server/votingStore.js';
import { SCORE_REFUSAL, VOTE_REFUSAL } from '../../shared/protocol.js';
import { activePillars } from '../../shared/selectors.js';
import { initialiseBoardDoc, initialiseSettingsDoc } from '../../shared/template.js';
import { STORAGE_ENGINES, type StorageEngine } from './storageEngines.js';
import { addNotes } from './votingHelpers.js';

// Dot voting and sealed scoring on each engine, through the real Voting and Scoring over their stores and the
// real rooms: what the API relies on holds alike on SQLite and PostgreSQL, and above all two requests of one
// person at once (two tabs) never place more dots than the budget or the cap allows.

const BOARD = 'board0001';
const NOTES = ['n1', 'n2', 'n3'];

/** A participant's access through their own guest identity. */
function participant(personId: string): Access {
  return {
    role: 'participant',
    person: { id: personId, boardId: BOARD, kind: 'guest', role: 'participant', name: personId, createdAt: 0 },
    credential: { kind: 'person', personId },
  };
}

/** A board with three notes in its first pillar, and Voting and Scoring on it as the server composes them. */
async function votingBoard(engine: StorageEngine) {
  const storage = await engine.open();
  let ids = 0;
  const settings = new Y.Doc();
  initialiseSettingsDoc(settings, 'ボード', () => `id${++ids}`);
  const board = new Y.Doc();
  initialiseBoardDoc(board);
  addNotes(board, activePillars(settings)[0]!.id, NOTES);
  await storage.createBoard(
    {
      id: BOARD,
      title: 'ボード',
      createdAt: Date.now(),
      tokenHashes: { facilitator: 'f', participant: 'p', viewer: 'v' },
    },
    { board: Y.encodeStateAsUpdate(board), settings: Y.encodeStateAsUpdate(settings) },
  );
  const logs: string[] = [];
  const log = (line: string) => logs.push(line);
  const rooms = new Rooms({ store: storage, unloadDelayMs: 20, compactAfter: 500, log });
  const shared = {
    rooms,
    connections: new ConnectionRegistry(),
    mirror: new ServerStateMirror(rooms, log),
    locks: { isLocked: () => false },
    isArchived: (boardId: string) => storage.isArchived(boardId),
    log,
  };
  const votingStore = openVotingStore(storage.sql, storage.guard);
  const scoringStore = openScoringStore(storage.sql, storage.guard);
  return {
    voting: new Voting({ ...shared, store: votingStore }),
    scoring: new Scoring({ ...shared, store: scoringStore }),
    votingStore,
    scoringStore,
    logs,
    async close() {
      await storage.flush();
      await rooms.unloadAll();
      await storage.close();
    },
  };
}

const refused = (status: number, code: string) => expect.objectContaining({ status, code });

/** Fulfilled and refused outcomes of requests made at once: each refusal's code. */
function outcomes(results: PromiseSettledResult<unknown>[]) {
  return {
    done: results.filter((result) => result.status === 'fulfilled').length,
    refusals: results.flatMap((result) =>
      result.status === 'rejected' ? [(result.reason as { code?: string }).code] : [],
    ),
  };
}

describe.each(STORAGE_ENGINES)('dot voting and sealed scoring on $name', (engine) => {
  it('opens, closes and reveals a round: one open at a time, the count sealed until the reveal', async () => {
    const { voting, votingStore, close } = await votingBoard(engine);
    try {
      const opened = await voting.open(BOARD, 3, null);
      expect(opened).toMatchObject({ number: 1, status: 'open', budget: 3, cap: null, voters: null, totals: null });
      await expect(voting.open(BOARD, 3, null)).rejects.toEqual(refused(409, VOTE_REFUSAL.alreadyOpen));
      const ana = participant('ana');
      await voting.cast(BOARD, ana, 1, 'n1');
      await voting.cast(BOARD, ana, 1, 'n1');
      await voting.cast(BOARD, ana, 1, 'n2');
      await expect(voting.reveal(BOARD, 1)).rejects.toEqual(refused(409, VOTE_REFUSAL.wrongStatus));

      const closed = await voting.close(BOARD, 1);
      expect(closed).toMatchObject({ number: 1, status: 'closed', voters: null, totals: null });
      await expect(voting.close(BOARD, 1)).rejects.toEqual(refused(409, VOTE_REFUSAL.wrongStatus));
      await expect(voting.cast(BOARD, ana, 1, 'n3')).rejects.toEqual(refused(409, VOTE_REFUSAL.notOpen));
      const [sealed] = await voting.sealedRounds(BOARD);
      expect(sealed).toMatchObject({ number: 1, status: 'closed', voters: 1 });
      expect(sealed!.totals.map(({ itemId, count }) => [itemId, count])).toEqual([
        ['n1', 2],
        ['n2', 1],
      ]);

      const revealed = await voting.reveal(BOARD, 1);
      expect(revealed).toMatchObject({ status: 'revealed', voters: 1 });
      expect(revealed.totals?.map(({ itemId, count }) => [itemId, count])).toEqual([
        ['n1', 2],
        ['n2', 1],
      ]);
      expect(await voting.rounds(BOARD)).toEqual([revealed]);
      await expect(voting.reveal(BOARD, 9)).rejects.toEqual(refused(404, VOTE_REFUSAL.noRound));

      // Facilitators opening the next round at once (tabs, retries): one opens it, the others are told it is open.
      const opens = outcomes(await Promise.allSettled([1, 2, 3, 4].map(() => voting.open(BOARD, 5, 2))));
      expect(opens).toEqual({ done: 1, refusals: Array(3).fill(VOTE_REFUSAL.alreadyOpen) });
      expect((await votingStore.openRound(BOARD))?.number).toBe(2);
    } finally {
      await close();
    }
  });

  it('casts and withdraws dots, and holds the budget and the cap', async () => {
    const { voting, close } = await votingBoard(engine);
    try {
      await voting.open(BOARD, 3, 2);
      const ana = participant('ana');
      await voting.cast(BOARD, ana, 1, 'n1');
      expect(await voting.cast(BOARD, ana, 1, 'n1')).toMatchObject({ round: 1, used: 2, dots: { n1: 2 } });
      await expect(voting.cast(BOARD, ana, 1, 'n1')).rejects.toEqual(refused(409, VOTE_REFUSAL.cap));
      expect(await voting.cast(BOARD, ana, 1, 'n2')).toMatchObject({ used: 3, dots: { n1: 2, n2: 1 } });
      await expect(voting.cast(BOARD, ana, 1, 'n3')).rejects.toEqual(refused(409, VOTE_REFUSAL.budget));
      await expect(voting.cast(BOARD, ana, 2, 'n3')).rejects.toEqual(refused(409, VOTE_REFUSAL.notOpen));

      expect(await voting.withdraw(BOARD, ana, 1, 'n1')).toMatchObject({ used: 2, dots: { n1: 1, n2: 1 } });
      await expect(voting.withdraw(BOARD, ana, 1, 'n3')).rejects.toEqual(refused(409, VOTE_REFUSAL.noDot));
      expect(await voting.cast(BOARD, ana, 1, 'n3')).toMatchObject({ used: 3, dots: { n1: 1, n2: 1, n3: 1 } });
      // Another person's ballot is their own.
      expect(await voting.ballot(BOARD, participant('ben'))).toMatchObject({ used: 0, dots: {} });
    } finally {
      await close();
    }
  });

  it('never lets two casts of one person at once (two tabs) place more dots than the budget or the cap', async () => {
    const { voting, votingStore, close } = await votingBoard(engine);
    const people = ['ana', 'ben', 'chie', 'dai', 'emi', 'fumi'].map(participant);
    const dotsOf = async (round: number, personId: string) =>
      (await votingStore.personRows(BOARD, round, personId)).reduce((sum, row) => sum + row.dots, 0);
    try {
      // A budget of one dot: each tab places it on another note.
      await voting.open(BOARD, 1, null);
      const budget = await Promise.all(
        people.map((person) =>
          Promise.allSettled([voting.cast(BOARD, person, 1, 'n1'), voting.cast(BOARD, person, 1, 'n2')]),
        ),
      );
      for (const [index, results] of budget.entries()) {
        expect(outcomes(results)).toEqual({ done: 1, refusals: [VOTE_REFUSAL.budget] });
        expect(await dotsOf(1, people[index]!.person!.id)).toBe(1);
      }
      await voting.close(BOARD, 1);

      // A cap of one dot per note: both tabs place it on the same note.
      await voting.open(BOARD, 3, 1);
      const cap = await Promise.all(
        people.map((person) =>
          Promise.allSettled([voting.cast(BOARD, person, 2, 'n1'), voting.cast(BOARD, person, 2, 'n1')]),
        ),
      );
      for (const [index, results] of cap.entries()) {
        expect(outcomes(results)).toEqual({ done: 1, refusals: [VOTE_REFUSAL.cap] });
        expect(await dotsOf(2, people[index]!.person!.id)).toBe(1);
      }
    } finally {
      await close();
    }
  });

  it('opens a scoring round over the items, takes scores and their withdrawal, and seals the results', async () => {
    const { scoring, close } = await votingBoard(engine);
    try {
      const opened = await scoring.open(BOARD, 'all');
      expect(opened).toMatchObject({ number: 1, status: 'open', scope: 'all', scorers: null, results: null });
      expect(opened.items.map((item) => item.itemId)).toEqual(NOTES);
      await expect(scoring.open(BOARD, 'all')).rejects.toEqual(refused(409, SCORE_REFUSAL.alreadyOpen));

      const [ana, ben] = [participant('ana'), participant('ben')];
      expect(await scoring.score(BOARD, ana, 1, 'n1', { effect: 4, ease: 2, reason: '効く' })).toMatchObject({
        round: 1,
        scores: { n1: { effect: 4, ease: 2, reason: '効く' } },
      });
      await expect(scoring.score(BOARD, ana, 1, 'zz', { effect: 1, ease: 1, reason: '' })).rejects.toEqual(
        refused(409, SCORE_REFUSAL.notInRound),
      );
      expect(await scoring.withdraw(BOARD, ana, 1, 'n1')).toMatchObject({ scores: {} });
      await scoring.score(BOARD, ana, 1, 'n1', { effect: 5, ease: 3, reason: '' });
      await scoring.score(BOARD, ben, 1, 'n1', { effect: 3, ease: 3, reason: '' });
      expect(await scoring.state(BOARD, ben)).toMatchObject({ scores: { n1: { effect: 3, ease: 3 } } });

      expect(await scoring.close(BOARD, 1)).toMatchObject({ status: 'closed', scorers: null, results: null });
      await expect(scoring.score(BOARD, ana, 1, 'n2', { effect: 1, ease: 1, reason: '' })).rejects.toEqual(
        refused(409, SCORE_REFUSAL.notOpen),
      );
      const [sealed] = await scoring.sealedRounds(BOARD);
      expect(sealed).toMatchObject({ number: 1, status: 'closed', scorers: 2 });
      const revealed = await scoring.reveal(BOARD, 1);
      expect(revealed).toMatchObject({ status: 'revealed', scorers: 2 });
      expect(revealed.results).toEqual(sealed!.results);
      expect(await scoring.rounds(BOARD)).toEqual([revealed]);
      await expect(scoring.reveal(BOARD, 1)).rejects.toEqual(refused(409, SCORE_REFUSAL.wrongStatus));
      await expect(scoring.close(BOARD, 7)).rejects.toEqual(refused(404, SCORE_REFUSAL.noRound));
    } finally {
      await close();
    }
  });

  it('counts a score sent while the round closes, or refuses it: never one left in a round already counted', async () => {
    const { scoring, scoringStore, close } = await votingBoard(engine);
    const people = ['ana', 'ben', 'chie', 'dai', 'emi', 'fumi'].map(participant);
    try {
      await scoring.open(BOARD, 'all');
      const results = await Promise.allSettled([
        ...people.map((person) => scoring.score(BOARD, person, 1, 'n2', { effect: 2, ease: 4, reason: '' })),
        scoring.close(BOARD, 1),
      ]);
      expect(results.at(-1)!.status).toBe('fulfilled');
      const scored = outcomes(results.slice(0, -1));
      expect(scored.refusals.every((code) => code === SCORE_REFUSAL.notOpen)).toBe(true);
      const [sealed] = await scoringStore.sealedRounds(BOARD);
      expect((await scoringStore.allRows(BOARD, 1)).length).toBe(scored.done);
      expect(sealed!.scorers).toBe(scored.done);
    } finally {
      await close();
    }
  });
});
