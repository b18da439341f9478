import { closeSync, copyFileSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { addNote } from '../../shared/ops/notes.js';
import { listNotes } from '../../shared/selectors.js';
import { connectSynced, createBoard, rawSocket, startTestServer, tempDataDir, waitFor } from './helpers.js';

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Health {
  ok: boolean;
  healthy: boolean;
  damagedDocuments: number;
  integrity: { status: string; checkedAt: string | null; problems: number };
}

const health = async (url: string) => (await (await fetch(`${url}/healthz`)).json()) as Health;

/** A data folder with two boards, one with notes, written by a real server and closed (checkpointed). */
async function filledDataDir() {
  const data = tempDataDir();
  cleanups.push(data.remove);
  const server = await startTestServer({ dataDir: data.dir });
  const first = await createBoard(server.url, '一つ目');
  const second = await createBoard(server.url, '二つ目');
  const writer = await connectSynced(server.wsUrl, first.id, first.tokens.participant);
  for (let i = 0; i < 20; i++)
    addNote(writer.doc, { id: `n${i}`, pillarId: 'p', lane: 'idea', text: `付箋 ${i}`, author: 'w' });
  const reader = await connectSynced(server.wsUrl, first.id, first.tokens.viewer);
  await waitFor(() => listNotes(reader.doc).length === 20, 'the notes to be stored');
  writer.destroy();
  reader.destroy();
  await server.close();
  return { dir: data.dir, first, second };
}

/** Overwrites the header of the `boards` table's root page with garbage: the page no longer reads as a b-tree. */
function damageBoardsPage(dir: string): void {
  const file = join(dir, 'board.sqlite');
  const db = new Database(file, { readonly: true });
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const { rootpage } = db.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'boards'").get() as {
    rootpage: number;
  };
  db.close();
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.alloc(16, 0xee), 0, 16, (rootpage - 1) * pageSize);
  closeSync(fd);
}

describe('damage detection', () => {
  it('reports an undamaged database as checked and healthy', async () => {
    const { dir } = await filledDataDir();
    const server = await startTestServer({ dataDir: dir });
    cleanups.push(() => server.close());
    let report = await health(server.url);
    const deadline = Date.now() + 20_000;
    while (report.integrity.status === 'pending' && Date.now() < deadline) report = await health(server.url);
    expect(report).toMatchObject({
      ok: true,
      healthy: true,
      damagedDocuments: 0,
      integrity: { status: 'ok', problems: 0 },
    });
    expect(new Date(report.integrity.checkedAt!).getTime()).toBeGreaterThan(0);
  });

  it('reports damaged pages of a copy in /healthz at start, and answers its boards "damaged" (503), never 500', async () => {
    const { dir, first, second } = await filledDataDir();
    const copy = tempDataDir();
    cleanups.push(copy.remove);
    copyFileSync(join(dir, 'board.sqlite'), join(copy.dir, 'board.sqlite'));
    damageBoardsPage(copy.dir);
    expect(readFileSync(join(copy.dir, 'board.sqlite')).includes(Buffer.alloc(16, 0xee))).toBe(true);

    const logs: Array<{ message: string; fields: unknown }> = [];
    const server = await startTestServer({
      dataDir: copy.dir,
      log: (message, fields) => logs.push({ message, fields }),
    });
    cleanups.push(() => server.close());
    let report = await health(server.url);
    const deadline = Date.now() + 20_000;
    while (report.integrity.status === 'pending' && Date.now() < deadline) report = await health(server.url);
    expect(report).toMatchObject({ ok: true, healthy: false, integrity: { status: 'damaged' } });
    expect(report.integrity.problems).toBeGreaterThan(0);
    expect(logs.some(({ fields }) => (fields as { event?: string })?.event === 'storage.integrity')).toBe(true);

    for (const board of [first, second]) {
      const me = await fetch(`${server.url}/api/boards/${board.id}/me`, {
        headers: { authorization: `Bearer ${board.tokens.facilitator}` },
      });
      expect(me.status).toBe(503);
      expect(await me.json()).toMatchObject({ code: 'damaged', error: expect.stringMatching(/damaged/) });
    }
    const { code, reason } = await rawSocket(`${server.wsUrl}/${first.id}?token=${first.tokens.viewer}`).closed;
    expect(code).toBe(1011);
    expect(reason).toMatch(/damaged/);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});
