import type { Log } from '../log.js';
import { isDatabaseUnreachable, isDiskFull, StorageFullError, StorageUnavailableError } from './errors.js';

/**
 * Why storage refuses writes for now: the disk (or PostgreSQL's tablespace) is full, or the database server
 * cannot be reached. Both pass by themselves; the rooms keep what writers sent in the clients and ask again.
 */
export type StorageOutage = 'full' | 'unavailable';

/**
 * The one place that knows whether storage can write. Set by a write refused for lack of space or because the
 * database server is gone; while set, writes are refused without trying, and `probe` (a small committed write)
 * is tried every `retryMs` until it succeeds: then the listeners hear that writes are accepted again.
 */
export function createWriteOutage(options: { retryMs: number; probe: () => Promise<void>; log: Log }) {
  let outage: StorageOutage | null = null;
  let closed = false;
  let timer: NodeJS.Timeout | null = null;
  const listeners: Array<() => void> = [];

  function scheduleProbe(): void {
    timer = setTimeout(async () => {
      timer = null;
      if (closed || !outage) return;
      try {
        await options.probe();
      } catch (error) {
        if (closed) return;
        if (isDiskFull(error)) outage = 'full';
        else if (isDatabaseUnreachable(error)) outage = 'unavailable';
        else options.log(`storage: the write probe failed: ${String(error)}`);
        scheduleProbe();
        return;
      }
      if (closed) return;
      const was = outage;
      outage = null;
      options.log(
        was === 'full'
          ? 'storage: space is available again; writes are accepted'
          : 'storage: the database can be reached again; writes are accepted',
        { event: 'storage.writable', level: 'warn' },
      );
      for (const listener of listeners) listener();
    }, options.retryMs);
    timer.unref();
  }

  function mark(kind: StorageOutage, cause: unknown): void {
    if (outage === kind) return;
    const first = outage === null;
    outage = kind;
    options.log(
      kind === 'full'
        ? `storage: the disk is full; writes are refused and retried every ${options.retryMs} ms: ${String(cause)}`
        : `storage: the database cannot be reached; writes are refused and retried every ${options.retryMs} ms: ${String(cause)}`,
      { event: kind === 'full' ? 'storage.full' : 'storage.unreachable', level: 'error' },
    );
    if (first) scheduleProbe();
  }

  return {
    current: (): StorageOutage | null => outage,
    isFull: () => outage === 'full',

    /** The error a write refused now answers with, or null while writes are accepted. */
    refusal(): Error | null {
      if (outage === 'full') return new StorageFullError();
      if (outage === 'unavailable') return new StorageUnavailableError();
      return null;
    },

    /**
     * A write failed: when for lack of space or because the database is gone, writes are refused from now on
     * until a probe succeeds, and the matching error is returned; any other error is returned as it is.
     */
    classify(error: unknown): unknown {
      if (isDiskFull(error)) {
        mark('full', error);
        return new StorageFullError(error);
      }
      if (isDatabaseUnreachable(error)) {
        mark('unavailable', error);
        return new StorageUnavailableError(error);
      }
      return error;
    },

    onWritable(listener: () => void): void {
      listeners.push(listener);
    },

    close(): void {
      closed = true;
      if (timer) clearTimeout(timer);
    },
  };
}
