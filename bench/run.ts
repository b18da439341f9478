/**
 * `npm run bench`: micro-benchmarks of the parts of the board that scale with its size. Prints a table and
 * writes bench/results.json. Loopback and temp folders only; about half a minute on 2 cores.
 * (The end-to-end suite against the reference server is its own issue.)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { openStorage } from '../server/storage';
import { stateVectorOf, validateUpdate } from '../server/validateUpdate';
import { addNote } from '../shared/ops/notes';
import { LANE_KINDS } from '../shared/records/lane';
import { listLaneNotes, liveNotesByLane } from '../shared/selectors';

interface Row {
  name: string;
  value: number;
  unit: string;
  note: string;
}
const rows: Row[] = [];

/** Median of `runs` timings of `fn`, in ms. */
function median(runs: number, fn: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}

function boardWith(notes: number): Y.Doc {
  const doc = new Y.Doc();
  const pillars = ['p1', 'p2', 'p3'];
  for (let i = 0; i < notes; i++) {
    addNote(doc, {
      id: `n${i}`,
      pillarId: pillars[i % 3] ?? 'p1',
      lane: LANE_KINDS[Math.floor(i / 3) % 3] ?? 'idea',
      text: `窓口の待ち時間を短くするアイデア ${i}`,
      author: 'bench',
    });
  }
  return doc;
}

// 1. Lane index: what the board recomputes when a note is added, moved or deleted.
const big = boardWith(3000);
const perLane = median(15, () => {
  for (const pillar of ['p1', 'p2', 'p3']) for (const lane of LANE_KINDS) listLaneNotes(big, pillar, lane);
});
const grouped = median(15, () => liveNotesByLane(big));
rows.push({
  name: 'lane index, 3,000 notes, one pass per lane (old)',
  value: perLane,
  unit: 'ms',
  note: 'median of 15',
});
rows.push({
  name: 'lane index, 3,000 notes, one pass (liveNotesByLane)',
  value: grouped,
  unit: 'ms',
  note: 'median of 15',
});

// 2. Validation of a whole board arriving at once (a join's step 2, or an import).
const fullState = Y.encodeStateAsUpdate(big);
const validate = median(15, () => validateUpdate(fullState, new Map()));
rows.push({
  name: `validateUpdate, whole 3,000-note board (${(fullState.byteLength / 1024).toFixed(0)} KiB)`,
  value: validate,
  unit: 'ms',
  note: 'median of 15',
});

// 3. Validation of one keystroke against that board (the hot path of every edit).
const typist = new Y.Doc();
Y.applyUpdate(typist, fullState);
const before = Y.encodeStateVector(typist);
const text = (typist.getMap('notes').get('n0') as Y.Map<unknown>).get('text') as Y.Text;
text.insert(0, 'あ');
const keystroke = Y.encodeStateAsUpdate(typist, before);
const base = stateVectorOf(big);
const perKeystroke = median(201, () => validateUpdate(keystroke, base)) * 1000;
rows.push({ name: 'validateUpdate, one keystroke', value: perKeystroke, unit: 'µs', note: 'median of 201' });

// 4. Durable commits: updates per second through the batching SQLite store (WAL, synchronous=FULL).
const dataDir = mkdtempSync(join(tmpdir(), 'board-bench-'));
const storage = openStorage({ dataDir, batchMs: 4 });
storage.createBoard(
  {
    id: 'benchboard01',
    title: 'bench',
    createdAt: Date.now(),
    tokenHashes: { facilitator: 'a', participant: 'b', viewer: 'c' },
  },
  { board: Y.encodeStateAsUpdate(new Y.Doc()), settings: Y.encodeStateAsUpdate(new Y.Doc()) },
);
const total = 5000;
const started = performance.now();
let inFlight: Promise<number>[] = [];
for (let i = 0; i < total; i++) {
  inFlight.push(storage.appendUpdate('benchboard01', 'board', keystroke));
  // 50 clients' worth of edits arriving together, then the next wave once they are committed.
  if (inFlight.length === 50) {
    await Promise.all(inFlight);
    inFlight = [];
  }
}
await Promise.all(inFlight);
const seconds = (performance.now() - started) / 1000;
storage.close();
rmSync(dataDir, { recursive: true, force: true });
rows.push({
  name: 'durable commits (waves of 50 updates, 4 ms batches)',
  value: total / seconds,
  unit: 'updates/s',
  note: `${total} updates`,
});

const width = Math.max(...rows.map((r) => r.name.length));
console.log(`${'benchmark'.padEnd(width)}  ${'value'.padStart(10)}  unit`);
for (const row of rows) {
  console.log(
    `${row.name.padEnd(width)}  ${row.value.toFixed(row.value < 10 ? 2 : 0).padStart(10)}  ${row.unit}  (${row.note})`,
  );
}
writeFileSync(
  'bench/results.json',
  `${JSON.stringify({ date: new Date().toISOString(), node: process.version, rows }, null, 2)}\n`,
);
console.log('written bench/results.json');
