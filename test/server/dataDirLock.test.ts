import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirInUseError } from '../../server/dataDirLock.js';
import { type ChildServer, spawnServer } from './childServer.js';
import { createBoard, startTestServer, tempDataDir } from './helpers.js';

const run = promisify(execFile);
const TSX = join(process.cwd(), 'node_modules/.bin/tsx');

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** One of the operator's commands (`npm run backup|restore|export`) as a child process: its exit code and output. */
async function command(script: string, args: string[], dataDir: string) {
  try {
    const { stdout, stderr } = await run(TSX, [`server/cli/${script}.ts`, ...args], {
      env: { ...process.env, DATA_DIR: dataDir, TSX_DISABLE_CACHE: '1' },
    });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, out: failed.stdout + failed.stderr };
  }
}

describe('one server per data folder', () => {
  it('refuses a second server naming the folder and the running pid, and starts again right after kill -9', async () => {
    const data = tempDataDir();
    cleanups.push(data.remove);
    const first: ChildServer = await spawnServer(data.dir);
    cleanups.push(() => first.kill());
    const board = await createBoard(first.url, '一つだけ');

    const second = await spawnServer(data.dir).then(
      (server) => {
        cleanups.push(() => server.kill());
        return null;
      },
      (error: Error) => error.message,
    );
    expect(second).toMatch(/server exited \(2\) before listening/);
    expect(second).toContain(`DATA_DIR ${data.dir} is in use by another server (pid ${first.child.pid})`);
    // The same refusal inside one process (a test, an embedding): SQLite's lock holds there too.
    await expect(startTestServer({ dataDir: data.dir })).rejects.toBeInstanceOf(DataDirInUseError);
    // The first server was not disturbed.
    expect((await fetch(`${first.url}/healthz`)).status).toBe(200);

    // kill -9 leaves the lock file behind, but the kernel dropped the lock: no stale lock to clear by hand.
    await first.kill();
    const restarted = await spawnServer(data.dir);
    cleanups.push(() => restarted.kill());
    const me = await fetch(`${restarted.url}/api/boards/${board.id}/me`, {
      headers: { authorization: `Bearer ${board.tokens.facilitator}` },
    });
    expect(me.status).toBe(200);
  }, 120_000);

  it('lets backup and export run beside the server, and refuses restore while it runs', async () => {
    const data = tempDataDir();
    const out = tempDataDir();
    cleanups.push(data.remove, out.remove);
    const server = await startTestServer({ dataDir: data.dir });
    cleanups.push(() => server.close());
    const board = await createBoard(server.url, '隣で動く');

    const backup = await command('backup', ['--out', join(out.dir, 'copy')], data.dir);
    expect(backup.out).toMatch(/1 boards, \d+ bytes, integrity check ok/);
    expect(backup.code).toBe(0);
    const exported = await command(
      'export',
      [board.id, '--format', 'json', '--out', join(out.dir, 'board.json'), '--data', data.dir],
      data.dir,
    );
    expect(exported.out).toContain(`exported ${board.id} as json`);
    expect(exported.code).toBe(0);
    const restore = await command('restore', [join(out.dir, 'copy'), '--force'], data.dir);
    expect(restore.code).toBe(1);
    expect(restore.out).toContain(`DATA_DIR ${data.dir} is in use by another server (pid ${process.pid})`);
    expect(restore.out).toMatch(/stop the server first, then restore/);

    // Stopped, the same restore goes through, and the server starts on the restored folder.
    await server.close();
    const restored = await command('restore', [join(out.dir, 'copy'), '--force'], data.dir);
    expect(restored.code, restored.out).toBe(0);
    const again = await startTestServer({ dataDir: data.dir });
    cleanups.push(() => again.close());
    expect((await fetch(`${again.url}/healthz`)).status).toBe(200);
  }, 120_000);

  it('releases the folder when the server could not start (its port taken)', async () => {
    const taken = await startTestServer();
    cleanups.push(() => taken.close());
    const data = tempDataDir();
    cleanups.push(data.remove);
    await expect(startTestServer({ dataDir: data.dir, port: taken.port })).rejects.toThrow(/EADDRINUSE/);
    const started = await startTestServer({ dataDir: data.dir });
    cleanups.push(() => started.close());
    expect((await fetch(`${started.url}/healthz`)).status).toBe(200);
  });
});
