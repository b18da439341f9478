import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addNote } from '../../shared/ops/notes.js';
import { CLOSE } from '../../shared/protocol.js';
import { BOARD_SCHEMA_VERSION, SETTINGS_SCHEMA_VERSION } from '../../shared/records/meta.js';
import { getNote } from '../../shared/selectors.js';
import {
  type CreatedBoard,
  connectClient,
  connectSynced,
  createBoard,
  startTestServer,
  type TestServer,
  tempDataDir,
  waitFor,
} from './helpers.js';

const REASON = 'invalid update: only the server writes meta.schemaVersion';

function closeCodes(client: ReturnType<typeof connectClient>): Array<{ code: number; reason: string }> {
  const closes: Array<{ code: number; reason: string }> = [];
  client.provider.on('connection-close', (event) => {
    if (event) closes.push({ code: event.code, reason: event.reason });
  });
  return closes;
}

describe('meta.schemaVersion is written by the server only', () => {
  let server: TestServer;
  let board: CreatedBoard;
  const data = tempDataDir();
  beforeAll(async () => {
    server = await startTestServer({ dataDir: data.dir });
    board = await createBoard(server.url, '元の題');
  });
  afterAll(async () => {
    await server.close();
    data.remove();
  });

  it('closes a participant that overwrites it (4422); the board still loads, at version 1, after a restart', async () => {
    const writer = await connectSynced(server.wsUrl, board.id, board.tokens.participant);
    const closes = closeCodes(writer);
    addNote(writer.doc, { id: 'kept', pillarId: 'p', lane: 'idea', text: '残る', author: 'w' });
    const watcher = await connectSynced(server.wsUrl, board.id, board.tokens.viewer);
    await waitFor(() => getNote(watcher.doc, 'kept') !== null, 'the first note to be stored');
    expect(writer.doc.getMap('meta').get('schemaVersion')).toBe(BOARD_SCHEMA_VERSION);

    writer.doc.getMap('meta').set('schemaVersion', 99);
    await waitFor(() => closes.length > 0, 'the writer to be closed');
    expect(closes[0]).toEqual({ code: CLOSE.invalidMessage, reason: REASON });
    expect(writer.provider.shouldConnect).toBe(false);
    // Nothing relayed.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(watcher.doc.getMap('meta').get('schemaVersion')).toBe(BOARD_SCHEMA_VERSION);
    writer.destroy();
    watcher.destroy();

    // Nothing stored: a restarted server loads the board (no 4426) at version 1.
    await server.close();
    server = await startTestServer({ dataDir: data.dir });
    const fresh = connectClient(server.wsUrl, board.id, board.tokens.participant);
    const freshCloses = closeCodes(fresh);
    await waitFor(() => fresh.provider.synced || freshCloses.length > 0, 'a fresh client to load the board');
    expect(freshCloses).toEqual([]);
    expect(fresh.doc.getMap('meta').get('schemaVersion')).toBe(BOARD_SCHEMA_VERSION);
    expect(getNote(fresh.doc, 'kept')?.text).toBe('残る');
    fresh.destroy();
  });

  it('closes a participant that deletes it (4422), and the version stays', async () => {
    const writer = await connectSynced(server.wsUrl, board.id, board.tokens.participant);
    const closes = closeCodes(writer);
    writer.doc.getMap('meta').delete('schemaVersion');
    await waitFor(() => closes.length > 0, 'the writer to be closed');
    expect(closes[0]).toEqual({ code: CLOSE.invalidMessage, reason: REASON });
    writer.destroy();
    const fresh = await connectSynced(server.wsUrl, board.id, board.tokens.viewer);
    expect(fresh.doc.getMap('meta').get('schemaVersion')).toBe(BOARD_SCHEMA_VERSION);
    fresh.destroy();
  });

  it('lets the facilitator change meta.title in the settings document, but not its schemaVersion', async () => {
    const room = `${board.id}/settings`;
    const facilitator = await connectSynced(server.wsUrl, room, board.tokens.facilitator);
    const closes = closeCodes(facilitator);
    expect(facilitator.doc.getMap('meta').get('title')).toBe('元の題');
    facilitator.doc.getMap('meta').set('title', '新しい題');
    const reader = await connectSynced(server.wsUrl, room, board.tokens.participant);
    await waitFor(() => reader.doc.getMap('meta').get('title') === '新しい題', 'the new title to arrive');
    expect(closes).toEqual([]);

    facilitator.doc.getMap('meta').set('schemaVersion', SETTINGS_SCHEMA_VERSION + 1);
    await waitFor(() => closes.length > 0, 'the facilitator to be closed');
    expect(closes[0]).toEqual({ code: CLOSE.invalidMessage, reason: REASON });
    facilitator.destroy();
    reader.destroy();
    const fresh = await connectSynced(server.wsUrl, room, board.tokens.viewer);
    expect(fresh.doc.getMap('meta').get('schemaVersion')).toBe(SETTINGS_SCHEMA_VERSION);
    expect(fresh.doc.getMap('meta').get('title')).toBe('新しい題');
    fresh.destroy();
  });
});
