/**
 * The service worker: the app opens without a connection (a reload offline shows the board from this
 * device's copy, client/session/offlineCopy.ts). Only the app itself is cached — the page and its hashed
 * assets — never the API or the websocket: board data lives in IndexedDB and the server.
 *
 * - Pages: network first, so an online reload always gets the app the server runs now (a tab of another
 *   version is closed by the server with 4426 and reloads); offline, the last page seen.
 * - `/assets/…` (content-hashed, immutable): cache first. Each fresh page caches the assets of its build —
 *   those the page names and those loaded on demand, from `asset-list.json` — and drops the others.
 *
 * The DOM typings are in scope here (one tsconfig for the client); the few worker types used are declared below.
 */

interface SwExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface SwFetchEvent extends SwExtendableEvent {
  readonly request: Request;
  respondWith(response: Promise<Response>): void;
}
interface SwScope {
  readonly location: Location;
  readonly clients: { claim(): Promise<void> };
  skipWaiting(): Promise<void>;
  addEventListener(type: 'install' | 'activate', listener: (event: SwExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: SwFetchEvent) => void): void;
}

const worker = self as unknown as SwScope;
const SHELL_CACHE = 'app-shell';
const ASSET_CACHE = 'app-assets';
/** The page is the same for `/` and every `/b/<board>`: one entry. */
const SHELL_KEY = '/';
const NEVER_CACHED = ['/api/', '/ws', '/healthz', '/metrics'];
/** Written by the build (vite.config.ts `assetList`). */
const ASSET_LIST = '/asset-list.json';

function assetsOf(html: string): string[] {
  return [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((match) => match[1]!);
}

/**
 * Every asset of the build the page belongs to: those its HTML names and those loaded later (views opened on
 * demand), listed by the build in `asset-list.json`. Null when the list cannot be had (offline, a server
 * that lacks it): then only the page's own are known.
 */
async function laterAssets(): Promise<string[] | null> {
  try {
    const response = await fetch(ASSET_LIST, { cache: 'no-cache' });
    if (!response.ok) return null;
    const list: unknown = await response.json();
    return Array.isArray(list) ? list.filter((p): p is string => typeof p === 'string' && /^\/assets\//.test(p)) : null;
  } catch {
    return null;
  }
}

/**
 * Keeps `response` (a fresh page) as the shell, with the assets of its build. Assets no longer used are
 * dropped only once the whole build is known and cached: a missing list or a failed download (the network
 * going away meanwhile) must not cost the views this device could open offline until now.
 */
async function keepShell(response: Response): Promise<void> {
  const html = await response.clone().text();
  const later = await laterAssets();
  const paths = [...assetsOf(html), ...(later ?? [])];
  const wanted = new Set(paths.map((path) => new URL(path, worker.location.origin).href));
  const assets = await caches.open(ASSET_CACHE);
  const cached = await assets.keys();
  const have = new Set(cached.map((request) => request.url));
  const added = await Promise.all(
    [...wanted]
      .filter((url) => !have.has(url))
      .map((url) =>
        assets.add(url).then(
          () => true,
          () => false,
        ),
      ),
  );
  if (later !== null && added.every(Boolean)) {
    await Promise.all(cached.filter((request) => !wanted.has(request.url)).map((request) => assets.delete(request)));
  }
  await (await caches.open(SHELL_CACHE)).put(SHELL_KEY, response);
}

worker.addEventListener('install', (event) => {
  event.waitUntil(
    fetch(SHELL_KEY, { cache: 'no-cache' })
      .then((response) => (response.ok ? keepShell(response) : undefined))
      .catch(() => undefined)
      .then(() => worker.skipWaiting()),
  );
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(worker.clients.claim());
});

async function page(event: SwFetchEvent): Promise<Response> {
  try {
    const response = await fetch(event.request);
    const isPage = response.ok && (response.headers.get('content-type') ?? '').startsWith('text/html');
    if (isPage) event.waitUntil(keepShell(response.clone()));
    // A reverse proxy answering for a server that is down (502, 503, 504): the app still opens, offline.
    if (response.status >= 500) {
      const shell = await caches.match(SHELL_KEY, { cacheName: SHELL_CACHE });
      if (shell) return shell;
    }
    return response;
  } catch (error) {
    const shell = await caches.match(SHELL_KEY, { cacheName: SHELL_CACHE });
    if (shell) return shell;
    throw error;
  }
}

async function asset(request: Request): Promise<Response> {
  const cached = await caches.match(request, { cacheName: ASSET_CACHE });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) {
    const copy = response.clone();
    void caches.open(ASSET_CACHE).then((assets) => assets.put(request, copy));
  }
  return response;
}

worker.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== worker.location.origin) return;
  if (NEVER_CACHED.some((prefix) => url.pathname.startsWith(prefix))) return;
  if (request.mode === 'navigate') event.respondWith(page(event));
  else if (url.pathname.startsWith('/assets/')) event.respondWith(asset(request));
});
