import type { AnalysedNote } from './suggest.js';
import { type NoteTerms, noteTerms, type Tokenize } from './tokenize.js';
import type { BoardNote } from './workerProtocol.js';

/** Boards whose analyses are kept; past this, the least recently asked is forgotten (it is re-analysed if asked). */
const MAX_BOARDS = 32;

/**
 * The analysed notes of the boards asked about lately, keyed by note id and text: tokenising is the costly
 * step (a few hundred microseconds a note), so a 3,000-note board where one note changed re-analyses that note
 * only. Lives in the analysis worker.
 */
export class BoardAnalyses {
  private readonly boards = new Map<string, Map<string, { text: string; terms: NoteTerms }>>();

  constructor(readonly tokenize: Tokenize) {}

  get size(): number {
    return this.boards.size;
  }

  /** The board's notes analysed (cached ones reused); notes no longer on the board are forgotten. */
  analyse(boardId: string, notes: readonly BoardNote[]): AnalysedNote[] {
    const previous = this.boards.get(boardId);
    this.boards.delete(boardId);
    const next = new Map<string, { text: string; terms: NoteTerms }>();
    const analysed = notes.map((note): AnalysedNote => {
      const cached = previous?.get(note.id);
      const terms = cached && cached.text === note.text ? cached.terms : noteTerms(this.tokenize, note.text);
      next.set(note.id, { text: note.text, terms });
      return { id: note.id, pillarId: note.pillarId, lane: note.lane, terms };
    });
    // Re-inserted last: the Map's order is the order of use.
    this.boards.set(boardId, next);
    while (this.boards.size > MAX_BOARDS) this.boards.delete(this.boards.keys().next().value!);
    return analysed;
  }
}
