import { readFileSync } from 'node:fs';

/** The machine's CPU time so far, all cores (clock ticks): busy and in all, from /proc/stat. */
function cpuTicks(): { busy: number; total: number } {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((sum, value) => sum + value, 0);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0); // idle and iowait
  return { busy: total - idle, total };
}

const WINDOW_MS = 200;

/**
 * Waits until the machine is quiet: less than `maxBusy` of all its cores busy over 200 ms (the page just closed
 * has exited, its service worker and caches too, a server has unloaded a room), or `capMs` at most. Each page
 * measured then starts on a quiet machine, whatever the one before left running. Returns the ms waited.
 */
export async function untilMachineQuiet(maxBusy = 0.15, capMs = 5000): Promise<number> {
  const start = Date.now();
  let before = cpuTicks();
  while (Date.now() - start < capMs) {
    await new Promise((done) => setTimeout(done, WINDOW_MS));
    const now = cpuTicks();
    const share = (now.busy - before.busy) / Math.max(1, now.total - before.total);
    before = now;
    if (share < maxBusy) break;
  }
  return Date.now() - start;
}
