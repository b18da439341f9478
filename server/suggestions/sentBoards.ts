import type { BoardChanges, BoardNote } from './workerProtocol.js';

/** Boards the worker keeps; past this, the least recently asked is forgotten there too (and sent whole if asked). */
const MAX_BOARDS = 32;

/**
 * What the analysis worker holds of each board, on the main thread's side: each request sends only the notes
 * that changed since, not the whole board (copying 3,000 notes between threads costs more than the lookup).
 * Reset when the worker is replaced.
 */
export class SentBoards {
  private readonly boards = new Map<string, Map<string, BoardNote>>();

  /**
   * The changes to send for the board's current notes, recorded as sent; and the boards to forget in the worker
   * (the least recently asked, past MAX_BOARDS).
   */
  changesFor(boardId: string, notes: readonly BoardNote[]): { changes: BoardChanges; evicted: string[] } {
    const known = this.boards.get(boardId);
    const previous = known ?? new Map<string, BoardNote>();
    this.boards.delete(boardId);
    const current = new Map<string, BoardNote>();
    const changed: BoardNote[] = [];
    for (const note of notes) {
      current.set(note.id, note);
      const was = previous.get(note.id);
      if (
        !was ||
        was.text !== note.text ||
        was.pillarId !== note.pillarId ||
        was.lane !== note.lane ||
        was.clustered !== note.clustered
      ) {
        changed.push(note);
      }
    }
    const removed = [...previous.keys()].filter((id) => !current.has(id));
    // Re-inserted last: the Map's order is the order of use.
    this.boards.set(boardId, current);
    const evicted: string[] = [];
    while (this.boards.size > MAX_BOARDS) {
      const oldest = this.boards.keys().next().value!;
      this.boards.delete(oldest);
      evicted.push(oldest);
    }
    return { changes: { boardId, changed, removed, full: known === undefined }, evicted };
  }

  /** The worker was replaced: it holds nothing. */
  reset(): void {
    this.boards.clear();
  }
}
