import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * `npm start` runs this first: builds the client with Vite when `dist/client/index.html` is missing or older
 * than any source it is built from, and does nothing otherwise.
 */
const root = resolve(import.meta.dirname, '..', '..');
const built = join(root, 'dist', 'client', 'index.html');

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

const sources = ['client', 'shared', 'vite.config.ts'].map((name) => join(root, name));
const builtAt = existsSync(built) ? statSync(built).mtimeMs : 0;
const sourcesAt = Math.max(...sources.map(newestMtime));

if (builtAt === 0 || sourcesAt > builtAt) {
  console.log(builtAt === 0 ? 'Building the client (first start)…' : 'Client sources changed: rebuilding…');
  const result = spawnSync(join(root, 'node_modules', '.bin', 'vite'), ['build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`vite build failed (${result.error?.message ?? `exit code ${result.status}`})`);
    process.exit(result.status ?? 1);
  }
}
