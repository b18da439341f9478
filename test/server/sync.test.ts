import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNote, editNoteText, moveNote } from '../../shared/ops/notes.js';
import { renamePillar } from '../../shared/ops/pillars.js';
import { BOARD_SCHEMA_VERSION } from '../../shared/records/meta.js';
import { activePillars, getNote, listNotes } from '../../shared/selectors.js';
import { SEED_PILLAR_TITLES } from '../../shared/template.js';
import { connectClient, connectSynced, createBoard, startTestServer, type TestServer, waitFor } from './helpers.js';

describe('sync with the stock WebsocketProvider', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('reads pillars and writes notes that another client sees', async () => {
    const board = await createBoard(server.url, '市役所');
    const settings = await connectSynced(server.wsUrl, `${board.id}/settings`, board.tokens.participant);
    const pillars = activePillars(settings.doc);
    expect(pillars.map((p) => p.title)).toEqual([...SEED_PILLAR_TITLES]);
    expect(settings.doc.getMap('meta').get('title')).toBe('市役所');
    expect(settings.doc.getMap('laneLabels').get('problem')).toBe('課題');

    const alice = await connectSynced(server.wsUrl, board.id, board.tokens.participant);
    const bob = await connectSynced(server.wsUrl, board.id, board.tokens.facilitator);
    expect(alice.doc.getMap('meta').get('schemaVersion')).toBe(BOARD_SCHEMA_VERSION);
    const pillarId = pillars[0]!.id;
    addNote(alice.doc, { id: 'n1', pillarId, lane: 'problem', text: '窓口の待ち時間が長い', author: 'alice' });
    await waitFor(() => getNote(bob.doc, 'n1')?.text === '窓口の待ち時間が長い', 'bob to see the note');
    editNoteText(bob.doc, 'n1', '窓口の待ち時間がとても長い');
    await waitFor(() => getNote(alice.doc, 'n1')?.text === '窓口の待ち時間がとても長い', 'alice to see the edit');
    expect(getNote(bob.doc, 'n1')?.place).toMatchObject({ pillarId, lane: 'problem' });
    for (const client of [settings, alice, bob]) client.destroy();

    const later = await connectSynced(server.wsUrl, board.id, board.tokens.viewer);
    expect(listNotes(later.doc).map((n) => n.text)).toEqual(['窓口の待ち時間がとても長い']);
    later.destroy();
  });

  it('never applies, stores or relays a viewer write, and tells the viewer', async () => {
    const board = await createBoard(server.url);
    const watcher = await connectSynced(server.wsUrl, board.id, board.tokens.participant);
    const viewer = await connectSynced(server.wsUrl, board.id, board.tokens.viewer);
    expect(viewer.denied).toEqual([]); // its step 2 with nothing new is not a write attempt
    addNote(viewer.doc, { id: 'v1', pillarId: 'p', lane: 'idea', text: '見るだけ', author: 'viewer' });
    await waitFor(() => viewer.denied.length > 0, 'the permission-denied message');
    expect(viewer.denied[0]).toMatch(/read-only/);
    // A write after the refused one proves the relay order: the watcher gets this, and not the viewer's note.
    addNote(watcher.doc, { id: 'w1', pillarId: 'p', lane: 'idea', text: '参加者', author: 'p' });
    const fresh = await connectSynced(server.wsUrl, board.id, board.tokens.facilitator);
    await waitFor(() => getNote(fresh.doc, 'w1') !== null, 'the participant note');
    expect(getNote(fresh.doc, 'v1')).toBeNull();
    expect(getNote(watcher.doc, 'v1')).toBeNull();
    for (const client of [watcher, viewer, fresh]) client.destroy();
  });

  it('refuses a participant write to the settings document', async () => {
    const board = await createBoard(server.url);
    const participant = await connectSynced(server.wsUrl, `${board.id}/settings`, board.tokens.participant);
    const pillar = activePillars(participant.doc)[0]!;
    renamePillar(participant.doc, pillar.id, '乗っ取り');
    await waitFor(() => participant.denied.length > 0, 'the permission-denied message');
    expect(participant.denied[0]).toMatch(/facilitator/);
    const facilitator = await connectSynced(server.wsUrl, `${board.id}/settings`, board.tokens.facilitator);
    expect(activePillars(facilitator.doc)[0]!.title).toBe(pillar.title);
    renamePillar(facilitator.doc, pillar.id, '市民サービス');
    const reader = await connectSynced(server.wsUrl, `${board.id}/settings`, board.tokens.viewer);
    await waitFor(() => activePillars(reader.doc)[0]?.title === '市民サービス', 'the facilitator rename');
    expect(facilitator.denied).toEqual([]);
    for (const client of [participant, facilitator, reader]) client.destroy();
  });

  it('ends concurrent moves of one note in one of the moves', async () => {
    const board = await createBoard(server.url);
    const a = await connectSynced(server.wsUrl, board.id, board.tokens.participant);
    const b = await connectSynced(server.wsUrl, board.id, board.tokens.participant);
    addNote(a.doc, { id: 'm', pillarId: 'p1', lane: 'problem', text: '動かす', author: 'a' });
    await waitFor(() => getNote(b.doc, 'm') !== null, 'b to see the note');
    // Both move before either hears of the other's move.
    a.provider.disconnect();
    b.provider.disconnect();
    moveNote(a.doc, 'm', { pillarId: 'p2', lane: 'goal', index: 0 });
    moveNote(b.doc, 'm', { pillarId: 'p3', lane: 'idea', index: 0 });
    a.provider.connect();
    b.provider.connect();
    await waitFor(
      () => JSON.stringify(getNote(a.doc, 'm')?.place) === JSON.stringify(getNote(b.doc, 'm')?.place),
      'the moves to converge',
    );
    const place = getNote(a.doc, 'm')!.place!;
    const moves = [
      { pillarId: 'p2', lane: 'goal' },
      { pillarId: 'p3', lane: 'idea' },
    ];
    expect(moves).toContainEqual({ pillarId: place.pillarId, lane: place.lane });
    a.destroy();
    b.destroy();
  });

  it('drops awareness updates naming another client id', async () => {
    const board = await createBoard(server.url);
    const alice = await connectSynced(server.wsUrl, board.id, board.tokens.participant);
    alice.provider.awareness.setLocalStateField('editing', 'Alice');
    const bob = await connectSynced(server.wsUrl, board.id, board.tokens.participant);
    const aliceId = alice.doc.clientID;
    await waitFor(() => bob.provider.awareness.getStates().get(aliceId)?.editing === 'Alice', 'bob to see alice');
    // Mallory (a raw client with a valid token) claims to be Alice, then says Alice left.
    const mallory = connectClient(server.wsUrl, board.id, board.tokens.participant, new Y.Doc());
    await waitFor(() => mallory.provider.synced, 'mallory to sync');
    const forge = (state: unknown, clock: number) => {
      const update = encoding.createEncoder();
      encoding.writeVarUint(update, 1);
      encoding.writeVarUint(update, aliceId);
      encoding.writeVarUint(update, clock);
      encoding.writeVarString(update, JSON.stringify(state));
      const frame = encoding.createEncoder();
      encoding.writeVarUint(frame, 1);
      encoding.writeVarUint8Array(frame, encoding.toUint8Array(update));
      mallory.provider.ws!.send(encoding.toUint8Array(frame));
    };
    forge({ editing: 'Mallory' }, 1000);
    forge(null, 1001);
    // A later genuine change from Alice arrives after Mallory's frames; Bob must see Alice's, never Mallory's.
    alice.provider.awareness.setLocalStateField('editing', 'Alice 2');
    await waitFor(
      () => bob.provider.awareness.getStates().get(aliceId)?.editing === 'Alice 2',
      'alice to update her presence',
    );
    expect(bob.provider.awareness.getStates().has(aliceId)).toBe(true);
    // Mallory's own presence works, and disappears for the others when Mallory leaves.
    const malloryId = mallory.doc.clientID;
    mallory.provider.awareness.setLocalStateField('editing', 'Mallory');
    await waitFor(() => bob.provider.awareness.getStates().has(malloryId), 'bob to see mallory');
    mallory.destroy();
    await waitFor(() => !bob.provider.awareness.getStates().has(malloryId), 'mallory to leave');
    alice.destroy();
    bob.destroy();
  });
});
