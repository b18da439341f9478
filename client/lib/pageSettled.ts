/**
 * When the page has shown what it was opened for: for work that can wait and would otherwise take the CPU from it.
 * Installing the service worker fetches and caches every file of the build; done while a big board was being shown
 * for the first time, it made that take a fifth longer on a two-core laptop (docs/benchmarks.md, "The load path").
 * A board page says it is settled once every note is in the DOM and painted (board/pageEffects.ts); another page
 * (the landing page) counts as settled `capMs` after its load event.
 */
let settle: () => void = () => {};
const settled = new Promise<void>((resolve) => {
  settle = resolve;
});

/** The page shows what it was opened for. */
export function markPageSettled(): void {
  settle();
}

/**
 * Resolves once the page is settled, or `capMs` after its load event (null: only once settled), then when the
 * browser is idle.
 */
export function whenPageSettled(capMs: number | null): Promise<void> {
  if (capMs === null) return settled.then(whenIdle);
  const capped = pageLoaded().then(() => new Promise<void>((resolve) => setTimeout(resolve, capMs)));
  return Promise.race([settled, capped]).then(whenIdle);
}

function pageLoaded(): Promise<void> {
  if (document.readyState === 'complete') return Promise.resolve();
  return new Promise((resolve) => window.addEventListener('load', () => resolve(), { once: true }));
}

function whenIdle(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: 2000 });
    else setTimeout(resolve, 200);
  });
}
