import * as Y from 'yjs';
import { changesSince, decodeSeen, encodeSeen, type VisitChanges, withOwnChange } from '../../shared/sinceLastVisit';
import { readLocal, writeLocal } from '../lib/localStore';
import { createStore, type ReadStore } from '../lib/store';

export interface VisitTracker {
  /** What changed since this person's last visit (empty on a first visit). */
  readonly changes: ReadStore<VisitChanges>;
  /** Whether there was a last visit to compare with. */
  readonly hasLastVisit: boolean;
  /** Everything shown now counts as seen: the marks go, and the next visit compares with now. */
  markRead: () => void;
  destroy: () => void;
}

const NONE: VisitChanges = { changes: [], noteMarks: new Map(), newComments: new Map() };
/** Saving re-reads the whole store's delete set: at most this often while changes stream in (ms). */
const SAVE_INTERVAL_MS = 2000;
/** Recomputing walks every note's text: once per burst of changes. */
const RECOMPUTE_DELAY_MS = 150;

export const visitStorageKey = (boardId: string, personId: string) => `board.visit.${boardId}.${personId}`;

/**
 * Since your last visit, on this device: the state of the board document this person had seen is kept in
 * localStorage as a Yjs snapshot (base64), per board and person. It is written whenever the page has shown
 * a change (at most every two seconds), when the page is hidden or left, and by "mark as read"; it is read
 * once when the page opens and stays this visit's baseline, so the marks do not vanish while being looked at.
 * This person's own changes are folded into the baseline as they are made (shared/sinceLastVisit.ts).
 * Nothing is saved before the board has synced with the server once, so an empty new device never records
 * "seen nothing".
 */
export function createVisitTracker(doc: Y.Doc, storageKey: string, personId: string, loaded: ReadStore<boolean>) {
  let baseline = decodeSeen(readLocal(storageKey));
  const hasLastVisit = baseline !== null;
  const changes = createStore<VisitChanges>(NONE);
  let recomputeTimer: ReturnType<typeof setTimeout> | null = null;
  let saveTimer: ReturnType<typeof setTimeout> | null = null;

  const recompute = () => {
    recomputeTimer = null;
    changes.set(baseline ? changesSince(doc, baseline, personId) : NONE);
  };
  const save = () => {
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = null;
    if (loaded.get()) writeLocal(storageKey, encodeSeen(Y.snapshot(doc)));
  };
  const onTransaction = (transaction: Y.Transaction) => {
    // Our own change (an operation, an undo): it is not news to us, whatever arrives meanwhile.
    if (transaction.local && baseline) {
      baseline = withOwnChange(baseline, doc.clientID, Y.getState(doc.store, doc.clientID), transaction.deleteSet);
    }
  };
  const onUpdate = () => {
    recomputeTimer ??= setTimeout(recompute, RECOMPUTE_DELAY_MS);
    saveTimer ??= setTimeout(save, SAVE_INTERVAL_MS);
  };
  const onHidden = () => {
    if (document.visibilityState === 'hidden') save();
  };
  doc.on('afterTransaction', onTransaction);
  doc.on('update', onUpdate);
  document.addEventListener('visibilitychange', onHidden);
  window.addEventListener('pagehide', save);
  const stopLoaded = loaded.subscribe(save);
  recompute();
  save();

  return {
    changes,
    hasLastVisit,
    markRead: () => {
      baseline = Y.snapshot(doc);
      recompute();
      save();
    },
    destroy: () => {
      save();
      if (recomputeTimer) clearTimeout(recomputeTimer);
      doc.off('afterTransaction', onTransaction);
      doc.off('update', onUpdate);
      document.removeEventListener('visibilitychange', onHidden);
      window.removeEventListener('pagehide', save);
      stopLoaded();
    },
  } satisfies VisitTracker;
}
