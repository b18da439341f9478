/**
 * A script run in the page before the app: it records the Event Timing entries of key presses, and when a
 * remote edit's marker (`⌚<epoch ms>;`, see rawClient.ts) first appears in the DOM and is painted. Plain
 * JavaScript text, since the TypeScript loader would wrap functions in helpers the page does not have.
 */
export interface PageProbes {
  keyDurations: number[];
  editToPaint: number[];
}

export const PAGE_PROBES = `
(() => {
  const probes = { keyDurations: [], editToPaint: [] };
  window.__probes = probes;
  // Event Timing reports only events that took at least durationThreshold (16 ms is the smallest allowed).
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.name === 'keydown' || entry.name === 'input') probes.keyDurations.push(entry.duration);
    }
  }).observe({ type: 'event', buffered: true, durationThreshold: 16 });
  const seen = new Set();
  const now = () => performance.timeOrigin + performance.now();
  function scan(text) {
    if (!text || !text.includes('⌚')) return;
    for (const match of text.matchAll(/⌚(\\d+\\.\\d+);/g)) {
      const sent = match[1];
      if (seen.has(sent)) continue;
      seen.add(sent);
      // After the next frame is painted: a rAF callback runs before paint, a task queued from it after.
      requestAnimationFrame(() => setTimeout(() => probes.editToPaint.push(now() - Number(sent)), 0));
    }
  }
  new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === 'characterData') scan(record.target.textContent);
      for (const node of record.addedNodes) scan(node.textContent);
    }
  }).observe(document, { subtree: true, childList: true, characterData: true });
})();
`;
