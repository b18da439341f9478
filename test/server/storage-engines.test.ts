import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { BoardRecord } from '../../server/storage/types.js';
import { StorageCorruptionError } from '../../server/storage.js';
import { addNote, editNoteText } from '../../shared/ops/notes.js';
import { getNote, listNotes } from '../../shared/selectors.js';
import { STORAGE_ENGINES } from './storageEngines.js';

// The storage contract, on each engine: what the rooms and the API rely on holds alike on SQLite (the embedded
// default) and PostgreSQL (several processes).

const EMPTY = Y.encodeStateAsUpdate(new Y.Doc());

function board(id: string, createdAt = 1_700_000_000_000): BoardRecord {
  return { id, title: `ボード ${id}`, createdAt, tokenHashes: { facilitator: 'f', participant: 'p', viewer: 'v' } };
}

/** A doc with `count` notes, and the update of each note as it was added. */
function noteUpdates(count: number): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  for (let i = 0; i < count; i++)
    addNote(doc, { id: `n${i}`, pillarId: 'p', lane: 'idea', text: `付箋 ${i}`, author: 'a' });
  return updates;
}

function docOf(updates: Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, update);
  return doc;
}

describe.each(STORAGE_ENGINES)('storage on $name', (engine) => {
  it('stores a board, commits appends in order, and loads the snapshot followed by them', async () => {
    const storage = await engine.open();
    try {
      await storage.createBoard(board('b1'), { board: EMPTY, settings: EMPTY });
      expect(await storage.getBoard('b1')).toMatchObject({ title: 'ボード b1', createdAt: 1_700_000_000_000 });
      expect(await storage.createdAt('b1')).toBe(1_700_000_000_000);
      expect(await storage.getBoard('nope')).toBeNull();
      const updates = noteUpdates(30);
      // All at once, as many clients' edits arrive: every append resolves, in the order of the sequence.
      const seqs = await Promise.all(updates.map((update) => storage.appendUpdate('b1', 'board', update)));
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(new Set(seqs).size).toBe(30);
      const stored = await storage.loadDocument('b1', 'board');
      expect(stored.updateCount).toBe(30);
      expect(stored.lastSeq).toBe(seqs.at(-1));
      expect(stored.updates).toHaveLength(31); // the snapshot, then the 30 updates
      expect(listNotes(docOf(stored.updates))).toHaveLength(30);
      expect((await storage.loadDocument('b1', 'settings')).updateCount).toBe(0);
    } finally {
      await storage.close();
    }
  });

  it('compacts up to a sequence number and keeps the updates committed after it', async () => {
    const storage = await engine.open();
    try {
      await storage.createBoard(board('b2'), { board: EMPTY, settings: EMPTY });
      const updates = noteUpdates(10);
      const seqs: number[] = [];
      for (const update of updates) seqs.push(await storage.appendUpdate('b2', 'board', update));
      const snapshot = Y.encodeStateAsUpdate(docOf(updates.slice(0, 6)));
      await storage.compact('b2', 'board', snapshot, seqs[5]!);
      const stored = await storage.loadDocument('b2', 'board');
      expect(stored.updateCount).toBe(4);
      expect(stored.lastSeq).toBe(seqs[9]);
      expect(listNotes(docOf(stored.updates))).toHaveLength(10);
    } finally {
      await storage.close();
    }
  });

  it('refuses a damaged row with a StorageCorruptionError and reports it in findDamage and health', async () => {
    const storage = await engine.open();
    try {
      await storage.createBoard(board('b3'), { board: EMPTY, settings: EMPTY });
      await storage.createBoard(board('b4'), { board: EMPTY, settings: EMPTY });
      const doc = new Y.Doc();
      addNote(doc, { id: 'x', pillarId: 'p', lane: 'idea', text: '元の文', author: 'a' });
      await storage.appendUpdate('b3', 'board', Y.encodeStateAsUpdate(doc));
      editNoteText(doc, 'x', '変えた文');
      await storage.appendUpdate('b4', 'board', Y.encodeStateAsUpdate(doc));
      // What a disk or a tool gone wrong does: the bytes change, the checksum stays.
      await storage.sql.run("UPDATE updates SET checksum = '0000000000000000' WHERE board_id = ?", ['b3']);
      await expect(storage.loadDocument('b3', 'board')).rejects.toBeInstanceOf(StorageCorruptionError);
      expect(await storage.findDamage('b3')).toHaveLength(1);
      expect(storage.health().damaged).toEqual(['b3']);
      // Another board is not affected.
      expect(getNote(docOf((await storage.loadDocument('b4', 'board')).updates), 'x')?.text).toBe('変えた文');
      expect(await storage.findDamage('b4')).toEqual([]);
    } finally {
      await storage.close();
    }
  });

  it('fails only the append at fault in a batch: the others of the same transaction are stored', async () => {
    const storage = await engine.open({ batchMs: 20 });
    try {
      await storage.createBoard(board('b5'), { board: EMPTY, settings: EMPTY });
      const [update] = noteUpdates(1);
      const results = await Promise.allSettled([
        storage.appendUpdate('b5', 'board', update!),
        storage.appendUpdate('ghost', 'board', update!), // no such board: the foreign key refuses it
        storage.appendUpdate('b5', 'settings', update!),
      ]);
      expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect((await storage.loadDocument('b5', 'board')).updateCount).toBe(1);
      expect((await storage.loadDocument('b5', 'settings')).updateCount).toBe(1);
    } finally {
      await storage.close();
    }
  });

  it('archives and unarchives, and deletes every row of a board (and only of that board)', async () => {
    const storage = await engine.open();
    try {
      await storage.createBoard(board('b6'), { board: EMPTY, settings: EMPTY });
      await storage.createBoard(board('b7'), { board: EMPTY, settings: EMPTY });
      const [update] = noteUpdates(1);
      await storage.appendUpdate('b6', 'board', update!);
      await storage.appendUpdate('b7', 'board', update!);
      await storage.sql.run(
        "INSERT INTO voting_rounds (board_id, number, status, budget, opened_at) VALUES (?, 1, 'open', 5, 0)",
        ['b6'],
      );
      await storage.sql.run(
        "INSERT INTO ballots (board_id, round, person_id, item_id, dots) VALUES (?, 1, 'p', 'i', 2)",
        ['b6'],
      );
      expect(await storage.setArchived('b6', true)).toBe(true);
      expect(await storage.isArchived('b6')).toBe(true);
      expect((await storage.getBoard('b6'))?.archivedAt).toEqual(expect.any(Number));
      expect(await storage.setArchived('b6', false)).toBe(true);
      expect(await storage.isArchived('b6')).toBe(false);
      expect(await storage.setArchived('nope', true)).toBe(false);

      expect(await storage.deleteBoard('b6')).toBe(true);
      expect(await storage.deleteBoard('b6')).toBe(false);
      expect(await storage.getBoard('b6')).toBeNull();
      for (const table of ['updates', 'snapshots', 'voting_rounds', 'ballots']) {
        const left = await storage.sql.get<{ n: number }>(`SELECT count(*) AS n FROM ${table} WHERE board_id = ?`, [
          'b6',
        ]);
        expect(left?.n, table).toBe(0);
      }
      expect((await storage.loadDocument('b7', 'board')).updateCount).toBe(1);
    } finally {
      await storage.close();
    }
  });

  it('commits what is queued when closed, and refuses appends afterwards', async () => {
    const storage = await engine.open({ batchMs: 1_000 });
    await storage.createBoard(board('b8'), { board: EMPTY, settings: EMPTY });
    const [first, second] = noteUpdates(2);
    // The first append of a quiet storage is committed at once; the second waits for the batch window.
    await storage.appendUpdate('b8', 'board', first!);
    const queued = storage.appendUpdate('b8', 'board', second!);
    await storage.close();
    await expect(queued).resolves.toEqual(expect.any(Number));
    await expect(storage.appendUpdate('b8', 'board', first!)).rejects.toThrow('storage is closed');
  });
});

describe.each(STORAGE_ENGINES)('the SQL interface on $name', (engine) => {
  it('runs transactions asked for at once one after the other, and keeps other statements out of them', async () => {
    const storage = await engine.open();
    try {
      await storage.createBoard({ ...board('t1'), title: 'n0' }, { board: EMPTY, settings: EMPTY });
      // Each transaction reads the count and writes count + 1: interleaved, two would write the same number.
      // Where the engine lets them run side by side (PostgreSQL), the row lock taken first serialises them.
      const bump = () =>
        storage.sql.transaction(async (tx) => {
          await tx.run('UPDATE boards SET title = title WHERE id = ?', ['t1']);
          const row = await tx.get<{ title: string }>('SELECT title FROM boards WHERE id = ?', ['t1']);
          const next = Number(row!.title.slice(1)) + 1;
          await tx.run('UPDATE boards SET title = ? WHERE id = ?', [`n${next}`, 't1']);
        });
      // A plain statement asked for while a transaction is open, and a transaction that rolls back.
      const failing = storage.sql.transaction(async (tx) => {
        await tx.run("UPDATE boards SET title = 'rolled back' WHERE id = ?", ['t1']);
        throw new Error('undo');
      });
      const outside = storage.sql.run('UPDATE boards SET archived_at = 5 WHERE id = ?', ['t1']);
      await Promise.all([bump(), bump(), bump(), failing.catch(() => {}), outside, bump()]);
      const after = await storage.getBoard('t1');
      expect(after?.title).toBe('n4');
      expect(after?.archivedAt).toBe(5);
    } finally {
      await storage.close();
    }
  });
});
