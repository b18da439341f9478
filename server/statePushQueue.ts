// The voting and scoring pushes read the database before they send: two pushes of one board at once could
// send the state read before a vote after the state read once it was stored. So each board's pushes run one
// after the other, and a failed one is logged rather than failing the vote that asked for it.

/** Runs each board's tasks one after the other; a task's failure is reported, never rejected. */
export class StatePushQueue {
  /** Each board's last queued task. */
  private readonly tails = new Map<string, Promise<void>>();

  constructor(private readonly failed: (boardId: string, error: unknown) => void) {}

  /** Resolves once `task` ran, after the board's tasks queued before it; never rejects. */
  run(boardId: string, task: () => Promise<void>): Promise<void> {
    const previous = this.tails.get(boardId) ?? Promise.resolve();
    const next = previous.then(task).catch((error: unknown) => this.failed(boardId, error));
    this.tails.set(boardId, next);
    // Forgets the board once its queue is empty; `next` never rejects.
    void next.then(() => {
      if (this.tails.get(boardId) === next) this.tails.delete(boardId);
    });
    return next;
  }
}
