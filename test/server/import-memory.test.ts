import { readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_EXPORT_SETTINGS } from '../../server/export/exportConfig.js';
import { type ChildServer, spawnServer } from './childServer.js';
import { tempDataDir } from './helpers.js';

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const MB = 1024 * 1024;
const PARALLEL = 16;

/** A figure of the server process's memory from /proc (kB): VmRSS now, VmHWM the peak since it was reset. */
function memoryKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Number(match[1]);
}

/** One upload; resolves with the answer's status and code, or `cut` when the server closed before answering. */
function upload(url: string, body: Buffer): Promise<{ status: number | 'cut'; code?: string }> {
  return new Promise((resolve) => {
    const req = request(`${url}/api/boards/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': body.length },
    });
    req.on('response', (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, code: safeCode(text) }));
      res.on('error', () => resolve({ status: res.statusCode ?? 0 }));
    });
    req.on('error', () => resolve({ status: 'cut' }));
    req.end(body);
  });
}

function safeCode(text: string): string | undefined {
  try {
    return (JSON.parse(text) as { code?: string }).code;
  } catch {
    return undefined;
  }
}

describe('import memory', () => {
  it(`holds at most about 150 MB more under ${PARALLEL} parallel maximum-size uploads, refusing the extra ones at once`, async () => {
    const data = tempDataDir();
    cleanups.push(data.remove);
    const server: ChildServer = await spawnServer(data.dir);
    cleanups.push(() => server.kill());
    const pid = server.child.pid!;
    // JSON-shaped junk of the maximum size: it is read whole, decoded and parsed before it is refused.
    const max = DEFAULT_EXPORT_SETTINGS.maxImportBytes;
    const body = Buffer.alloc(max, 0x61);
    body.write('{"junk":"', 0);
    body.write('"}', max - 2);
    // The import worker thread starts at the first task and stays: it belongs to the running server's baseline.
    expect((await upload(server.url, Buffer.from('{}'))).status).toBe(400);
    // The peak is measured from here (writing 5 to clear_refs resets VmHWM to the current RSS).
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    const before = memoryKb(pid, 'VmRSS');

    const answers = await Promise.all(Array.from({ length: PARALLEL }, () => upload(server.url, body)));
    const growthMb = (memoryKb(pid, 'VmHWM') - before) / 1024;
    const summary = answers.map((answer) => answer.code ?? answer.status).join(' ');
    console.log(
      `import memory: ${PARALLEL} parallel ${max / MB} MiB uploads, peak growth ${growthMb.toFixed(0)} MB (${summary})`,
    );

    const busy = answers.filter((answer) => answer.code === 'import-busy' || answer.status === 'cut');
    const read = answers.filter((answer) => answer.status === 400);
    expect(read.length, JSON.stringify(answers)).toBeGreaterThanOrEqual(1);
    expect(busy.length + read.length, JSON.stringify(answers)).toBe(PARALLEL);
    expect(growthMb).toBeLessThanOrEqual(150);
    // The server is still well.
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  }, 120_000);
});
