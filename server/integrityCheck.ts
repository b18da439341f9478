import { Worker } from 'node:worker_threads';
import type { IntegrityFindings } from './integrityWorker.js';
import type { Log } from './log.js';
import type { StorageHealth } from './storage/types.js';

/** How often the database is checked after the check at start (ms); default every 6 hours. */
export const DEFAULT_INTEGRITY_INTERVAL_MS = 6 * 60 * 60 * 1000;

export interface IntegrityState {
  /** `pending` until the first check ends; `failed` when the check itself could not run (see `reason`). */
  status: 'pending' | 'ok' | 'damaged' | 'failed';
  /** When the last check ended (ms since the epoch), or null. */
  checkedAt: number | null;
  findings: IntegrityFindings;
  reason?: string;
}

/** As for exportWorkers: the worker registers tsx's hooks itself, then imports its TypeScript entry. */
function workerSource(): string {
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./integrityWorker.ts', import.meta.url).href;
  return `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
}

/**
 * SQLite's `quick_check` and every row's checksum, at start and then every `intervalMs`, in a worker thread
 * with its own read-only connection (on the main connection a check of a large file would stall every board).
 * The last result is what `/healthz` reports; damage is logged once per check as an error.
 */
export class IntegrityChecks {
  private state: IntegrityState = {
    status: 'pending',
    checkedAt: null,
    findings: { problems: [], damagedDocuments: [] },
  };
  private timer: NodeJS.Timeout | null = null;
  private worker: Worker | null = null;
  private running: Promise<IntegrityState> | null = null;
  private closed = false;

  constructor(private readonly options: { file: string; log: Log; intervalMs?: number }) {}

  /** Runs the first check now and schedules the next ones. */
  start(): void {
    void this.checkNow();
    const interval = this.options.intervalMs ?? DEFAULT_INTEGRITY_INTERVAL_MS;
    if (interval > 0) {
      this.timer = setInterval(() => void this.checkNow(), interval);
      this.timer.unref();
    }
  }

  report(): IntegrityState {
    return this.state;
  }

  /** One check; a check already running is joined rather than doubled. */
  checkNow(): Promise<IntegrityState> {
    if (this.closed) return Promise.resolve(this.state);
    this.running ??= this.runWorker().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private runWorker(): Promise<IntegrityState> {
    return new Promise((resolve) => {
      const worker = new Worker(workerSource(), { eval: true, execArgv: [], workerData: { file: this.options.file } });
      this.worker = worker;
      worker.unref();
      let settled = false;
      const finish = (state: IntegrityState) => {
        if (settled) return;
        settled = true;
        this.worker = null;
        if (!this.closed) this.record(state);
        void worker.terminate();
        resolve(this.state);
      };
      worker.once(
        'message',
        (answer: { kind: 'done'; findings: IntegrityFindings } | { kind: 'failed'; reason: string }) => {
          const checkedAt = Date.now();
          if (answer.kind === 'failed') {
            finish({ status: 'failed', checkedAt, findings: this.state.findings, reason: answer.reason });
            return;
          }
          const { findings } = answer;
          const damaged = findings.problems.length > 0 || findings.damagedDocuments.length > 0;
          finish({ status: damaged ? 'damaged' : 'ok', checkedAt, findings });
        },
      );
      worker.once('error', (error) =>
        finish({ status: 'failed', checkedAt: Date.now(), findings: this.state.findings, reason: error.message }),
      );
      worker.once('exit', () =>
        finish({ status: 'failed', checkedAt: Date.now(), findings: this.state.findings, reason: 'the check stopped' }),
      );
    });
  }

  private record(state: IntegrityState): void {
    this.state = state;
    if (state.status === 'damaged') {
      this.options.log(
        `storage: the integrity check found damage (${state.findings.problems.length} page problems, ${state.findings.damagedDocuments.length} damaged documents): restore the last backup`,
        { event: 'storage.integrity', level: 'error', status: state.status, ...state.findings },
      );
    } else if (state.status === 'failed') {
      this.options.log(`storage: the integrity check could not run: ${state.reason}`, {
        event: 'storage.integrity',
        level: 'error',
        status: state.status,
      });
    } else {
      this.options.log('storage: integrity check ok', {
        event: 'storage.integrity',
        level: 'debug',
        status: state.status,
      });
    }
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    void this.worker?.terminate();
  }
}

/**
 * What `/healthz` answers: `ok` says the server serves; `healthy` is false when anything needs an operator
 * (a full disk, an unreachable database, damage found by the integrity check or while loading a board, a check
 * that could not run).
 */
export function healthReport(storage: StorageHealth, integrity: IntegrityState | null) {
  const damaged = new Set([...storage.damaged, ...(integrity?.findings.damagedDocuments ?? [])]);
  // No file check at all on PostgreSQL (its pages are its own to check): said so rather than "pending" for ever.
  const integrityStatus = integrity?.status ?? 'not-applicable';
  return {
    ok: true,
    healthy:
      !storage.full &&
      !storage.unavailable &&
      damaged.size === 0 &&
      integrityStatus !== 'damaged' &&
      integrityStatus !== 'failed',
    storageFull: storage.full,
    storageUnavailable: storage.unavailable,
    damagedDocuments: damaged.size,
    integrity: {
      status: integrityStatus,
      checkedAt: integrity?.checkedAt ? new Date(integrity.checkedAt).toISOString() : null,
      problems: integrity?.findings.problems.length ?? 0,
    },
  };
}
