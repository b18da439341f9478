import type { SuggestionLane } from '../../shared/suggestions.js';
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

export type LaneScope = SuggestionLane;

/**
 * What changed on a board since the worker last heard of it (sentBoards.ts): a 3,000-note board is sent whole
 * once, then only the notes that changed, so a lookup while typing does not copy the board between threads.
 */
export interface BoardChanges {
  boardId: string;
  /** New notes and notes whose text, place or cluster changed. */
  changed: BoardNote[];
  /** Ids of notes gone (deleted, or no longer placed). */
  removed: string[];
  /** `changed` is the whole board (the main side had no record of it): any other note the worker has is gone. */
  full: boolean;
}

export type SuggestionTask =
  | { kind: 'groups'; board: BoardChanges; pillarId: string; lane: LaneScope; granularity: number }
  | { kind: 'similar'; board: BoardChanges; pillarId: string; text: string; excludeId: string | null }
  | { kind: 'forget'; boardId: string }
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
  | { kind: 'forgotten' }
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
