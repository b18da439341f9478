import type { GroupSuggestion, SimilarNote } from './suggest.js';

/** The messages between the main thread (suggestionWorker.ts) and the analysis worker (analysisWorker.ts). */

/** A live note of the board as the main thread reads it from the room's Y.Doc. */
export interface BoardNote {
  id: string;
  text: string;
  pillarId: string;
  lane: string;
  /** Shown in a cluster (a group): counted in the board's weights, never proposed to move. */
  clustered: boolean;
}

export type LaneScope = 'problem' | 'goal' | 'idea' | 'all';

export type SuggestionTask =
  | { kind: 'groups'; boardId: string; notes: BoardNote[]; pillarId: string; lane: LaneScope; granularity: number }
  | { kind: 'similar'; boardId: string; notes: BoardNote[]; pillarId: string; text: string; excludeId: string | null }
  | { kind: 'stats' };

export interface AnalyserStats {
  /** The worker's V8 heap in use (bytes): the dictionary and the cached analyses. */
  heapUsedBytes: number;
  /** How long loading the dictionary took (ms); null until it is loaded. */
  dictionaryLoadMs: number | null;
  /** Boards whose analysed notes are cached. */
  boards: number;
}

export type SuggestionResult =
  | { kind: 'groups'; groups: GroupSuggestion[] }
  | { kind: 'similar'; notes: SimilarNote[] }
  | { kind: 'stats'; stats: AnalyserStats };

export interface SuggestionRequest {
  id: number;
  task: SuggestionTask;
}

export type SuggestionAnswer =
  | { id: number; ok: true; result: SuggestionResult }
  | { id: number; ok: false; error: string };

/** Passed as workerData, so the entry answers only a thread started for it (see exportWorkers' mark). */
export const SUGGESTION_WORKER_MARK = 'suggestion-analysis-worker';
