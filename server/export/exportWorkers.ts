import { Worker } from 'node:worker_threads';
import type { ExportSettings } from './exportConfig.js';
import type { ExportJob } from './exportJob.js';
import type { RenderedDocument } from './renderDocument.js';
import { ownBuffer, type WorkerAnswer, type WorkerRequest } from './renderWorker.js';

/** Too many exports at once: answered 503 `export-busy` (the person tries again in a moment). */
export class ExportBusyError extends Error {}
/** A render ran past EXPORT_TIMEOUT_MS: its worker was terminated; answered 503 `export-timeout`. */
export class ExportTimeoutError extends Error {}

interface Task {
  job: ExportJob;
  resolve: (rendered: RenderedDocument) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  task: { id: number; task: Task; timer: NodeJS.Timeout } | null;
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
 * A small pool of worker threads rendering exports off the main thread, so a big export never stalls the
 * live boards: at most `workers` renders at once, at most `queueMax` waiting, each stopped after `timeoutMs`.
 * Workers start at the first export and stay for the next; `close()` terminates them all.
 */
export class ExportWorkers {
  private readonly slots: Slot[] = [];
  private readonly waiting: Task[] = [];
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly settings: Pick<ExportSettings, 'workers' | 'queueMax' | 'timeoutMs'>,
    private readonly log: (message: string) => void,
  ) {}

  /** Renders `job` in a worker; its two states are transferred (the caller must not use them afterwards). */
  run(job: ExportJob): Promise<RenderedDocument> {
    if (this.closed) return Promise.reject(new Error('the export workers are stopped'));
    return new Promise((resolve, reject) => {
      const task: Task = { job, resolve, reject };
      const slot = this.freeSlot();
      if (slot) return this.start(slot, task);
      if (this.waiting.length >= this.settings.queueMax) {
        return reject(new ExportBusyError(`${this.busyCount()} exports are running or waiting`));
      }
      this.waiting.push(task);
    });
  }

  /** Exports rendering now and waiting (for tests and metrics). */
  busyCount(): number {
    return this.slots.filter((slot) => slot.task).length + this.waiting.length;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.waiting.splice(0)) task.reject(new Error('the server is stopping'));
    const slots = this.slots.splice(0);
    for (const slot of slots) this.settle(slot, new Error('the server is stopping'));
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  private freeSlot(): Slot | null {
    const idle = this.slots.find((slot) => !slot.task);
    if (idle) return idle;
    if (this.slots.length >= this.settings.workers) return null;
    const slot: Slot = { worker: new Worker(workerSource(), { eval: true, execArgv: [] }), task: null };
    slot.worker.unref();
    slot.worker.on('message', (answer: WorkerAnswer) => this.answered(slot, answer));
    slot.worker.on('error', (error) => this.lost(slot, error));
    slot.worker.on('exit', (code) => this.lost(slot, new Error(`the export worker exited (code ${code})`)));
    this.slots.push(slot);
    return slot;
  }

  private start(slot: Slot, task: Task): void {
    const id = this.nextId++;
    const timer = setTimeout(() => {
      this.log(`export of ${task.job.boardId} (${task.job.format}) ran past ${this.settings.timeoutMs} ms: stopped`);
      this.lost(slot, new ExportTimeoutError(`the export took longer than ${this.settings.timeoutMs} ms`));
    }, this.settings.timeoutMs);
    slot.task = { id, task, timer };
    // Copies of the states (a live room's cached state must stay intact), handed over without another copy.
    const board = ownBuffer(new Uint8Array(task.job.board));
    const settings = ownBuffer(new Uint8Array(task.job.settings));
    const request: WorkerRequest = { id, job: { ...task.job, board, settings } };
    slot.worker.postMessage(request, [board.buffer as ArrayBuffer, settings.buffer as ArrayBuffer]);
  }

  private answered(slot: Slot, answer: WorkerAnswer): void {
    if (!slot.task || slot.task.id !== answer.id) return;
    const { task } = slot.task;
    this.settle(slot, null);
    if (answer.ok) task.resolve({ bytes: answer.bytes, contentType: answer.contentType, extension: answer.extension });
    else
      task.reject(
        new Error(`export of ${task.job.boardId} (${task.job.format}) failed in its worker: ${answer.error}`),
      );
    this.next(slot);
  }

  /** The worker failed, exited or ran too long: its task fails, it is terminated, a new one starts when needed. */
  private lost(slot: Slot, error: Error): void {
    const index = this.slots.indexOf(slot);
    if (index === -1) return;
    this.slots.splice(index, 1);
    this.settle(slot, error);
    slot.worker.terminate().catch(() => {});
    const waiting = this.waiting.shift();
    if (waiting && !this.closed) {
      const fresh = this.freeSlot();
      if (fresh) this.start(fresh, waiting);
      else this.waiting.unshift(waiting);
    }
  }

  /** Ends the slot's current task: rejected with `error`, or left to the caller to resolve (null). */
  private settle(slot: Slot, error: Error | null): void {
    const current = slot.task;
    if (!current) return;
    clearTimeout(current.timer);
    slot.task = null;
    if (error) current.task.reject(error);
  }

  private next(slot: Slot): void {
    const waiting = this.waiting.shift();
    if (waiting) this.start(slot, waiting);
  }
}
