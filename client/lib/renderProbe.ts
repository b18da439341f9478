/**
 * Counts renders of board components when a test or benchmark asks for it (`window.__recordRenders = true`
 * before the page loads). React's Profiler reports nothing in production builds, so the count is kept here.
 * Costs one property read per render otherwise.
 */
declare global {
  interface Window {
    __recordRenders?: boolean;
    __renderCounts?: Record<string, number>;
  }
}

export function countRender(name: string): void {
  if (!window.__recordRenders) return;
  const counts = window.__renderCounts ?? {};
  window.__renderCounts = counts;
  counts[name] = (counts[name] ?? 0) + 1;
}
