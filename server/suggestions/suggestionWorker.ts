import { Worker } from 'node:worker_threads';
import type { Log } from '../log.js';
import { SentBoards } from './sentBoards.js';
import type { GroupSuggestion, SimilarNote } from './suggest.js';
import {
  type AnalyserStats,
  type BoardNote,
  type LaneScope,
  SUGGESTION_WORKER_MARK,
  type SuggestionAnswer,
  type SuggestionRequest,
  type SuggestionResult,
  type SuggestionTask,
} from './workerProtocol.js';

/** Too many analyses waiting: answered 503 `suggestions-busy` (try again in a moment). */
export class SuggestionsBusyError extends Error {}
/** An analysis ran past its time: the worker was restarted; answered 503 `suggestions-timeout`. */
export class SuggestionsTimeoutError extends Error {}

export interface SuggestionWorkerSettings {
  /** Tasks sent and not answered at most (the worker answers them one by one). */
  queueMax: number;
  /** A task not answered in this time (counted from when it was sent) stops the worker. */
  timeoutMs: number;
}

export const DEFAULT_SUGGESTION_SETTINGS: SuggestionWorkerSettings = { queueMax: 32, timeoutMs: 30_000 };

/** The worker's heap (MB): the dictionary takes about 90, a 3,000-note board's matrix 36 more. */
const WORKER_HEAP_MB = 512;

/** As exportWorkers.ts: the worker registers tsx's hooks itself, then imports its TypeScript entry. */
function workerSource(): string {
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./analysisWorker.ts', import.meta.url).href;
  return `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
}

interface Pending {
  resolve: (result: SuggestionResult) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * The one analysis worker thread of the server (issue 19): started at the first request, it loads kuromoji's
 * dictionary once and keeps each board's analysed notes, so the main thread never tokenises and the live boards
 * never wait. Tasks queue in the worker's port and are answered in order; past `queueMax` waiting a task is
 * refused at once. A task running past `timeoutMs` stops the worker (every waiting task fails); the next task
 * starts a new one.
 */
export class SuggestionWorker {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private readonly sent = new SentBoards();
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly log: Log,
    private readonly settings: SuggestionWorkerSettings = DEFAULT_SUGGESTION_SETTINGS,
  ) {}

  async groups(
    boardId: string,
    notes: BoardNote[],
    scope: { pillarId: string; lane: LaneScope; granularity: number },
  ): Promise<GroupSuggestion[]> {
    const result = await this.submit({ kind: 'groups', board: this.changes(boardId, notes), ...scope });
    if (result.kind !== 'groups') throw new Error('the analysis worker answered groups with something else');
    return result.groups;
  }

  async similar(
    boardId: string,
    notes: BoardNote[],
    query: { pillarId: string; text: string; excludeId: string | null },
  ): Promise<SimilarNote[]> {
    const result = await this.submit({ kind: 'similar', board: this.changes(boardId, notes), ...query });
    if (result.kind !== 'similar') throw new Error('the analysis worker answered similar notes with something else');
    return result.notes;
  }

  /**
   * What to send of the board: only what changed since the worker last heard of it (the worker is started first,
   * so a new worker is sent the whole board). Boards the main side stops tracking are forgotten there too.
   */
  private changes(boardId: string, notes: readonly BoardNote[]) {
    // Refused before anything is recorded as sent (submit would refuse it after).
    if (this.closed) throw new Error('the analysis worker is stopped');
    if (this.pending.size >= this.settings.queueMax)
      throw new SuggestionsBusyError(`${this.pending.size} analyses waiting`);
    const worker = this.started();
    const { changes, evicted } = this.sent.changesFor(boardId, notes);
    // Not a queued task (it must never take the place of the task being sent): its answer, id 0, is ignored.
    for (const forgotten of evicted)
      worker.postMessage({ id: 0, task: { kind: 'forget', boardId: forgotten } } satisfies SuggestionRequest);
    return changes;
  }

  /** The worker's memory and dictionary load time (for the bench and the logs); starts the worker if needed. */
  async stats(): Promise<AnalyserStats> {
    const result = await this.submit({ kind: 'stats' });
    if (result.kind !== 'stats') throw new Error('the analysis worker answered stats with something else');
    return result.stats;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.failAll(new Error('the server is stopping'));
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  private submit(task: SuggestionTask): Promise<SuggestionResult> {
    if (this.closed) return Promise.reject(new Error('the analysis worker is stopped'));
    if (this.pending.size >= this.settings.queueMax) {
      return Promise.reject(new SuggestionsBusyError(`${this.pending.size} analyses waiting`));
    }
    const worker = this.started();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.log(
          `a suggestions analysis (${task.kind}) ran past ${this.settings.timeoutMs} ms: the worker is restarted`,
        );
        this.stop(worker, new SuggestionsTimeoutError(`the analysis took longer than ${this.settings.timeoutMs} ms`));
      }, this.settings.timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      worker.postMessage({ id, task });
    });
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(workerSource(), {
      eval: true,
      execArgv: [],
      workerData: SUGGESTION_WORKER_MARK,
      // A board far past any working group's size runs out of memory here, not in the server.
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    worker.unref();
    worker.on('message', (answer: SuggestionAnswer) => this.answered(answer));
    worker.on('error', (error) => this.stop(worker, error));
    worker.on('exit', (code) => this.stop(worker, new Error(`the analysis worker exited (code ${code})`)));
    this.worker = worker;
    return worker;
  }

  private answered(answer: SuggestionAnswer): void {
    const pending = this.pending.get(answer.id);
    if (!pending) return;
    this.pending.delete(answer.id);
    clearTimeout(pending.timer);
    if (answer.ok) pending.resolve(answer.result);
    else pending.reject(new Error(`the analysis failed in its worker: ${answer.error}`));
  }

  /** The worker failed, exited or ran too long: what it held fails, and the next task starts a new one. */
  private stop(worker: Worker, error: Error): void {
    if (this.worker !== worker) return;
    this.worker = null;
    this.sent.reset();
    this.failAll(error);
    worker.terminate().catch(() => {});
  }

  private failAll(error: Error): void {
    for (const pending of this.pending.values()) {
      clearTimeout(pending.timer);
      pending.reject(error);
    }
    this.pending.clear();
  }
}
