import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SERVER_ONLY_KEYS } from '../../server/serverOnlyKeys.js';
import { stateVectorOf, validateUpdate } from '../../server/validateUpdate.js';
import { readBoardLock, writeBoardLock } from '../../shared/records/serverState.js';
import { initialiseBoardDoc, initialiseSettingsDoc } from '../../shared/template.js';

const SERVER_STATE = { ok: false, kind: 'forbidden', reason: 'only the server writes server.*' };
const SCHEMA_VERSION = { ok: false, kind: 'forbidden', reason: 'only the server writes meta.schemaVersion' };

/** The settings document as the server holds it, with the lock written by the server's own update. */
function lockedSettings(): { server: Y.Doc; serverClient: number } {
  const server = new Y.Doc();
  initialiseSettingsDoc(server, '部会');
  const scratch = new Y.Doc();
  Y.applyUpdate(scratch, Y.encodeStateAsUpdate(server));
  const before = Y.encodeStateVector(scratch);
  writeBoardLock(scratch, { lockedAt: 1, lockedBy: '進行役' });
  Y.applyUpdate(server, Y.encodeStateAsUpdate(scratch, before));
  return { server, serverClient: scratch.clientID };
}

function clientOf(server: Y.Doc) {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(server));
  const before = Y.encodeStateVector(doc);
  return { doc, since: () => Y.encodeStateAsUpdate(doc, before) };
}

const check = (server: Y.Doc, update: Uint8Array, kind: 'board' | 'settings' = 'settings') =>
  validateUpdate(update, stateVectorOf(server), { doc: server, serverOnlyKeys: SERVER_ONLY_KEYS[kind] });

/**
 * A crafted update of one item that re-uses an existing item's id and is one longer, naming its own parent
 * and key: Yjs integrates only the new part, after the existing item, and deletes that item's value.
 */
function straddlingItem(client: number, clock: number, root: string, key: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1); // one client
  encoding.writeVarUint(encoder, 1); // one struct
  encoding.writeVarUint(encoder, client);
  encoding.writeVarUint(encoder, clock);
  encoding.writeUint8(encoder, 32 | 8); // has a key; ContentAny; no origins
  encoding.writeVarUint(encoder, 1); // parent is a root, by name
  encoding.writeVarString(encoder, root);
  encoding.writeVarString(encoder, key);
  encoding.writeVarUint(encoder, 2); // two values: length 2
  encoding.writeAny(encoder, 'x');
  encoding.writeAny(encoder, null);
  encoding.writeVarUint(encoder, 0); // empty delete set
  return encoding.toUint8Array(encoder);
}

describe('the settings document\u2019s server-only map', () => {
  it('is read by clients: the lock, or null, and a malformed value counts as locked', () => {
    const { server } = lockedSettings();
    expect(readBoardLock(server)).toEqual({ lockedAt: 1, lockedBy: '進行役' });
    const open = new Y.Doc();
    expect(readBoardLock(open)).toBeNull();
    open.getMap('server').set('lock', 'yes');
    expect(readBoardLock(open)).toEqual({ lockedAt: 0, lockedBy: null });
  });

  it('refuses a client that overwrites, deletes or adds a key of it, even the facilitator\u2019s', () => {
    const { server } = lockedSettings();
    const overwrite = clientOf(server);
    overwrite.doc.getMap('server').set('lock', null);
    // The overwrite names no key: it is found through its origin, the server's lock item.
    expect((Y.decodeUpdate(overwrite.since()).structs[0] as Y.Item).parent).toBeNull();
    expect(check(server, overwrite.since())).toEqual(SERVER_STATE);
    const removal = clientOf(server);
    removal.doc.getMap('server').delete('lock');
    expect(check(server, removal.since())).toEqual(SERVER_STATE);
    const added = clientOf(server);
    added.doc.getMap('server').set('timer', { endsAt: 0 });
    expect(check(server, added.since())).toEqual(SERVER_STATE);
    // The rest of the settings document stays writable.
    const title = clientOf(server);
    title.doc.getMap('meta').set('title', '新しい題');
    expect(check(server, title.since())).toMatchObject({ ok: true });
  });

  it('refuses an item that re-uses the lock\u2019s id and names another parent (Yjs would hang it after the lock)', () => {
    const { server, serverClient } = lockedSettings();
    const lockItem = server.getMap('server')._map.get('lock')!;
    expect(lockItem.id.client).toBe(serverClient);
    const crafted = straddlingItem(lockItem.id.client, lockItem.id.clock, 'pillars', 'evil');
    expect(check(server, crafted)).toEqual(SERVER_STATE);
    // It is no idle worry: applied, it does delete the lock.
    const copy = clientOf(server).doc;
    Y.applyUpdate(copy, crafted);
    expect(readBoardLock(copy)).toBeNull();
  });

  it('refuses the same trick against meta.schemaVersion of the board document', () => {
    const board = new Y.Doc();
    initialiseBoardDoc(board);
    const version = board.getMap('meta')._map.get('schemaVersion')!;
    const crafted = straddlingItem(version.id.client, version.id.clock, 'notes', 'evil');
    expect(check(board, crafted, 'board')).toEqual(SCHEMA_VERSION);
  });

  it('still accepts an honest step 2 that starts below what the server has', () => {
    const server = new Y.Doc();
    initialiseBoardDoc(server);
    const client = clientOf(server);
    const text = new Y.Text('窓口');
    client.doc.getMap('notes').set('n1', text);
    const first = client.since();
    text.insert(2, 'の待ち時間');
    // The server got the first update; the client's step 2 (answering an older state vector) holds both, and
    // Yjs encodes the typed text as one struct that starts below the server's clock for this client.
    Y.applyUpdate(server, first);
    const step2 = Y.encodeStateAsUpdate(client.doc);
    const have = Y.getState(server.store, client.doc.clientID);
    const straddles = Y.decodeUpdate(step2).structs.some(
      (struct) =>
        struct.id.client === client.doc.clientID && struct.id.clock < have && struct.id.clock + struct.length > have,
    );
    expect(straddles).toBe(true);
    expect(check(server, step2, 'board')).toMatchObject({ ok: true });
    Y.applyUpdate(server, step2);
    expect((server.getMap('notes').get('n1') as Y.Text).toString()).toBe('窓口の待ち時間');
  });
});
