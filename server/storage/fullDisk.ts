import type { Log } from '../log.js';
import { isDiskFull, StorageFullError } from './errors.js';

/**
 * The one place that knows whether the disk is full. Set by a write refused for lack of space; while set,
 * appends are refused without trying, and `probe` (a small committed write) is tried every `retryMs` until
 * it succeeds: then the listeners hear that space is available again.
 */
export function createFullDiskState(options: { retryMs: number; probe: () => Promise<void>; log: Log }) {
  let full = false;
  let closed = false;
  let timer: NodeJS.Timeout | null = null;
  const listeners: Array<() => void> = [];

  function scheduleProbe(): void {
    timer = setTimeout(async () => {
      timer = null;
      if (closed || !full) return;
      try {
        await options.probe();
      } catch (error) {
        if (closed) return;
        if (!isDiskFull(error)) options.log(`storage: the full-disk probe failed: ${String(error)}`);
        scheduleProbe();
        return;
      }
      if (closed) return;
      full = false;
      options.log('storage: space is available again; writes are accepted');
      for (const listener of listeners) listener();
    }, options.retryMs);
    timer.unref();
  }

  return {
    isFull: () => full,

    /** A write failed for lack of space: from now on writes are refused until a probe succeeds. */
    markFull(cause: unknown): StorageFullError {
      if (!full) {
        full = true;
        options.log(
          `storage: the disk is full; writes are refused and retried every ${options.retryMs} ms: ${String(cause)}`,
        );
        scheduleProbe();
      }
      return new StorageFullError(cause);
    },

    onSpaceAvailable(listener: () => void): void {
      listeners.push(listener);
    },

    close(): void {
      closed = true;
      if (timer) clearTimeout(timer);
    },
  };
}
