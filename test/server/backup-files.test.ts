import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createBoard, startTestServer, tempDataDir } from './helpers.js';

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** `npm run backup|restore` as npm runs it, with the usual umask (022) so that the mode is the code's doing. */
function runCli(
  name: 'backup' | 'restore',
  args: string[],
  dataDir: string,
): Promise<{ code: number | null; out: string }> {
  const child = spawn(
    '/bin/sh',
    ['-c', `umask 022 && exec "$0" --import tsx server/cli/${name}.ts "$@"`, process.execPath, ...args],
    {
      env: { ...process.env, DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, out })));
}

describe('backup files', () => {
  it('writes backups and restored databases readable by their owner only (0600)', async () => {
    const live = tempDataDir();
    const backups = tempDataDir();
    const restored = tempDataDir();
    cleanups.push(live.remove, backups.remove, restored.remove);
    const server = await startTestServer({ dataDir: live.dir });
    cleanups.push(() => server.close());
    await createBoard(server.url, '住民票の手続き');
    const out = join(backups.dir, 'nightly');
    const backup = await runCli('backup', ['--out', out], live.dir);
    expect(backup.code, backup.out).toBe(0);
    expect(statSync(join(out, 'board.sqlite')).mode & 0o777).toBe(0o600);

    const restore = await runCli('restore', [out], restored.dir);
    expect(restore.code, restore.out).toBe(0);
    expect(statSync(join(restored.dir, 'board.sqlite')).mode & 0o777).toBe(0o600);
  });

  it('deletes the replaced database with restore --force --purge instead of keeping it in replaced-*', async () => {
    const live = tempDataDir();
    const backups = tempDataDir();
    cleanups.push(live.remove, backups.remove);
    const server = await startTestServer({ dataDir: live.dir });
    await createBoard(server.url);
    const out = join(backups.dir, 'b1');
    expect((await runCli('backup', ['--out', out], live.dir)).code).toBe(0);
    await server.close();

    const alone = await runCli('restore', [out, '--purge'], live.dir);
    expect(alone.code).toBe(2);
    expect(alone.out).toMatch(/--purge deletes the database --force replaces/);
    const purged = await runCli('restore', [out, '--force', '--purge'], live.dir);
    expect(purged.code, purged.out).toBe(0);
    expect(purged.out).toMatch(/deleted the replaced database/);
    expect(readdirSync(live.dir).filter((name) => name.startsWith('replaced-'))).toEqual([]);
    expect(readdirSync(live.dir)).toContain('board.sqlite');
  });

  it('names a damaged token hash when it backs up (a link that would otherwise die silently)', async () => {
    const live = tempDataDir();
    const backups = tempDataDir();
    cleanups.push(live.remove, backups.remove);
    const server = await startTestServer({ dataDir: live.dir });
    const board = await createBoard(server.url);
    await server.close();
    const db = new Database(join(live.dir, 'board.sqlite'));
    const { hash } = db.prepare('SELECT facilitator_token_hash AS hash FROM boards').get() as { hash: string };
    // One byte flipped (bit 0x40), as a disk or a tool could.
    const flipped = String.fromCharCode(hash.charCodeAt(10) ^ 0x40);
    db.prepare('UPDATE boards SET facilitator_token_hash = ?').run(hash.slice(0, 10) + flipped + hash.slice(11));
    db.close();
    const backup = await runCli('backup', ['--out', join(backups.dir, 'b')], live.dir);
    expect(backup.out).toContain(`${board.id} boards facilitator token hash`);
  });
});
