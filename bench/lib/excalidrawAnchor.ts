/**
 * The excalidraw anchor (docs/benchmarks.md, "Board vs excalidraw"): installed on demand into
 * bench/excalidraw-anchor/ with its own package.json (pinned versions, outside the app's dependencies and lock
 * file), built with our vite, and served with its fonts by a small static server of the bench: the bench
 * machines reach the npm registry but no CDN.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, createReadStream, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';

export const ANCHOR_DIR = resolve('bench/excalidraw-anchor');
export const ANCHOR_DIST = join(ANCHOR_DIR, 'dist');
const PACKAGE_DIR = join(ANCHOR_DIR, 'node_modules/@excalidraw/excalidraw');
const STAMP = join(ANCHOR_DIST, '.built-from');

export type AnchorReady = { ok: true; version: string } | { ok: false; reason: string };

function pinnedVersion(): string {
  const manifest = JSON.parse(readFileSync(join(ANCHOR_DIR, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  return manifest.dependencies['@excalidraw/excalidraw']!;
}

function installedVersion(): string | null {
  const file = join(PACKAGE_DIR, 'package.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version : null;
}

/** What the build depends on: the page, its HTML, the manifest and what is installed. */
function sourceHash(): string {
  const hash = createHash('sha256');
  for (const file of ['package.json', 'index.html', 'page.js']) hash.update(readFileSync(join(ANCHOR_DIR, file)));
  hash.update(installedVersion() ?? '');
  return hash.digest('hex');
}

/** Installs (if needed) and builds (if anything changed) the anchor page; says why not when it cannot. */
export async function prepareAnchor(log: (line: string) => void): Promise<AnchorReady> {
  const pinned = pinnedVersion();
  if (installedVersion() !== pinned) {
    log(`excalidraw anchor: installing @excalidraw/excalidraw ${pinned} into bench/excalidraw-anchor/…`);
    // Its own folder and node_modules: the app's dependencies and package-lock.json are not touched. No install
    // scripts run (none is needed) and no lock file is written: the manifest pins the versions.
    const npm = spawnSync(
      'npm',
      ['install', '--no-package-lock', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'],
      { cwd: ANCHOR_DIR, encoding: 'utf8', timeout: 600_000 },
    );
    if (npm.status !== 0 || installedVersion() !== pinned) {
      // npm's own lines that say what failed (its code and the request's reason), not its advice.
      const lines = `${npm.error?.message ?? ''}\n${npm.stderr ?? ''}`.split('\n');
      const why = lines
        .filter((line) => /error (code|.*reason)|ENOENT|ETIMEDOUT/.test(line))
        .slice(0, 2)
        .join(' / ');
      return { ok: false, reason: `npm install in bench/excalidraw-anchor failed (${why || `exit ${npm.status}`})` };
    }
  }
  const hash = sourceHash();
  if (!existsSync(STAMP) || readFileSync(STAMP, 'utf8') !== hash) {
    log('excalidraw anchor: building the page (vite build)…');
    try {
      const { build } = await import('vite');
      await build({
        root: ANCHOR_DIR,
        configFile: false,
        // excalidraw's dependencies carry 'use client' directives the bundler warns about by the hundred.
        logLevel: 'error',
        mode: 'production',
        build: { outDir: ANCHOR_DIST, emptyOutDir: true, chunkSizeWarningLimit: 100_000 },
      });
    } catch (error) {
      return { ok: false, reason: `vite build of the anchor page failed: ${(error as Error).message}` };
    }
    // The fonts (Excalifont, Xiaolai for Japanese…), served from here: window.EXCALIDRAW_ASSET_PATH = '/'.
    cpSync(join(PACKAGE_DIR, 'dist/prod/fonts'), join(ANCHOR_DIST, 'fonts'), { recursive: true });
    writeFileSync(STAMP, hash);
  }
  return { ok: true, version: pinned };
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export interface StaticServer {
  url: string;
  /** Requests for files that do not exist (e.g. an asset the page would have fetched from a CDN). */
  missing: string[];
  stop(): Promise<void>;
}

/** Serves the built anchor page on 127.0.0.1, uncompressed like our server's static files. */
export function serveAnchor(): Promise<StaticServer> {
  const missing: string[] = [];
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    const file = join(ANCHOR_DIST, normalize(path === '/' ? '/index.html' : path));
    if (!file.startsWith(ANCHOR_DIST) || !existsSync(file) || !statSync(file).isFile()) {
      missing.push(path);
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((done) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      done({
        url: `http://127.0.0.1:${port}`,
        missing,
        stop: () => new Promise((closed) => server.close(() => closed())),
      });
    });
  });
}
