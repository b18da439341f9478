/**
 * `npm run soak`: 50 stock clients edit one board for 10 minutes against the real server (a child process,
 * default limits). Prints the server's RSS over time and the errors seen, then checks that every client and
 * a fresh one hold the same board. Not part of `npm test`.
 *
 *   npm run soak                      # 50 clients, 600 s
 *   npm run soak -- --seconds 30      # or SOAK_SECONDS=30; --clients N / SOAK_CLIENTS=N
 *
 * Then the integrity property test (test/server/update-integrity.test.ts) runs longer than in `npm test`: mutated
 * copies of real updates and a forged client id, over more frames and seeds.
 *
 *   INTEGRITY_FRAMES=5000 INTEGRITY_SEEDS=1,2,3,4,5,6,7,8 (the defaults here); SOAK_INTEGRITY=0 skips it
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { addNote, deleteNote, editNoteText, moveNote } from '../shared/ops/notes';
import { listNotes } from '../shared/selectors';

function option(name: string, env: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const raw = at >= 0 ? process.argv[at + 1] : process.env[env];
  const value = Number(raw ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} / ${env} must be a positive number`);
  return value;
}

const SECONDS = option('seconds', 'SOAK_SECONDS', 600);
const CLIENTS = option('clients', 'SOAK_CLIENTS', 50);
const REPORT_EVERY_MS = Math.min(30_000, Math.max(5_000, (SECONDS * 1000) / 20));
const MAX_NOTES = 400;
// Each stock provider listens for the process's exit.
process.setMaxListeners(CLIENTS + 10);

const errors: string[] = [];
const error = (what: string) => {
  errors.push(what);
  if (errors.length <= 20) console.log(`  error: ${what}`);
};

/** The server's resident memory, from /proc (Linux), in MB. */
function rssMb(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Math.round(Number(match[1]) / 1024) : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

async function startServer(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr?.on('data', (chunk: Buffer) => error(`server stderr: ${chunk.toString().trim()}`));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/[^\s]+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`the server exited with ${code} before listening: ${out}`)));
  });
  child.stdout?.resume();
  return { child, url };
}

interface Client {
  doc: Y.Doc;
  provider: WebsocketProvider;
}

function connect(wsUrl: string, boardId: string, token: string, name: string): Client {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(wsUrl, boardId, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: { token },
  });
  provider.awareness.setLocalStateField('user', { name });
  provider.on('connection-close', (event) => {
    if (event && event.code !== 1000 && event.code !== 1005) error(`${name}: closed ${event.code} ${event.reason}`);
  });
  provider.messageHandlers[2] = () => error(`${name}: permission denied`);
  return { doc, provider };
}

function randomEdit(client: Client, index: number, counter: { n: number }): void {
  const notes = listNotes(client.doc).filter((n) => n.deletedAt === null);
  const target = notes.length > 0 ? notes[Math.floor(Math.random() * notes.length)]! : null;
  const roll = Math.random();
  if (!target || (roll < 0.4 && notes.length < MAX_NOTES)) {
    counter.n++;
    addNote(client.doc, {
      id: `c${index}-${counter.n}`,
      pillarId: 'p',
      lane: 'idea',
      text: `付箋 ${index}-${counter.n}`,
      author: `c${index}`,
    });
  } else if (roll < 0.8) {
    editNoteText(client.doc, target.id, `${target.text.slice(0, 40)}・${index}`);
  } else if (roll < 0.9) {
    moveNote(client.doc, target.id, { pillarId: 'p', lane: Math.random() < 0.5 ? 'goal' : 'idea', index: 0 });
  } else {
    deleteNote(client.doc, target.id);
  }
  client.provider.awareness.setLocalStateField('editing', target?.id ?? null);
}

function sameBoard(a: Y.Doc, b: Y.Doc): boolean {
  return Buffer.from(Y.encodeStateVector(a)).equals(Buffer.from(Y.encodeStateVector(b)));
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'board-soak-'));
  const { child, url } = await startServer(dataDir);
  const pid = child.pid!;
  console.log(`soak: ${CLIENTS} clients for ${SECONDS} s against ${url} (server pid ${pid}, data ${dataDir})`);
  const created = await fetch(`${url}/api/boards`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ title: '耐久試験' }),
  });
  const board = (await created.json()) as { id: string; tokens: { participant: string; viewer: string } };
  const wsUrl = `${url.replace(/^http/, 'ws')}/ws`;
  const clients = Array.from({ length: CLIENTS }, (_, i) =>
    connect(wsUrl, board.id, board.tokens.participant, `c${i}`),
  );
  const counters = clients.map(() => ({ n: 0 }));
  let edits = 0;

  const samples: Array<{ s: number; rss: number }> = [];
  const started = Date.now();
  const report = () => {
    const s = Math.round((Date.now() - started) / 1000);
    const rss = rssMb(pid);
    samples.push({ s, rss });
    const connected = clients.filter((c) => c.provider.wsconnected).length;
    console.log(
      `  ${String(s).padStart(4)} s  RSS ${rss} MB  connected ${connected}/${CLIENTS}  edits ${edits}  errors ${errors.length}`,
    );
  };
  report();
  const reporter = setInterval(report, REPORT_EVERY_MS);
  // Each client edits about once a second, at random moments; one client in 50 reconnects now and then.
  const editors = clients.map((client, i) =>
    setInterval(
      () => {
        if (!client.provider.wsconnected) return;
        try {
          randomEdit(client, i, counters[i]!);
          edits++;
        } catch (caught) {
          error(`c${i}: edit threw ${String(caught)}`);
        }
        if (Math.random() < 0.002) {
          client.provider.disconnect();
          setTimeout(() => client.provider.connect(), 500);
        }
      },
      700 + Math.floor(Math.random() * 600),
    ),
  );
  await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000));
  for (const editor of editors) clearInterval(editor);
  clearInterval(reporter);
  report();

  // Everyone, and a fresh client, must end with the same board.
  for (const client of clients) if (!client.provider.shouldConnect) client.provider.connect();
  const fresh = connect(wsUrl, board.id, board.tokens.viewer, 'fresh');
  const deadline = Date.now() + 60_000;
  let converged = false;
  while (Date.now() < deadline) {
    if (fresh.provider.synced && clients.every((c) => c.provider.synced && sameBoard(c.doc, fresh.doc))) {
      converged = true;
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const notes = listNotes(fresh.doc).length;
  const peak = Math.max(...samples.map((sample) => sample.rss).filter(Number.isFinite));
  console.log(
    `soak: ${edits} edits, ${notes} notes, RSS start ${samples[0]?.rss} MB, peak ${peak} MB, end ${samples.at(-1)?.rss} MB, ${errors.length} errors`,
  );
  console.log(
    converged ? 'soak: all clients and a fresh one hold the same board' : 'soak: FAILED: the clients did not converge',
  );
  for (const client of [...clients, fresh]) {
    client.provider.destroy();
    client.doc.destroy();
  }
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  rmSync(dataDir, { recursive: true, force: true });
  const integrity = process.env.SOAK_INTEGRITY === '0' ? true : runIntegrity();
  process.exit(converged && errors.length === 0 && integrity ? 0 : 1);
}

/** The integrity property test, longer: every seed must leave everyone with the same board. */
function runIntegrity(): boolean {
  const env = {
    ...process.env,
    INTEGRITY_FRAMES: process.env.INTEGRITY_FRAMES ?? '5000',
    INTEGRITY_SEEDS: process.env.INTEGRITY_SEEDS ?? '1,2,3,4,5,6,7,8',
  };
  console.log(`soak: integrity property test, ${env.INTEGRITY_FRAMES} frames, seeds ${env.INTEGRITY_SEEDS}`);
  const run = spawnSync('npx', ['vitest', 'run', '--project', 'server', 'test/server/update-integrity.test.ts'], {
    env,
    stdio: 'inherit',
  });
  return run.status === 0;
}

main().catch((caught: unknown) => {
  console.error(caught);
  process.exit(1);
});
