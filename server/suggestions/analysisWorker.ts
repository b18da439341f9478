import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { BoardAnalyses } from './boardAnalyses.js';
import { loadTokenizer } from './dictionary.js';
import { findSimilar, suggestGroups } from './suggest.js';
import { noteTerms } from './tokenize.js';
import {
  SUGGESTION_WORKER_MARK,
  type SuggestionAnswer,
  type SuggestionRequest,
  type SuggestionResult,
  type SuggestionTask,
} from './workerProtocol.js';

/**
 * The entry of the analysis worker thread (suggestionWorker.ts): loads the dictionary once, at its first task,
 * and answers the grouping and similar-notes tasks one at a time, in the order they came. The main thread never
 * tokenises, so the live boards never wait for an analysis.
 */

let analyses: Promise<{ boards: BoardAnalyses; loadMs: number }> | null = null;

function loaded() {
  analyses ??= (async () => {
    const started = performance.now();
    const tokenize = await loadTokenizer();
    return { boards: new BoardAnalyses(tokenize), loadMs: performance.now() - started };
  })();
  // A failed load (a damaged install) is tried again at the next task, not remembered as failed for ever.
  analyses.catch(() => {
    analyses = null;
  });
  return analyses;
}

async function perform(task: SuggestionTask): Promise<SuggestionResult> {
  if (task.kind === 'stats') {
    const done = analyses ? await analyses : null;
    return {
      kind: 'stats',
      stats: {
        heapUsedBytes: getHeapStatistics().used_heap_size,
        dictionaryLoadMs: done ? Math.round(done.loadMs) : null,
        boards: done?.boards.size ?? 0,
      },
    };
  }
  const { boards } = await loaded();
  if (task.kind === 'forget') {
    boards.forget(task.boardId);
    return { kind: 'forgotten' };
  }
  // The note being typed is not part of the board yet: left out, it neither matches itself nor, changing at
  // each keystroke, makes the board's index be rebuilt for every lookup.
  const index = boards.analyse(task.board, task.kind === 'similar' ? task.excludeId : null);
  // Candidates: the pillar's notes not in a cluster (never proposed to move), of the lane asked for.
  const candidates = index.notes.filter(
    (note) =>
      note.pillarId === task.pillarId &&
      !note.clustered &&
      (task.kind === 'similar' || task.lane === 'all' || note.lane === task.lane),
  );
  if (task.kind === 'groups') return { kind: 'groups', groups: suggestGroups(index, candidates, task.granularity) };
  return { kind: 'similar', notes: findSimilar(index, candidates, noteTerms(boards.tokenize, task.text)) };
}

const port = parentPort;
// Imported elsewhere (a test runner's own worker thread) it must not answer that thread's messages.
if (port && workerData === SUGGESTION_WORKER_MARK) {
  port.on('message', async ({ id, task }: SuggestionRequest) => {
    let answer: SuggestionAnswer;
    try {
      answer = { id, ok: true, result: await perform(task) };
    } catch (error) {
      answer = { id, ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    }
    port.postMessage(answer);
  });
}
