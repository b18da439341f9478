import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import type { ChunkingContext } from 'rolldown';
import { defineConfig, type HtmlTagDescriptor, type Plugin } from 'vite';
import { en } from './shared/i18n/en.ts';
import { ja } from './shared/i18n/jaAll.ts';

// The client lives in client/; `npm run dev` serves it with hot reload and proxies the API and the
// websocket to the server started beside it (DEV_SERVER_PORT, default 8080).
const serverPort = Number(process.env.DEV_SERVER_PORT ?? process.env.PORT ?? 8080);

/**
 * dnd-kit 6.3 registers each droppable with its own reducer action, and each copies the map of all
 * droppables: 3,000 notes cost 4.5 million map entries copied (and their garbage) before the first paint,
 * about a third of the script time of opening a big board. This build step makes the registrations of one
 * turn reach the reducer as one action (one copy); every other action first delivers the pending
 * registrations, so the order of actions is kept. Applied to the production build (dev pre-bundles
 * dependencies without plugins); a dnd-kit whose code differs is left unchanged, with a warning.
 */
export function batchDndKitDroppableRegistration(): Plugin {
  const dispatchLine = 'const [state, dispatch] = store;';
  const reducerCase = 'case Action.RegisterDroppable:';
  return {
    name: 'batch-dnd-kit-droppable-registration',
    transform(code, id) {
      if (!/@dnd-kit[\\/]core[\\/]dist[\\/]core\.esm\.js$/.test(id)) return null;
      if (!code.includes(dispatchLine) || !code.includes(reducerCase)) {
        this.warn('@dnd-kit/core changed: droppable registrations are not batched');
        return null;
      }
      return `${code
        .replace(
          dispatchLine,
          'const [state, dispatchOne] = store; const dispatch = useMemo(() => batchDroppableRegistrations(dispatchOne), [dispatchOne]);',
        )
        .replace(
          reducerCase,
          `case 'registerDroppables': {
        const containers = new DroppableContainersMap(state.droppable.containers);
        for (const element of action.elements) containers.set(element.id, element);
        return { ...state, droppable: { ...state.droppable, containers } };
      }
    ${reducerCase}`,
        )}
function batchDroppableRegistrations(dispatch) {
  let pending = [];
  const flush = () => {
    if (pending.length === 0) return;
    const elements = pending;
    pending = [];
    dispatch({ type: 'registerDroppables', elements });
  };
  return (action) => {
    if (action.type === Action.RegisterDroppable) {
      if (pending.length === 0) queueMicrotask(flush);
      pending.push(action.element);
      return;
    }
    flush();
    dispatch(action);
  };
}
`;
    },
  };
}

/**
 * lib0 (under Yjs) reads every string of an update with one TextDecoder call: a call into the browser that costs
 * more than the string when it is short, and a board's update is mostly short strings (each note's keys, ids,
 * lanes, colours). This build step reads a short string that is all ASCII in JavaScript and leaves the rest to
 * TextDecoder as before: applying a 3,000-note board (1 MB) in a fresh page went from 188 to 152 ms (median of
 * 12; docs/benchmarks.md). Same strings, same errors on a truncated update. A lib0 whose code differs is left
 * unchanged, with a warning.
 */
export function decodeShortStringsInScript(): Plugin {
  const choice = 'export const readVarString = string.utf8TextDecoder ? _readVarStringNative : _readVarStringPolyfill';
  return {
    name: 'decode-short-strings-in-script',
    transform(code, id) {
      if (!/[\\/]lib0[\\/]decoding\.js$/.test(id)) return null;
      if (!code.includes(choice) || !code.includes('const errorUnexpectedEndOfArray')) {
        this.warn('lib0 changed: its strings are decoded as it does itself');
        return null;
      }
      return code.replace(
        choice,
        `export const readVarString = string.utf8TextDecoder ? _readVarStringShortInScript : _readVarStringPolyfill

/** Under 48 bytes and all ASCII: read here; anything else: TextDecoder (vite.config.ts). */
function _readVarStringShortInScript (decoder) {
  const len = readVarUint(decoder)
  const arr = decoder.arr
  const start = decoder.pos
  const end = start + len
  if (end > arr.length) throw errorUnexpectedEndOfArray
  decoder.pos = end
  if (len < 48) {
    let s = ''
    let i = start
    while (i < end && arr[i] < 128) s += String.fromCharCode(arr[i++])
    if (i === end) return s
  }
  return string.utf8TextDecoder.decode(arr.subarray(start, end))
}`,
      );
    },
  };
}

/**
 * `asset-list.json`: every file under assets/ of this build. The service worker caches them all with the page
 * (client/sw.ts), so views and dialogs loaded only when first opened (client/views/lazyViews.tsx) also open
 * offline, although the page's HTML does not name them.
 */
export function assetList(): Plugin {
  return {
    name: 'asset-list',
    apply: 'build',
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle)
        .filter((file) => file.startsWith('assets/'))
        .map((file) => `/${file}`)
        .sort();
      this.emitFile({ type: 'asset', fileName: 'asset-list.json', source: JSON.stringify(files) });
    },
  };
}

const pageEntry = fileURLToPath(new URL('client/main.tsx', import.meta.url));
const appEntry = fileURLToPath(new URL('client/boot.tsx', import.meta.url));
let first: { ctx: ChunkingContext; modules: Set<string> } | null = null;
let atOnce: { ctx: ChunkingContext; modules: Set<string> } | null = null;

/** The modules `entry` imports statically, directly or not (not through `import()`). */
function staticImports(ctx: ChunkingContext, entry: string): Set<string> {
  const modules = new Set<string>();
  const visit = (id: string) => {
    if (modules.has(id)) return;
    modules.add(id);
    for (const imported of ctx.getModuleInfo(id)?.importedIds ?? []) visit(imported);
  };
  visit(entry);
  return modules;
}

/** The modules of the page's first script. */
function loadedFirst(ctx: ChunkingContext): Set<string> {
  if (first?.ctx !== ctx) first = { ctx, modules: staticImports(ctx, pageEntry) };
  return first.modules;
}

/**
 * The app's modules the page loads at once: those of client/boot.tsx, which the page's first script
 * (client/main.tsx) imports at once, less those of the first script itself (it must not wait for the app's).
 */
function loadedAtOnce(ctx: ChunkingContext): Set<string> {
  if (atOnce?.ctx === ctx) return atOnce.modules;
  const first = loadedFirst(ctx);
  const modules = new Set([...staticImports(ctx, appEntry)].filter((id) => !first.has(id)));
  atOnce = { ctx, modules };
  return modules;
}

/**
 * The page's first script imports the app's chunk when it runs: the page asks for that chunk at once too
 * (`modulepreload`), so it arrives beside the first script instead of after it, and for its stylesheet, so the
 * page is styled from its first paint as before.
 */
export function preloadAppChunk(): Plugin {
  return {
    name: 'preload-app-chunk',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const chunk = Object.values(ctx.bundle ?? {}).find(
          (output) => output.type === 'chunk' && output.moduleIds.includes(appEntry),
        );
        if (chunk?.type !== 'chunk') throw new Error('the build has no chunk for client/boot.tsx');
        const styles = [...(chunk.viteMetadata?.importedCss ?? [])].map((file) => ({
          tag: 'link',
          attrs: { rel: 'stylesheet', crossorigin: true, href: `/${file}` },
          injectTo: 'head' as const,
        }));
        // The chunk and the chunks it imports (the bundler's runtime), which the first script does not name.
        const scripts = [chunk.fileName, ...chunk.imports.filter((file) => !html.includes(file))].map((file) => ({
          tag: 'link',
          attrs: { rel: 'modulepreload', crossorigin: true, href: `/${file}` },
          injectTo: 'head' as const,
        }));
        return [...scripts, ...styles];
      },
    },
  };
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * What the page says when the app's own script cannot be fetched (a dropped network, a proxy): the first script
 * (main.tsx) shows it in place of a blank page. One template per language, from the catalogs' keys, in the page
 * itself: the app's script, which holds the catalogs, is what failed.
 */
export function loadFailedMessage(): Plugin {
  return {
    name: 'load-failed-message',
    transformIndexHtml: () =>
      Object.entries({ ja, en }).map(
        ([lang, catalog]): HtmlTagDescriptor => ({
          tag: 'template',
          attrs: { id: `load-failed-${lang}` },
          children: [
            { tag: 'p', children: escapeHtml(catalog['app.loadFailed']) },
            { tag: 'button', attrs: { type: 'button' }, children: escapeHtml(catalog['app.reload']) },
          ],
          injectTo: 'body',
        }),
      ),
  };
}

export default defineConfig({
  root: 'client',
  plugins: [
    react(),
    batchDndKitDroppableRegistration(),
    decodeShortStringsInScript(),
    assetList(),
    preloadAppChunk(),
    loadFailedMessage(),
  ],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    // One chunk holds what the page loads at once (below); its size is watched as gzip by the bench instead.
    chunkSizeWarningLimit: 1024,
    rollupOptions: {
      // The service worker is its own entry, at a fixed address (its scope is the whole app).
      input: {
        main: fileURLToPath(new URL('client/index.html', import.meta.url)),
        sw: fileURLToPath(new URL('client/sw.ts', import.meta.url)),
      },
      output: {
        entryFileNames: (chunk) => (chunk.name === 'sw' ? 'sw.js' : 'assets/[name]-[hash].js'),
        // Everything the page loads at once in one chunk: left to itself, the bundler cut the modules the
        // page shares with its on-demand views and dialogs into ten small chunks, and gzip, which compresses
        // each file on its own, made them 3 % bigger than one (the initial JavaScript's budget, benchmarks.md).
        codeSplitting: {
          groups: [
            { debugName: 'loaded first', name: (id, ctx) => (loadedFirst(ctx).has(id) ? 'first' : null) },
            { debugName: 'loaded at once', name: (id, ctx) => (loadedAtOnce(ctx).has(id) ? 'app' : null) },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    host: '127.0.0.1',
    proxy: {
      '/api': `http://127.0.0.1:${serverPort}`,
      '/healthz': `http://127.0.0.1:${serverPort}`,
      '/ws': { target: `ws://127.0.0.1:${serverPort}`, ws: true },
    },
  },
});
