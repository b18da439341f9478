import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';

/**
 * A real PostgreSQL for the tests: Debian's `postgresql` package, on a temporary data directory and a free port,
 * listening on 127.0.0.1 only, stopped by the test. `initdb` refuses to run as root, so as root the cluster is
 * run by the package's unprivileged `postgres` user (spawned with its uid and gid, as `runuser` would).
 */

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** The newest installed server's bin directory (/usr/lib/postgresql/<major>/bin), or null. */
export function postgresBinDir(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const majors = readdirSync(root)
    .filter((name) => existsSync(join(root, name, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return majors[0] ? join(root, majors[0], 'bin') : null;
}

/** Installs Debian's postgresql when missing (as root); otherwise says what to run. For the global setup. */
export function ensurePostgresInstalled(): void {
  if (postgresBinDir()) return;
  if (!isRoot) {
    throw new Error(
      'The server tests need PostgreSQL. Install it with: sudo apt-get update && sudo apt-get install -y postgresql',
    );
  }
  console.log('Installing Debian postgresql for the server tests…');
  execFileSync('apt-get', ['update'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', 'postgresql'], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

/** A port nothing listens on now (on 127.0.0.1). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** As root, PostgreSQL's programs run as the package's `postgres` user; otherwise as ourselves. */
function postgresUser(): { uid?: number; gid?: number } {
  return isRoot ? { uid: idOf('-u'), gid: idOf('-g') } : {};
}

function idOf(flag: '-u' | '-g'): number {
  return Number(execFileSync('id', [flag, 'postgres']).toString().trim());
}

export interface TestPostgres {
  /** `postgres://board@127.0.0.1:<port>/board` */
  url: string;
  port: number;
  /** A new, empty database on this server: its URL. */
  createDatabase(): Promise<string>;
  /** Stops the server as a crash would (SIGKILL of the postmaster): for fault tests. */
  kill(): void;
  /** Starts it again on the same data and port after `kill` or `stop`. */
  restart(): Promise<void>;
  /** Stops the server and removes its data directory. */
  stop(): Promise<void>;
}

let databases = 0;

export async function startPostgres(): Promise<TestPostgres> {
  const bin = postgresBinDir();
  if (!bin) throw new Error('PostgreSQL is not installed (the global setup installs it as root)');
  const dir = mkdtempSync(join(tmpdir(), 'board-postgres-'));
  const user = postgresUser();
  if (isRoot) chownSync(dir, user.uid!, user.gid!);
  const data = join(dir, 'data');
  execFileSync(join(bin, 'initdb'), ['-D', data, '-U', 'board', '--auth=trust', '--encoding=UTF8', '--locale=C'], {
    stdio: 'ignore',
    ...user,
  });
  const port = await freePort();
  let child: ChildProcess | null = null;

  async function launch(): Promise<void> {
    const args = [
      '-D',
      data,
      '-p',
      String(port),
      '-k',
      dir,
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'max_connections=200',
    ];
    const started = spawn(join(bin!, 'postgres'), args, { stdio: ['ignore', 'ignore', 'pipe'], ...user });
    let output = '';
    started.stderr?.on('data', (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-4000);
    });
    child = started;
    // A test process that ends without stopping it (a crash, a timeout) takes its PostgreSQL with it.
    process.once('exit', () => started.kill('SIGKILL'));
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (started.exitCode !== null) throw new Error(`postgres exited at start: ${output}`);
      const client = quietClient(`postgres://board@127.0.0.1:${port}/postgres`);
      try {
        await client.connect();
        await client.end();
        return;
      } catch {
        await client.end().catch(() => {});
        if (Date.now() > deadline) throw new Error(`postgres did not accept connections: ${output}`);
        await new Promise<void>((resolve) => setTimeout(resolve, 50));
      }
    }
  }

  function exited(process: ChildProcess): Promise<void> {
    return process.exitCode !== null || process.signalCode !== null
      ? Promise.resolve()
      : new Promise((resolve) => process.once('exit', () => resolve()));
  }

  await launch();
  const admin = `postgres://board@127.0.0.1:${port}/postgres`;
  return {
    url: `postgres://board@127.0.0.1:${port}/postgres`,
    port,
    async createDatabase() {
      const name = `test_${process.pid}_${++databases}`;
      const client = quietClient(admin);
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return `postgres://board@127.0.0.1:${port}/${name}`;
    },
    kill() {
      // The postmaster; its backends notice and exit by themselves, as after a crash.
      child?.kill('SIGKILL');
    },
    async restart() {
      if (child) await exited(child);
      // A crashed postmaster leaves its pid file; the new one checks that the pid is gone and starts.
      await launch();
    },
    async stop() {
      if (child && child.exitCode === null && child.signalCode === null) {
        child.kill('SIGINT'); // fast shutdown
        await exited(child);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Fault injection: PostgreSQL answers every write of board documents (and the server's write probe) as a full
 * tablespace does, SQLSTATE 53100 disk_full, until `tablespaceFreed`. A real full disk cannot be made on demand
 * here (no mount in CI); the server sees exactly the error PostgreSQL gives when a file cannot be extended.
 */
export async function fillTablespace(databaseUrl: string): Promise<void> {
  const client = quietClient(databaseUrl);
  await client.connect();
  try {
    await client.query(`
      CREATE OR REPLACE FUNCTION test_no_space() RETURNS trigger AS $$
      BEGIN RAISE EXCEPTION 'could not extend file: No space left on device' USING ERRCODE = 'disk_full'; END
      $$ LANGUAGE plpgsql;
      CREATE TRIGGER test_full_updates BEFORE INSERT ON updates FOR EACH ROW EXECUTE FUNCTION test_no_space();
      CREATE TRIGGER test_full_probe BEFORE INSERT ON storage_probe FOR EACH ROW EXECUTE FUNCTION test_no_space();
    `);
  } finally {
    await client.end();
  }
}

export async function tablespaceFreed(databaseUrl: string): Promise<void> {
  const client = quietClient(databaseUrl);
  await client.connect();
  try {
    await client.query(`
      DROP TRIGGER test_full_updates ON updates;
      DROP TRIGGER test_full_probe ON storage_probe;
    `);
  } finally {
    await client.end();
  }
}

/** This test file's own PostgreSQL: started before its tests, stopped after them. */
export function postgresForThisFile(): () => TestPostgres {
  let server: TestPostgres | null = null;
  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(async () => {
    await server?.stop();
  });
  return () => {
    if (!server) throw new Error('the PostgreSQL of this file is not started yet');
    return server;
  };
}

/** A short-lived client of the tests: PostgreSQL stopped by a test while it is open must not end the test process. */
export function quietClient(connectionString: string): pg.Client {
  const client = new pg.Client({ connectionString });
  client.on('error', () => {});
  return client;
}
