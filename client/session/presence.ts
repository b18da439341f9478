import type { WebsocketProvider } from 'y-websocket';
import { readPresenceUser } from '../../shared/records/presence';
import type { Role } from '../../shared/roles';
import { createStore, type ReadStore, sameArray } from '../lib/store';

/**
 * What each client shares through awareness (presence scope: never stored in the documents). The server
 * replaces `user` with the identity the connection authenticated (shared/records/presence.ts); a client
 * without a person sends none and is shown by the number the server gives it (「閲覧者 3」).
 */
export interface PresenceState {
  user?: { id: string; name: string; role: Role; color: string };
  editing: string | null;
}

export interface Peer {
  clientId: number;
  /** The person's id (the same in each of their tabs), or the server's id for a connection without a person. */
  id: string;
  /** The person's name; '' for a connection without a person (see `number`). */
  name: string;
  role: Role;
  /** A connection without a person: its number on this board, or null when not known yet (this tab's own). */
  number: number | null;
  color: string;
  editing: string | null;
  isSelf: boolean;
}

export interface PresenceSnapshot {
  /** One entry per person: a person with several tabs open is listed once. */
  peers: readonly Peer[];
  /** note id → the other people editing it right now */
  editorsByNote: ReadonlyMap<string, readonly Peer[]>;
}

function readPeer(clientId: number, state: unknown, selfId: number, selfRole: Role): Peer | null {
  const isSelf = clientId === selfId;
  const user = readPresenceUser(state);
  // This tab's own state holds what it sent; without a person it sent no `user` (the server numbers it).
  if (!user && !isSelf) return null;
  const editing = (state as Partial<PresenceState> | null)?.editing;
  return {
    clientId,
    id: user?.id ?? '',
    name: user?.name ?? '',
    role: user?.role ?? selfRole,
    number: user?.number ?? null,
    color: user?.color ?? '#555555',
    editing: typeof editing === 'string' ? editing : null,
    isSelf,
  };
}

/** One peer per person: this tab stands for its person, whose other tabs are not listed again. */
function onePerPerson(peers: readonly Peer[]): Peer[] {
  const selfId = peers.find((peer) => peer.isSelf)?.id;
  const byPerson = new Map<string, Peer>();
  for (const peer of peers) {
    if (peer.isSelf) byPerson.set(`client:${peer.clientId}`, peer);
    else if (peer.id !== selfId && !byPerson.has(peer.id)) byPerson.set(peer.id, peer);
  }
  return [...byPerson.values()];
}

/**
 * Presence of the board document's provider. When the connection drops, the stock provider removes the
 * others' states but keeps their clocks, so after reconnecting it would ignore the states the server greets
 * it with (same clocks) until each person renewed theirs (up to 15 s): forget those clocks too.
 */
export function createPresenceStore(
  provider: WebsocketProvider,
  selfRole: Role,
): ReadStore<PresenceSnapshot> & { destroy(): void } {
  const awareness = provider.awareness;
  const store = createStore<PresenceSnapshot>({ peers: [], editorsByNote: new Map() });
  const recompute = () => {
    const previous = store.get();
    const all: Peer[] = [];
    awareness.getStates().forEach((state, clientId) => {
      const peer = readPeer(clientId, state, awareness.clientID, selfRole);
      if (peer) all.push(peer);
    });
    const peers = onePerPerson(all);
    peers.sort((a, b) => Number(b.isSelf) - Number(a.isSelf) || a.name.localeCompare(b.name));
    const editorsByNote = new Map<string, Peer[]>();
    for (const peer of all) {
      if (peer.isSelf || !peer.editing) continue;
      const editors = editorsByNote.get(peer.editing) ?? [];
      if (!editors.some((p) => p.id === peer.id)) editorsByNote.set(peer.editing, [...editors, peer]);
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
  const forgetOthersOnDisconnect = ({ status }: { status: string }) => {
    if (status !== 'disconnected') return;
    for (const clientId of [...awareness.meta.keys()]) {
      if (clientId !== awareness.clientID && !awareness.states.has(clientId)) awareness.meta.delete(clientId);
    }
  };
  awareness.on('change', recompute);
  provider.on('status', forgetOthersOnDisconnect);
  recompute();
  return {
    get: store.get,
    subscribe: store.subscribe,
    destroy: () => {
      awareness.off('change', recompute);
      provider.off('status', forgetOthersOnDisconnect);
    },
  };
}
