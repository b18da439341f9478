import * as Y from 'yjs';
import { boardRoots } from '../../shared/docs';
import { LOCAL_ORIGIN } from '../../shared/origin';
import { createStore, type ReadStore } from '../lib/store';

/**
 * Undo and redo of this person's own changes to the board (notes, clusters, the matrix, the shortlist):
 * Y.UndoManager tracks only LOCAL_ORIGIN, so an undo never reverts a colleague's work, and what a colleague
 * changed since stays. Typing in one text forms one step while the keystrokes come within half a second of
 * each other; any other change is a step of its own. The settings document (the facilitator's) keeps its own
 * explicit undo actions (e.g. restoring a pillar).
 */
export interface BoardHistory {
  canUndo: ReadStore<boolean>;
  canRedo: ReadStore<boolean>;
  /** False when there was nothing to undo. */
  undo(): boolean;
  redo(): boolean;
  destroy(): void;
}

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
  const manager = new Y.UndoManager(
    [boardRoots.notes(doc), boardRoots.clusters(doc), boardRoots.matrix(doc), boardRoots.shortlist(doc)],
    { trackedOrigins: new Set([LOCAL_ORIGIN]), captureTimeout: 500 },
  );
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
    undo: () => manager.undo() !== null,
    redo: () => manager.redo() !== null,
    destroy: () => {
      doc.off('afterTransaction', onTransaction);
      manager.destroy();
    },
  };
}
