import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addNote } from '../../shared/ops/notes.js';
import { connectSynced, createBoard, startTestServer, tempDataDir, waitFor } from './helpers.js';

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Every file under `dir`, WAL and side files included, with its raw bytes. */
function everyFile(dir: string): Array<{ path: string; bytes: Buffer }> {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? everyFile(path) : [{ path, bytes: readFileSync(path) }];
  });
}

/** The files of `dir` holding `text` (as UTF-8, the way Yjs and SQLite store it). */
function filesHolding(dir: string, text: string): string[] {
  const needle = Buffer.from(text, 'utf8');
  return everyFile(dir)
    .filter(({ bytes }) => bytes.includes(needle))
    .map(({ path }) => path);
}

async function api(url: string, method: string, token: string, body?: unknown): Promise<Response> {
  const response = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status >= 300) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
  return response;
}

describe('deleting a board', () => {
  it('leaves none of its content in any file of the data folder once the call returns', async () => {
    const data = tempDataDir();
    cleanups.push(data.remove);
    const server = await startTestServer({ dataDir: data.dir });
    cleanups.push(() => server.close());
    const secrets = {
      title: '消去される会議の題名',
      note: '消去されるべき付箋の内容・住民票の件',
      member: '消去 太郎',
      snapshot: '消去される版の名前',
    };
    const board = await createBoard(server.url, secrets.title);
    const kept = await createBoard(server.url, '残る会議');
    const base = `${server.url}/api/boards/${board.id}`;
    const facilitator = board.tokens.facilitator;

    const writer = await connectSynced(server.wsUrl, board.id, board.tokens.participant);
    cleanups.push(writer.destroy);
    // Many edits, so that the note is in updates, then in a compacted snapshot, and older pages are freed.
    addNote(writer.doc, { id: 'secret', pillarId: 'p', lane: 'idea', text: secrets.note, author: 'w' });
    for (let i = 0; i < 40; i++) {
      addNote(writer.doc, { id: `n${i}`, pillarId: 'p', lane: 'idea', text: `${secrets.note} ${i}`, author: 'w' });
    }
    const other = await connectSynced(server.wsUrl, kept.id, kept.tokens.participant);
    cleanups.push(other.destroy);
    addNote(other.doc, { id: 'kept', pillarId: 'p', lane: 'idea', text: '残るべき付箋', author: 'o' });
    await api(`${base}/people`, 'POST', facilitator, { name: secrets.member });
    await api(`${base}/snapshots`, 'POST', facilitator, { name: secrets.snapshot });
    await api(`${base}/lock`, 'PUT', facilitator, { locked: true });
    await api(`${base}/visit`, 'PUT', facilitator, {}).catch(() => {});
    for (const text of Object.values(secrets)) {
      await waitFor(() => filesHolding(data.dir, text).length > 0, `"${text}" to be stored`);
    }
    await waitFor(() => filesHolding(data.dir, '残るべき付箋').length > 0, 'the other board to be stored');
    writer.destroy();

    await api(base, 'DELETE', facilitator, { confirm: board.id });
    for (const text of Object.values(secrets)) expect(filesHolding(data.dir, text), text).toEqual([]);
    expect(filesHolding(data.dir, board.id), 'the board id').toEqual([]);
    expect(filesHolding(data.dir, '残るべき付箋').length, 'the other board').toBeGreaterThan(0);

    // The other board works on, and after a restart nothing of the deleted one comes back.
    addNote(other.doc, { id: 'after', pillarId: 'p', lane: 'idea', text: '削除の後', author: 'o' });
    await waitFor(() => filesHolding(data.dir, '削除の後').length > 0, 'the other board to keep being stored');
    other.destroy();
    await server.close();
    for (const text of Object.values(secrets)) expect(filesHolding(data.dir, text), text).toEqual([]);
    const again = await startTestServer({ dataDir: data.dir });
    cleanups.push(() => again.close());
    expect(
      (await fetch(`${again.url}/api/boards/${board.id}/me`, { headers: { authorization: `Bearer ${facilitator}` } }))
        .status,
    ).toBe(404);
  });
});
