import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addNote } from '../../shared/ops/notes.js';
import { listNotes } from '../../shared/selectors.js';
import { connectSynced, createBoard, startTestServer, type TestServer, tempDataDir, waitFor } from './helpers.js';

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Runs `npm run backup|restore` as npm would (tsx), without blocking the server running in this process. */
function runCli(
  name: 'backup' | 'restore',
  args: string[],
  dataDir: string,
): Promise<{ code: number | null; out: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', `server/cli/${name}.ts`, ...args], {
    env: { ...process.env, DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, out })));
}

describe('backup and restore', () => {
  it('backs up a running server and restores into a new data dir: the same boards, notes and tokens', async () => {
    const live = tempDataDir();
    const backups = tempDataDir();
    const restored = tempDataDir();
    cleanups.push(live.remove, backups.remove, restored.remove);
    const server = await startTestServer({ dataDir: live.dir });
    cleanups.push(() => server.close());
    const first = await createBoard(server.url, '一つ目');
    const second = await createBoard(server.url, '二つ目');
    const writer = await connectSynced(server.wsUrl, first.id, first.tokens.participant);
    cleanups.push(writer.destroy);
    for (let i = 0; i < 30; i++) {
      addNote(writer.doc, { id: `n${i}`, pillarId: 'p', lane: 'idea', text: `付箋 ${i}`, author: 'w' });
    }
    const reader = await connectSynced(server.wsUrl, first.id, first.tokens.viewer);
    cleanups.push(reader.destroy);
    await waitFor(() => listNotes(reader.doc).length === 30, 'the notes to be stored');

    // The writer keeps writing during the backup: the server must keep serving, the copy stays consistent.
    let writing = true;
    const during = (async () => {
      for (let i = 0; writing; i++) {
        addNote(writer.doc, { id: `d${i}`, pillarId: 'p', lane: 'goal', text: `最中 ${i}`, author: 'w' });
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    const out = join(backups.dir, 'nightly');
    const backup = await runCli('backup', ['--out', out], live.dir);
    writing = false;
    await during;
    expect(backup.out).toMatch(/2 boards, \d+ bytes, integrity check ok/);
    expect(backup.code).toBe(0);
    await waitFor(() => listNotes(reader.doc).length === listNotes(writer.doc).length, 'the server to keep working');

    const again = await runCli('backup', ['--out', out], live.dir);
    expect(again.code).toBe(1);
    expect(again.out).toMatch(/already exists: choose another directory, or add --force/);

    const restore = await runCli('restore', [out], restored.dir);
    expect(restore.out).toMatch(/restored .* 2 boards, integrity check ok/);
    expect(restore.code).toBe(0);

    const copy: TestServer = await startTestServer({ dataDir: restored.dir });
    cleanups.push(() => copy.close());
    const after = await connectSynced(copy.wsUrl, first.id, first.tokens.viewer);
    cleanups.push(after.destroy);
    const ids = new Set(listNotes(after.doc).map((note) => note.id));
    for (let i = 0; i < 30; i++) expect(ids.has(`n${i}`)).toBe(true);
    expect(after.doc.store.pendingStructs).toBeNull();
    const me = await fetch(`${copy.url}/api/boards/${second.id}/me`, {
      headers: { authorization: `Bearer ${second.tokens.facilitator}` },
    });
    expect(await me.json()).toMatchObject({ title: '二つ目', role: 'facilitator' });
  });

  it('refuses a non-empty data dir without --force, a running server with it, and a missing backup', async () => {
    const live = tempDataDir();
    const backups = tempDataDir();
    cleanups.push(live.remove, backups.remove);
    const server = await startTestServer({ dataDir: live.dir });
    cleanups.push(() => server.close());
    await createBoard(server.url);
    const out = join(backups.dir, 'b1');
    expect((await runCli('backup', ['--out', out], live.dir)).code).toBe(0);

    const notEmpty = await runCli('restore', [out], live.dir);
    expect(notEmpty.code).toBe(1);
    expect(notEmpty.out).toMatch(/is not empty: stop the server and add --force/);
    const running = await runCli('restore', [out, '--force'], live.dir);
    expect(running.code).toBe(1);
    expect(running.out).toMatch(/is in use by another server \(pid \d+\): stop the server first/);
    const missing = await runCli('restore', [join(backups.dir, 'nothing-here')], live.dir);
    expect(missing.code).toBe(1);
    expect(missing.out).toMatch(/there is no backup at/);
    const noOut = await runCli('backup', [], live.dir);
    expect(noOut.code).toBe(2);
    expect(noOut.out).toMatch(/--out DIR is required/);

    // Stopped: --force moves the current files aside and restores.
    await server.close();
    const forced = await runCli('restore', [out, '--force'], live.dir);
    expect(forced.code).toBe(0);
    expect(readdirSync(live.dir).some((name) => name.startsWith('replaced-'))).toBe(true);

    const junk = join(backups.dir, 'junk');
    mkdirSync(junk);
    writeFileSync(join(junk, 'board.sqlite'), 'not a database');
    const bad = await runCli('restore', [junk, '--force'], live.dir);
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/cannot be (opened|read) as a database/);
  });
});
