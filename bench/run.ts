/**
 * `npm run bench`: the benchmark suite (docs/benchmarks.md). Our server against the reference y-websocket
 * server on the same machine in the same run, the client in Chromium, the bundle, and micro-benchmarks.
 * Loopback and temp folders only. Prints a table and writes bench/results.json.
 *
 *   npm run bench                      every scenario (about five minutes on 2 cores)
 *   npm run bench -- fanout join       only these (fanout, join, board, browser, durable, bundle, micro, exports,
 *                                      export-load, suggestions)
 *   npm run bench -- board             only our board against excalidraw 0.18 (issue 14's targets), about 2 minutes
 *   npm run bench -- board --notes 500 the same with another number of notes (3,000 by default)
 *   npm run bench -- cluster           several processes on PostgreSQL against one (docs/deploy/scaling.md)
 */

import { existsSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { CHROMIUM_PATH } from '../test/browser/chromium';
import { printTable, type Row, ratio } from './lib/stats';
import { boardScenario } from './scenarios/board';
import { browserScenario } from './scenarios/browser';
import { buildClient, bundleScenario } from './scenarios/bundle';
import { clusterScenario } from './scenarios/cluster';
import { durableScenario } from './scenarios/durable';
import { exportScenario } from './scenarios/exportLoad';
import { exportsScenario } from './scenarios/exports';
import { fanoutScenario } from './scenarios/fanout';
import { joinScenario } from './scenarios/join';
import { microScenario } from './scenarios/micro';
import { suggestionsScenario } from './scenarios/suggestions';
import { suggestLoadScenario } from './scenarios/suggestLoad';

const ALL = [
  'fanout',
  'join',
  'board',
  'browser',
  'durable',
  'bundle',
  'micro',
  'exports',
  'export-load',
  'suggestions',
  'cluster',
] as const;
type Scenario = (typeof ALL)[number];
const asked = process.argv.slice(2).filter((arg) => (ALL as readonly string[]).includes(arg)) as Scenario[];
const chosen = new Set<Scenario>(asked.length > 0 ? asked : ALL);
const notesArg = process.argv.indexOf('--notes');
const notes = notesArg > 0 ? Number(process.argv[notesArg + 1]) : 3000;
// The remote edits go to note 10 and the typing to note 1.
if (!Number.isInteger(notes) || notes < 12) throw new Error('--notes takes a whole number of notes, at least 12');
const log = (line: string) => console.log(`[bench] ${line}`);
const started = Date.now();

const rows: Row[] = [];
if (chosen.has('board') || chosen.has('browser') || chosen.has('bundle')) {
  log('building the client (vite build)…');
  buildClient();
}
if (chosen.has('fanout')) {
  rows.push(
    ...(await fanoutScenario({ editors: 50, observers: 200, rate: 5, warmupMs: 3_000, measureMs: 15_000 }, log)),
  );
}
if (chosen.has('join')) rows.push(...(await joinScenario({ clients: 100, repetitions: 3 }, log)));
const noChromium = `no Chromium at ${CHROMIUM_PATH} (sudo apt-get install -y chromium fonts-noto-cjk)`;
if (chosen.has('board')) {
  if (existsSync(CHROMIUM_PATH)) {
    rows.push(...(await boardScenario({ notes, navigations: 5, remoteEdits: 80, keyPresses: 60 }, log)));
  } else {
    log(`board scenario skipped: ${noChromium}`);
  }
}
if (chosen.has('browser')) {
  if (existsSync(CHROMIUM_PATH)) {
    rows.push(...(await browserScenario({ navigations: 3, remoteEdits: 80, keyPresses: 60 }, log)));
  } else {
    log(`browser scenario skipped: ${noChromium}`);
  }
}
if (chosen.has('durable')) rows.push(...(await durableScenario(log)));
if (chosen.has('cluster')) rows.push(...(await clusterScenario(log)));
if (chosen.has('bundle')) rows.push(...bundleScenario());
if (chosen.has('micro')) rows.push(...microScenario());
if (chosen.has('exports')) rows.push(...(await exportsScenario(log)));
if (chosen.has('export-load')) rows.push(...(await exportScenario(log)));
if (chosen.has('suggestions')) {
  rows.push(...(await suggestionsScenario(log)));
  rows.push(...(await suggestLoadScenario(log)));
}

console.log('');
printTable(rows);
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB`;
console.log(`\n${machine}, Node ${process.version}, ${((Date.now() - started) / 1000).toFixed(0)} s`);
writeFileSync(
  'bench/results.json',
  `${JSON.stringify(
    {
      date: new Date().toISOString(),
      node: process.version,
      machine,
      rows: rows.map((row) => ({ ...row, ratio: ratio(row) })),
    },
    null,
    2,
  )}\n`,
);
console.log('written bench/results.json');
// Worker processes and sockets are closed; leave no timer keeping the run alive.
process.exit(0);
