import { Worker } from 'node:worker_threads';
import { HttpError } from '../httpUtil.js';
import type { ImportedBoard } from '../import/readBackup.js';
import type { Log } from '../log.js';
import type { ExportSettings } from './exportConfig.js';
import type { ExportJob } from './exportJob.js';
import type { RenderedDocument } from './renderDocument.js';
import {
  EXPORT_WORKER_MARK,
  ownBuffer,
  type WorkerAnswer,
  type WorkerRequest,
  type WorkerResult,
  type WorkerTask,
} from './workerProtocol.js';

/** Too many exports or imports at once: answered 503 `export-busy` / `import-busy` (try again in a moment). */
export class ExportBusyError extends Error {}
/** A task ran past EXPORT_TIMEOUT_MS: its worker was terminated; answered 503 `export-timeout` / `import-timeout`. */
export class ExportTimeoutError extends Error {}

/**
 * Whose task: the facilitator's exports and imports (ADMIN_TOKEN) may use the whole queue; participants' and
 * viewers' exports at most half of it (rounded down, at least 1), so they can never lock the facilitator out.
 */
export type ExportLane = 'facilitator' | 'others';

/** The heap of one export worker (MB): a 3,000-note board's export needs well under 200. */
const WORKER_HEAP_MB = 1024;

interface Task {
  task: WorkerTask;
  lane: ExportLane;
  transfer: ArrayBuffer[];
  /** For the log: which board, which format. */
  what: string;
  resolve: (result: WorkerResult) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  current: { id: number; task: Task; timer: NodeJS.Timeout } | null;
}

/**
 * The worker source: the server runs TypeScript through tsx, and a worker thread starts without its hooks
 * (on Node 20, `execArgv: ['--import', 'tsx']` does not reach a worker's entry module), so the worker
 * registers tsx's ESM hooks itself and then imports the entry. Same under `npm start`, tsx and vitest.
 */
function workerSource(): string {
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./renderWorker.ts', import.meta.url).href;
  return `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
}

/**
 * A small pool of worker threads that render exports and read imported backups off the main thread, so a
 * big file never stalls the live boards: at most `workers` tasks at once, at most `queueMax` waiting (of them
 * at most half participants' and viewers', see ExportLane), each stopped after `timeoutMs`. Workers start at the first task and stay for the next; `close()` ends them all.
 */
export class ExportWorkers {
  private readonly slots: Slot[] = [];
  private readonly waiting: Task[] = [];
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly settings: Pick<ExportSettings, 'workers' | 'queueMax' | 'timeoutMs'>,
    private readonly log: Log,
  ) {}

  /**
   * Whether a task of this lane would be taken now (a worker free, or room in its share of the queue). The
   * route asks before collecting anything, so a refused request costs nothing; nothing can change between the
   * question and a synchronous `run` (one thread).
   */
  accepts(lane: ExportLane): boolean {
    if (this.closed) return false;
    if (this.slots.some((slot) => !slot.current) || this.slots.length < this.settings.workers) return true;
    if (this.waiting.length >= this.settings.queueMax) return false;
    if (lane === 'facilitator') return true;
    const share = Math.max(1, Math.floor(this.settings.queueMax / 2));
    return this.waiting.filter((task) => task.lane === 'others').length < share;
  }

  /** Renders an export. The states are copied first: a live room's cached state must stay intact. */
  async run(job: ExportJob, lane: ExportLane = 'facilitator'): Promise<RenderedDocument> {
    const board = ownBuffer(new Uint8Array(job.board));
    const settings = ownBuffer(new Uint8Array(job.settings));
    const result = await this.submit(
      { kind: 'export', job: { ...job, board, settings } },
      [board.buffer as ArrayBuffer, settings.buffer as ArrayBuffer],
      `export of ${job.boardId} (${job.format})`,
      lane,
    );
    if (result.kind !== 'export') throw new Error('the worker answered an export with something else');
    return result.rendered;
  }

  /** Reads and validates a backup file (server/import/readBackup.ts); its bytes are handed over, not copied. */
  async readBackup(file: Uint8Array): Promise<ImportedBoard> {
    const owned = ownBuffer(file);
    const result = await this.submit(
      { kind: 'import', file: owned },
      [owned.buffer as ArrayBuffer],
      'import',
      'facilitator',
    );
    if (result.kind !== 'import') throw new Error('the worker answered an import with something else');
    return result.imported;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.waiting.splice(0)) task.reject(new Error('the server is stopping'));
    const slots = this.slots.splice(0);
    for (const slot of slots) this.settle(slot)?.reject(new Error('the server is stopping'));
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  private submit(task: WorkerTask, transfer: ArrayBuffer[], what: string, lane: ExportLane): Promise<WorkerResult> {
    if (this.closed) return Promise.reject(new Error('the export workers are stopped'));
    return new Promise((resolve, reject) => {
      const queued: Task = { task, lane, transfer, what, resolve, reject };
      if (!this.accepts(lane)) {
        return reject(new ExportBusyError(`${this.slots.length} running and ${this.waiting.length} waiting`));
      }
      const slot = this.freeSlot();
      if (slot) return this.start(slot, queued);
      this.waiting.push(queued);
    });
  }

  private freeSlot(): Slot | null {
    const idle = this.slots.find((slot) => !slot.current);
    if (idle) return idle;
    if (this.slots.length >= this.settings.workers) return null;
    const slot: Slot = {
      worker: new Worker(workerSource(), {
        eval: true,
        execArgv: [],
        workerData: EXPORT_WORKER_MARK,
        // A board far larger than any working group's runs out of memory in its worker, not in the server:
        // the worker ends, its task fails (500, logged) and the live boards go on.
        resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
      }),
      current: null,
    };
    slot.worker.unref();
    slot.worker.on('message', (answer: WorkerAnswer) => this.answered(slot, answer));
    slot.worker.on('error', (error) => this.lost(slot, error));
    slot.worker.on('messageerror', (error) => this.lost(slot, error));
    slot.worker.on('exit', (code) => this.lost(slot, new Error(`the export worker exited (code ${code})`)));
    this.slots.push(slot);
    return slot;
  }

  private start(slot: Slot, task: Task): void {
    const id = this.nextId++;
    const timer = setTimeout(() => {
      this.log(`${task.what} ran past ${this.settings.timeoutMs} ms: stopped`);
      this.lost(slot, new ExportTimeoutError(`${task.what} took longer than ${this.settings.timeoutMs} ms`));
    }, this.settings.timeoutMs);
    slot.current = { id, task, timer };
    try {
      slot.worker.postMessage({ id, task: task.task } satisfies WorkerRequest, task.transfer);
    } catch (error) {
      // Not sent (e.g. a value that cannot be cloned): the task fails now, not at its timeout, and the worker
      // takes the next one.
      this.settle(slot)?.reject(error instanceof Error ? error : new Error(String(error)));
      const waiting = this.waiting.shift();
      if (waiting) this.start(slot, waiting);
    }
  }

  private answered(slot: Slot, answer: WorkerAnswer): void {
    if (slot.current?.id !== answer.id) return;
    const task = this.settle(slot)!;
    if (answer.ok) task.resolve(answer.result);
    else if (answer.refusal)
      task.reject(new HttpError(answer.refusal.status, answer.refusal.message, answer.refusal.code));
    else task.reject(new Error(`${task.what} failed in its worker: ${answer.error}`));
    const waiting = this.waiting.shift();
    if (waiting) this.start(slot, waiting);
  }

  /** The worker failed, exited or ran too long: its task fails, it is terminated, a new one starts when needed. */
  private lost(slot: Slot, error: Error): void {
    const index = this.slots.indexOf(slot);
    if (index === -1) return;
    this.slots.splice(index, 1);
    this.settle(slot)?.reject(error);
    slot.worker.terminate().catch(() => {});
    const waiting = this.waiting.shift();
    if (waiting && !this.closed) this.start(this.freeSlot()!, waiting);
  }

  /** Ends the slot's current task (its timer stopped) and returns it, for the caller to resolve or reject. */
  private settle(slot: Slot): Task | null {
    const current = slot.current;
    if (!current) return null;
    clearTimeout(current.timer);
    slot.current = null;
    return current.task;
  }
}
