import { type AnalysedNote, BoardIndex } from './boardIndex.js';
import { type NoteTerms, noteTerms, type Tokenize } from './tokenize.js';
import type { BoardChanges, BoardNote } from './workerProtocol.js';

interface BoardState {
  /** The board's notes, in the order first sent; terms null until analysed (after a change, lazily). */
  notes: Map<string, { note: BoardNote; terms: NoteTerms | null }>;
  /** Notes changed since the index was built. */
  dirty: Set<string>;
  index: BoardIndex | null;
  /** The note the index leaves out (the one being typed), if any. */
  excluded: string | null;
}

/**
 * The boards the analysis worker knows, as the main thread sent them (sentBoards.ts decides which it keeps):
 * each note analysed once per text, since tokenising is the costly step (a few hundred microseconds a note), so a
 * 3,000-note board where one note changed re-analyses that note only. The board's index (weights and vectors) is
 * reused while no note but the one being typed changed.
 */
export class BoardAnalyses {
  private readonly boards = new Map<string, BoardState>();

  constructor(readonly tokenize: Tokenize) {}

  get size(): number {
    return this.boards.size;
  }

  forget(boardId: string): void {
    this.boards.delete(boardId);
  }

  /** Applies the changes, then gives the board's index, leaving out `excludeId`. */
  analyse(changes: BoardChanges, excludeId: string | null = null): BoardIndex {
    let board = this.boards.get(changes.boardId);
    if (!board) {
      board = { notes: new Map(), dirty: new Set(), index: null, excluded: null };
      this.boards.set(changes.boardId, board);
    }
    if (changes.full) {
      // Sent whole: what it had of the board and was not sent again is gone (their analyses kept meanwhile).
      const sent = new Set(changes.changed.map((note) => note.id));
      for (const id of board.notes.keys()) if (!sent.has(id)) changes.removed.push(id);
    }
    for (const id of changes.removed) {
      board.notes.delete(id);
      board.dirty.add(id);
    }
    for (const note of changes.changed) {
      const known = board.notes.get(note.id);
      const terms = known && known.note.text === note.text ? known.terms : null;
      board.notes.set(note.id, { note, terms });
      board.dirty.add(note.id);
    }
    const reusable =
      board.index !== null && board.excluded === excludeId && [...board.dirty].every((id) => id === excludeId);
    if (reusable) return board.index!;
    const analysed: AnalysedNote[] = [];
    for (const entry of board.notes.values()) {
      if (entry.note.id === excludeId) continue;
      entry.terms ??= noteTerms(this.tokenize, entry.note.text);
      const { id, pillarId, lane, clustered } = entry.note;
      analysed.push({ id, pillarId, lane, clustered, terms: entry.terms });
    }
    board.index = new BoardIndex(analysed);
    board.excluded = excludeId;
    board.dirty.clear();
    return board.index;
  }
}
