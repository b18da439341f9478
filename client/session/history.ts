import * as Y from 'yjs';
import { boardRoots } from '../../shared/docs';
import { deleteInitiative } from '../../shared/ops/initiatives';
import { deleteNote } from '../../shared/ops/notes';
import { LOCAL_ORIGIN } from '../../shared/origin';
import { type Deleter, readNote } from '../../shared/records/note';
import { createStore, type ReadStore } from '../lib/store';

/**
 * Undo and redo of this person's own changes to the board (notes, clusters, the matrix, the shortlist, the
 * draft initiatives, the verification of the previous period's initiatives):
 * Y.UndoManager tracks only LOCAL_ORIGIN, so an undo never reverts a colleague's work, and what a colleague
 * changed since stays. Typing in one text forms one step while the keystrokes come within half a second of
 * each other; any other change is a step of its own. The settings document (the facilitator's) keeps its own
 * explicit undo actions (e.g. restoring a pillar).
 *
 * Records are never erased by an undo: colleagues may have built on them meanwhile (typed into a new note,
 * put a note into a new cluster, voted on it). Undoing the creation of a note moves it to the trash instead
 * (a soft delete, which the trash and the message can take back), and so does undoing the creation of an
 * initiative; a cluster record and what is inside it stay
 * (a cluster is shown only while a note names it, so undoing a grouping puts this person's notes back and the
 * cluster goes on for whoever else is in it).
 */
export type UndoOutcome =
  | { kind: 'nothing' }
  | { kind: 'undone' }
  | { kind: 'trashed'; noteIds: string[]; initiativeIds: string[] };

export interface BoardHistory {
  canUndo: ReadStore<boolean>;
  canRedo: ReadStore<boolean>;
  undo(): UndoOutcome;
  /** False when there was nothing to redo. */
  redo(): boolean;
  destroy(): void;
}

type StackItem = Y.UndoManager['undoStack'][number];

function creatorOf(notes: Y.Map<unknown>, id: string): Deleter {
  const note = readNote(id, notes.get(id));
  return { id: note.author, name: note.authorName };
}

/** The undo's own soft deletes: not tracked, so they are not a step to undo in turn. */
const HISTORY_ORIGIN = Symbol('board.history');

/** What a transaction changed, for merging: the one text it typed into, or null (anything else). */
function typedText(transaction: Y.Transaction): Y.Text | null {
  const changed = [...transaction.changed.keys()];
  const text = changed[0];
  return changed.length === 1 && text instanceof Y.Text ? text : null;
}

export function createBoardHistory(doc: Y.Doc): BoardHistory {
  // Registered before the UndoManager's own listener, so it runs first: a change that is not more typing in
  // the same text starts a new step (by default any two changes within the capture time are merged).
  let lastTyped: Y.Text | null = null;
  const onTransaction = (transaction: Y.Transaction) => {
    if (transaction.origin !== LOCAL_ORIGIN) return;
    const typed = typedText(transaction);
    if (typed === null || typed !== lastTyped) manager.stopCapturing();
    lastTyped = typed;
  };
  doc.on('afterTransaction', onTransaction);
  const notes = boardRoots.notes(doc);
  const clusters = boardRoots.clusters(doc);
  const initiatives = boardRoots.initiatives(doc);
  // The continued cards' verification too (the cards themselves are written by the server, never undone).
  const continued = boardRoots.continued(doc);
  const scope = [notes, clusters, boardRoots.matrix(doc), boardRoots.shortlist(doc), initiatives, continued];
  const manager = new Y.UndoManager(scope, {
    trackedOrigins: new Set([LOCAL_ORIGIN]),
    captureTimeout: 500,
    deleteFilter: (item) => !isProtected(item),
  });
  /** The step being undone or redone: what `isProtected` judges against. */
  let current: StackItem | null = null;

  /** The note, cluster or initiative record an item is (or is inside), or null. */
  function recordOf(item: Y.Item): Y.Item | null {
    let at: Y.Item | null = item;
    while (at) {
      if (at.parent === notes || at.parent === clusters || at.parent === initiatives || at.parent === continued) {
        return at;
      }
      at = at.parent instanceof Y.AbstractType ? at.parent._item : null;
    }
    return null;
  }

  /**
   * What an undo must not delete: a record itself (colleagues may have built on it), and what was written
   * into a record by the very step that created it (its first title, its prefilled texts: the record stays,
   * so they stay with it). Typing into an existing record, a move or a deletion mark is undone as usual.
   */
  function isProtected(item: Y.Item): boolean {
    const record = recordOf(item);
    if (record === null) return false;
    if (record === item) return true;
    return current !== null && Y.isDeleted(current.insertions, record.id);
  }

  /** Records of `root` this step created (their record's id is among its insertions). */
  function createdIn(root: Y.Map<unknown>, step: StackItem): string[] {
    const created: string[] = [];
    root.forEach((value, id) => {
      const item = value instanceof Y.Map ? value._item : null;
      if (item && Y.isDeleted(step.insertions, item.id)) created.push(id);
    });
    return created;
  }
  /**
   * Undoes or redoes exactly the top step of `stack` (the rest hidden from the manager meanwhile), judged by
   * `isProtected` against that step. True when it changed something; a step that changed nothing is dropped.
   */
  function performOne(stack: StackItem[], run: () => unknown, step: StackItem): boolean {
    const rest = stack.splice(0, stack.length - 1);
    current = step;
    try {
      return run() !== null;
    } finally {
      current = null;
      stack.unshift(...rest);
      refresh();
    }
  }
  const canUndo = createStore(false);
  const canRedo = createStore(false);
  const refresh = () => {
    canUndo.set(manager.canUndo());
    canRedo.set(manager.canRedo());
  };
  manager.on('stack-item-added', refresh);
  manager.on('stack-item-popped', refresh);
  manager.on('stack-cleared', refresh);
  return {
    canUndo,
    canRedo,
    undo: () => {
      // One step at a time, even when a step turns out to change nothing (a colleague already took back what
      // it did): Y.UndoManager would then go on to older steps within one call, judged against the wrong step.
      while (manager.undoStack.length > 0) {
        const step = manager.undoStack.at(-1)!;
        const noteIds = createdIn(notes, step);
        const initiativeIds = createdIn(initiatives, step);
        if (noteIds.length > 0 || initiativeIds.length > 0) {
          // A creation is its own step (see onTransaction): it becomes a move to the trash.
          manager.undoStack.pop();
          // Undoing one's own creation: the creator is who trashes it.
          for (const id of noteIds) deleteNote(doc, id, Date.now(), HISTORY_ORIGIN, creatorOf(notes, id));
          for (const id of initiativeIds) deleteInitiative(doc, id, Date.now(), HISTORY_ORIGIN);
          refresh();
          return { kind: 'trashed', noteIds, initiativeIds };
        }
        if (performOne(manager.undoStack, () => manager.undo(), step)) return { kind: 'undone' };
      }
      return { kind: 'nothing' };
    },
    redo: () => {
      while (manager.redoStack.length > 0) {
        if (performOne(manager.redoStack, () => manager.redo(), manager.redoStack.at(-1)!)) return true;
      }
      return false;
    },
    destroy: () => {
      doc.off('afterTransaction', onTransaction);
      manager.destroy();
    },
  };
}
