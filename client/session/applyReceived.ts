import * as Y from 'yjs';

type UpdateListener = (update: Uint8Array, origin: unknown, doc: Y.Doc, transaction: Y.Transaction) => void;

/**
 * Applies an update received from the server and hands the document's `update` listeners (the offline copy's
 * IndexedDB write, our sender, the stores) the bytes received, instead of the copy Yjs would encode again from
 * the transaction: opening a 3,000-note board, that second encoding of its 1 MB was about a quarter of the
 * time to apply it. Listeners get what Yjs would give them (same arguments, after the transaction's observers,
 * only when something changed); the bytes may also hold what the document already had, which applying again
 * ignores. Errors are the caller's, as with `Y.applyUpdate`.
 */
export function applyReceivedUpdate(doc: Y.Doc, update: Uint8Array, origin: unknown): void {
  const listeners = doc._observers.get('update') as Set<UpdateListener> | undefined;
  if (!listeners || listeners.size === 0) {
    Y.applyUpdate(doc, update, origin);
    return;
  }
  let transaction: Y.Transaction | null = null;
  const restore = () => {
    // A listener added while the update was applied (by an observer) is kept with the others.
    const added = doc._observers.get('update') as Set<UpdateListener> | undefined;
    for (const listener of added ?? []) listeners.add(listener);
    doc._observers.set('update', listeners);
  };
  const onCleanup = (cleaned: Y.Transaction) => {
    if (transaction === null) transaction = cleaned;
    // A change an observer made in reaction (its own transaction, cleaned up next) is encoded and sent as usual.
    else if (doc._observers.get('update') !== listeners) restore();
  };
  // Yjs encodes a transaction's update only when the document has `update` listeners at its cleanup.
  doc._observers.delete('update');
  doc.on('afterTransactionCleanup', onCleanup);
  try {
    Y.applyUpdate(doc, update, origin);
  } finally {
    doc.off('afterTransactionCleanup', onCleanup);
    if (doc._observers.get('update') !== listeners) restore();
    // In `finally`, as Yjs emits `update` even when an observer threw: what was integrated still reaches the
    // offline copy and the stores (the error then goes on to the caller).
    const applied = transaction as Y.Transaction | null;
    if (applied && changedAnything(applied))
      for (const listener of [...listeners]) listener(update, origin, doc, applied);
  }
}

/** Yjs's own test for emitting `update`: new structs or deletions. */
function changedAnything(transaction: Y.Transaction): boolean {
  if (transaction.deleteSet.clients.size > 0) return true;
  for (const [client, clock] of transaction.afterState) {
    if (transaction.beforeState.get(client) !== clock) return true;
  }
  return false;
}
