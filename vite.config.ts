import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import type { ChunkingContext } from 'rolldown';
import { defineConfig, type Plugin } from 'vite';

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
let atOnce: { ctx: ChunkingContext; modules: Set<string> } | null = null;

/** The modules the page's entry imports statically, directly or not (not through `import()`). */
function loadedAtOnce(ctx: ChunkingContext): Set<string> {
  if (atOnce?.ctx === ctx) return atOnce.modules;
  const modules = new Set<string>();
  const visit = (id: string) => {
    if (modules.has(id)) return;
    modules.add(id);
    for (const imported of ctx.getModuleInfo(id)?.importedIds ?? []) visit(imported);
  };
  visit(pageEntry);
  atOnce = { ctx, modules };
  return modules;
}

export default defineConfig({
  root: 'client',
  plugins: [react(), batchDndKitDroppableRegistration(), assetList()],
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
          groups: [{ debugName: 'loaded at once', name: (id, ctx) => (loadedAtOnce(ctx).has(id) ? 'app' : null) }],
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
