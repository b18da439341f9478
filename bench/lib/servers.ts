/**
 * The two servers under test, each in its own process so its CPU time and memory can be read from /proc:
 * ours through its production entry (`server/main.ts`, durable SQLite storage on), and the reference
 * `@y/websocket-server` 0.1.1 (in memory, or LevelDB with YPERSISTENCE).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

export type ServerKind = 'ours' | 'reference';

export interface BenchServer {
  kind: ServerKind;
  pid: number;
  port: number;
  httpUrl: string;
  /** The websocket address of a board's document. */
  roomUrl(boardId: string, token: string): string;
  stop(): Promise<void>;
}

/** CPU seconds (user + system) the process has used, from /proc (10 ms resolution). */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields 14 and 15 of stat (utime, stime), counted from after the command name.
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Resident memory of the process now and at its peak (MB). */
export function memoryMb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const read = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024;
  return { rss: read('VmRSS'), peak: read('VmHWM') };
}

function freePort(): Promise<number> {
  return new Promise((done, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => done(port));
    });
  });
}

function waitForLine(child: ChildProcess, pattern: RegExp, what: string): Promise<RegExpExecArray> {
  return new Promise((done, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`${what} did not start: ${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = pattern.exec(output);
      if (match) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        done(match);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited with ${code}: ${output}`));
    });
  });
}

function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise((done) => {
      // Gone already (a scenario killed it with SIGKILL): its exit was heard before this listener.
      if (child.exitCode !== null || child.signalCode !== null) return done();
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.once('exit', () => {
        clearTimeout(killer);
        done();
      });
      child.kill('SIGTERM');
    });
}

/** Our server with its data in `dataDir`; `env` adds variables (e.g. METRICS=1). */
export async function startOurs(dataDir: string, env: Record<string, string> = {}): Promise<BenchServer> {
  const child = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
      '--import',
      'tsx',
      resolve('server/main.ts'),
    ],
    {
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, NODE_ENV: 'production', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const match = await waitForLine(child, /listening on http:\/\/127\.0\.0\.1:(\d+)/, 'our server');
  const port = Number(match[1]);
  if (process.env.BENCH_SERVER_LOG_DIR) {
    // Debugging a scenario: each server's log in its own file.
    const file = createWriteStream(join(process.env.BENCH_SERVER_LOG_DIR, `server-${port}.log`));
    child.stdout?.pipe(file);
    child.stderr?.pipe(file);
  } else {
    child.stdout?.resume();
    child.stderr?.resume();
  }
  return {
    kind: 'ours',
    pid: child.pid!,
    port,
    httpUrl: `http://127.0.0.1:${port}`,
    roomUrl: (boardId, token) => `ws://127.0.0.1:${port}/ws/${boardId}?token=${token}`,
    stop: stopper(child),
  };
}

/** The reference server; with `persistenceDir` it loads and stores documents in LevelDB (YPERSISTENCE). */
export async function startReference(persistenceDir?: string): Promise<BenchServer> {
  const port = await freePort();
  const env: Record<string, string> = { ...process.env, HOST: '127.0.0.1', PORT: String(port) } as Record<
    string,
    string
  >;
  if (persistenceDir) env.YPERSISTENCE = persistenceDir;
  else delete env.YPERSISTENCE;
  const child = spawn(process.execPath, [resolve('node_modules/@y/websocket-server/src/server.js')], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await waitForLine(child, /running at/, 'the reference server');
  child.stdout?.resume();
  child.stderr?.resume();
  return {
    kind: 'reference',
    pid: child.pid!,
    port,
    httpUrl: `http://127.0.0.1:${port}`,
    roomUrl: (boardId) => `ws://127.0.0.1:${port}/${boardId}`,
    stop: stopper(child),
  };
}
