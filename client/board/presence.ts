import type { Awareness } from 'y-protocols/awareness';
import { createStore, type ReadStore, sameArray } from '../lib/store';

/** What each client shares through awareness (presence scope: never stored in the documents). */
export interface PresenceState {
  user: { id: string; name: string; color: string };
  editing: string | null;
}

export interface Peer {
  clientId: number;
  name: string;
  color: string;
  editing: string | null;
  isSelf: boolean;
}

export interface PresenceSnapshot {
  peers: readonly Peer[];
  /** note id → the other people editing it right now */
  editorsByNote: ReadonlyMap<string, readonly Peer[]>;
}

function readPeer(clientId: number, state: unknown, selfId: number): Peer | null {
  if (typeof state !== 'object' || state === null) return null;
  const { user, editing } = state as Partial<PresenceState>;
  if (typeof user !== 'object' || user === null || typeof user.name !== 'string') return null;
  return {
    clientId,
    name: user.name.slice(0, 50),
    color: typeof user.color === 'string' && /^#[0-9a-f]{6}$/i.test(user.color) ? user.color : '#555555',
    editing: typeof editing === 'string' ? editing : null,
    isSelf: clientId === selfId,
  };
}

export function createPresenceStore(awareness: Awareness): ReadStore<PresenceSnapshot> & { destroy(): void } {
  const store = createStore<PresenceSnapshot>({ peers: [], editorsByNote: new Map() });
  const recompute = () => {
    const previous = store.get();
    const peers: Peer[] = [];
    awareness.getStates().forEach((state, clientId) => {
      const peer = readPeer(clientId, state, awareness.clientID);
      if (peer) peers.push(peer);
    });
    peers.sort((a, b) => Number(b.isSelf) - Number(a.isSelf) || a.name.localeCompare(b.name));
    const editorsByNote = new Map<string, Peer[]>();
    for (const peer of peers) {
      if (peer.isSelf || !peer.editing) continue;
      editorsByNote.set(peer.editing, [...(editorsByNote.get(peer.editing) ?? []), peer]);
    }
    // Keep the old array for notes whose editors did not change, so only those notes re-render.
    const stable = new Map<string, readonly Peer[]>();
    for (const [noteId, editors] of editorsByNote) {
      const old = previous.editorsByNote.get(noteId);
      const same =
        old &&
        sameArray(
          old.map((p) => `${p.clientId}:${p.name}`),
          editors.map((p) => `${p.clientId}:${p.name}`),
        );
      stable.set(noteId, same ? old : editors);
    }
    const peersSame =
      previous.peers.length === peers.length &&
      previous.peers.every((p, i) => JSON.stringify(p) === JSON.stringify(peers[i]));
    store.set({ peers: peersSame ? previous.peers : peers, editorsByNote: stable });
  };
  awareness.on('change', recompute);
  recompute();
  return { get: store.get, subscribe: store.subscribe, destroy: () => awareness.off('change', recompute) };
}
