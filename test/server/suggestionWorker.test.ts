import { afterEach, describe, expect, it } from 'vitest';
import {
  SuggestionsBusyError,
  SuggestionsTimeoutError,
  SuggestionWorker,
} from '../../server/suggestions/suggestionWorker.js';
import type { BoardNote } from '../../server/suggestions/workerProtocol.js';

/** The analysis worker thread itself (server/suggestions/suggestionWorker.ts): queue, timeout, restart, cache. */
describe('the suggestions analysis worker', () => {
  const workers: SuggestionWorker[] = [];
  const start = (settings = { queueMax: 32, timeoutMs: 30_000 }) => {
    const worker = new SuggestionWorker(() => {}, settings);
    workers.push(worker);
    return worker;
  };
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((worker) => worker.close()));
  });

  const note = (id: string, text: string): BoardNote => ({
    id,
    text,
    pillarId: 'p',
    lane: 'problem',
    clustered: false,
  });
  const scope = { pillarId: 'p', lane: 'all' as const, granularity: 0.5 };

  it('loads the dictionary once, lazily, and answers in order', async () => {
    const worker = start();
    expect((await worker.stats()).dictionaryLoadMs).toBeNull();
    const notes = [note('a', '押印のために出勤する'), note('b', 'ハンコをもらうために出勤'), note('c', '会議が長い')];
    const [groups, similar] = await Promise.all([
      worker.groups('b1', notes, scope),
      worker.similar('b1', notes, { pillarId: 'p', text: '判子が必要', excludeId: null }),
    ]);
    expect(groups.map((group) => [...group.noteIds].sort())).toEqual([['a', 'b']]);
    expect(similar.map((found) => found.id)).toContain('b');
    const stats = await worker.stats();
    expect(stats.dictionaryLoadMs).toBeGreaterThan(0);
    expect(stats.boards).toBe(1);
    expect(stats.heapUsedBytes).toBeGreaterThan(10 * 2 ** 20);
  });

  it('refuses a task past the queue at once, and stops a task past its time (the next one starts a new worker)', async () => {
    const busy = start({ queueMax: 1, timeoutMs: 30_000 });
    const first = busy.groups('b1', [note('a', '押印')], scope);
    await expect(busy.groups('b1', [note('a', '押印')], scope)).rejects.toBeInstanceOf(SuggestionsBusyError);
    await expect(first).resolves.toEqual([]);

    // Loading the dictionary alone takes far longer than 1 ms.
    const slow = start({ queueMax: 32, timeoutMs: 1 });
    await expect(slow.groups('b1', [note('a', '押印')], scope)).rejects.toBeInstanceOf(SuggestionsTimeoutError);
    await expect(slow.groups('b1', [note('a', '押印')], scope)).rejects.toBeInstanceOf(SuggestionsTimeoutError);
  });

  it('is stopped by close: waiting tasks fail, later ones are refused', async () => {
    const worker = start();
    const waiting = expect(worker.groups('b1', [note('a', '押印')], scope)).rejects.toThrow(/stopping/);
    await worker.close();
    await waiting;
    await expect(worker.groups('b1', [note('a', '押印')], scope)).rejects.toThrow(/stopped/);
  });
});
