/**
 * Scenario 6: what a first visit downloads before the app can start: the scripts and style sheets
 * index.html names (entry and module preloads), gzip-compressed, from the production build.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Row } from '../lib/stats';

export const CLIENT_DIR = 'dist/client';

/** The production build of the client, as the browser tests make it. */
export function buildClient(): void {
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], {
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
}

const gzipKb = (dir: string, file: string) => gzipSync(readFileSync(join(dir, file)), { level: 9 }).byteLength / 1024;

/** The scripts and style sheets a build's index.html names, the other scripts, and their gzip sizes (KB). */
export function initialAssets(dir: string) {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const initial = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+)"/g)].map((m) => m[1]!);
  const js = initial.filter((f) => f.endsWith('.js'));
  const css = initial.filter((f) => f.endsWith('.css'));
  const all = readdirSync(join(dir, 'assets')).map((f) => `assets/${f}`);
  const lazy = all.filter((f) => f.endsWith('.js') && !js.includes(f));
  const sum = (files: string[]) => files.reduce((total, f) => total + gzipKb(dir, f), 0);
  return { js, css, lazy, sum };
}

export function bundleScenario(): Row[] {
  const { js, css, lazy, sum } = initialAssets(CLIENT_DIR);
  const scenario = 'bundle (gzip)';
  const initialJs = sum(js);
  return [
    {
      scenario,
      figure: 'initial JavaScript',
      unit: 'KB',
      ours: initialJs,
      target: '≤ 180 KB',
      met: initialJs <= 180,
      note: `${js.join(', ')}; loaded later when needed: ${lazy.length === 0 ? 'nothing' : `${lazy.length} chunks, ${sum(lazy).toFixed(1)} KB`}`,
    },
    { scenario, figure: 'initial CSS', unit: 'KB', ours: sum(css) },
  ];
}
