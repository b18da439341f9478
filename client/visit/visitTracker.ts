import * as Y from 'yjs';
import {
  changesSince,
  decodeSeen,
  encodeSeen,
  unionSeen,
  type VisitChanges,
  withOwnChange,
} from '../../shared/sinceLastVisit';
import { readLocal, writeLocal } from '../lib/localStore';
import { createStore, type ReadStore } from '../lib/store';

/** The server's copy of what this person has seen, shared by all their devices (null: a link with no person). */
export interface VisitRemote {
  load(): Promise<string | null>;
  save(seen: string, leaving: boolean): Promise<unknown>;
}

export interface VisitTracker {
  /** What changed since this person's last visit (empty on a first visit). */
  readonly changes: ReadStore<VisitChanges>;
  /** Whether there was a last visit to compare with. */
  readonly hasLastVisit: boolean;
  /** Everything shown now counts as seen: the marks go, and the next visit compares with now. */
  markRead: () => void;
  destroy: () => void;
}

const NONE: VisitChanges = { changes: [], noteMarks: new Map(), initiativeMarks: new Map(), newComments: new Map() };
/** Saving re-reads the whole store's delete set: at most this often while changes stream in (ms). */
const SAVE_INTERVAL_MS = 2000;
/** Recomputing walks every note's text: once per burst of changes. */
const RECOMPUTE_DELAY_MS = 150;

export const visitStorageKey = (boardId: string, personId: string) => `board.visit.${boardId}.${personId}`;

/**
 * Since your last visit: the state of the board document this person had seen is kept as a Yjs snapshot
 * (base64), per board and person, in localStorage and — for a person (a personal link or guest identity) — on
 * the server, which keeps the union of what all their devices have seen, so a change seen on the office PC is
 * not "new" on the laptop. The baseline is what this device had seen, joined by the server's when it answers. It is written whenever the page has shown
 * a change (at most every two seconds), when the page is hidden or left, and by "mark as read"; it is read
 * once when the page opens and stays this visit's baseline, so the marks do not vanish while being looked at.
 * This person's own changes are folded into the baseline as they are made (shared/sinceLastVisit.ts).
 * Nothing is saved before the board has synced with the server once, so an empty new device never records
 * "seen nothing".
 */
export function createVisitTracker(
  doc: Y.Doc,
  storageKey: string,
  personId: string,
  loaded: ReadStore<boolean>,
  remote: VisitRemote | null = null,
) {
  let baseline = decodeSeen(readLocal(storageKey));
  const changes = createStore<VisitChanges>(NONE);
  let recomputeTimer: ReturnType<typeof setTimeout> | null = null;
  let saveTimer: ReturnType<typeof setTimeout> | null = null;

  const recompute = () => {
    recomputeTimer = null;
    changes.set(baseline ? changesSince(doc, baseline, personId) : NONE);
  };
  let destroyed = false;
  // Until the server's copy has been read, nothing is saved: a save first would make "now" the server's
  // baseline before this visit learned what the person's other devices had seen.
  let remoteRead = remote === null;
  const save = (leaving = false) => {
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = null;
    if (!loaded.get() || !remoteRead) return;
    const seen = encodeSeen(Y.snapshot(doc));
    writeLocal(storageKey, seen);
    // Offline, or the server refuses: this device's copy is kept and sent with the next save.
    remote?.save(seen, leaving).catch(() => {});
  };
  const leave = () => save(true);
  const onTransaction = (transaction: Y.Transaction) => {
    // Our own change (an operation, an undo): it is not news to us, whatever arrives meanwhile.
    if (transaction.local && baseline) {
      baseline = withOwnChange(baseline, doc.clientID, Y.getState(doc.store, doc.clientID), transaction.deleteSet);
    }
  };
  const onUpdate = () => {
    recomputeTimer ??= setTimeout(recompute, RECOMPUTE_DELAY_MS);
    // A change that arrives while the page is hidden (a background tab left open all week) has not been seen.
    if (document.visibilityState !== 'hidden') saveTimer ??= setTimeout(save, SAVE_INTERVAL_MS);
  };
  const onHidden = () => {
    if (document.visibilityState === 'hidden') save(true);
  };
  doc.on('afterTransaction', onTransaction);
  doc.on('update', onUpdate);
  document.addEventListener('visibilitychange', onHidden);
  window.addEventListener('pagehide', leave);
  const stopLoaded = loaded.subscribe(() => save());
  recompute();
  // What the person's other devices have seen joins this device's baseline (before this save overwrites it).
  remote
    ?.load()
    .then((stored) => {
      const fromServer = decodeSeen(stored);
      if (destroyed || !fromServer) return;
      baseline = baseline ? unionSeen(baseline, fromServer) : fromServer;
      recompute();
    })
    .catch(() => {})
    .finally(() => {
      remoteRead = true;
      if (!destroyed) save();
    });
  if (!remote) save();

  return {
    changes,
    get hasLastVisit() {
      return baseline !== null;
    },
    markRead: () => {
      baseline = Y.snapshot(doc);
      recompute();
      save();
    },
    destroy: () => {
      save();
      destroyed = true;
      if (recomputeTimer) clearTimeout(recomputeTimer);
      doc.off('afterTransaction', onTransaction);
      doc.off('update', onUpdate);
      document.removeEventListener('visibilitychange', onHidden);
      window.removeEventListener('pagehide', leave);
      stopLoaded();
    },
  } satisfies VisitTracker;
}
