import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { PendingChanges } from '../../client/session/pendingChanges.js';
import { MAX_FRAME_BYTES } from '../../shared/limits.js';
import { addNote } from '../../shared/ops/notes.js';
import { APP_PROTOCOL_VERSION } from '../../shared/protocol.js';
import { listNotes } from '../../shared/selectors.js';
import { connectSynced, createBoard, startTestServer, type TestServer, waitFor } from './helpers.js';

/** The sizes of the frames every socket of this class sent. */
const sentFrames: number[] = [];
class CountingWebSocket extends WebSocket {
  override send(data: Parameters<WebSocket['send']>[0], ...rest: unknown[]): void {
    sentFrames.push((data as Uint8Array).byteLength);
    (super.send as (...args: unknown[]) => void)(data, ...rest);
  }
}

describe('our client after a long offline period', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('sends a backlog bigger than MAX_FRAME_BYTES in several frames under the limit, and all of it is stored', async () => {
    const board = await createBoard(server.url);
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(server.wsUrl, board.id, doc, {
      WebSocketPolyfill: CountingWebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      connect: false,
      params: { token: board.tokens.participant, app: APP_PROTOCOL_VERSION },
    });
    provider.messageHandlers[100] = () => {}; // the voting state: not what this test looks at
    const pending = new PendingChanges(provider);
    // Offline: about 2.5 MB of notes, more than one frame may hold (and than `ws` reads at all).
    for (let i = 0; i < 450; i++) {
      addNote(doc, { id: `n${i}`, pillarId: 'p', lane: 'idea', text: `${i}`.padEnd(1900, 'あ'), author: 'a' });
    }
    expect(Y.encodeStateAsUpdate(doc).byteLength).toBeGreaterThan(2 * MAX_FRAME_BYTES);
    const closed: number[] = [];
    provider.on('connection-close', (event) => {
      if (event) closed.push(event.code);
    });
    provider.connect();
    await waitFor(() => pending.count.get() === 0, 'every offline change to be confirmed stored', 30_000);
    expect(closed).toEqual([]);
    expect(Math.max(...sentFrames)).toBeLessThanOrEqual(MAX_FRAME_BYTES);
    expect(sentFrames.filter((size) => size > 100_000).length).toBeGreaterThan(2);
    const reader = await connectSynced(server.wsUrl, board.id, board.tokens.viewer);
    expect(listNotes(reader.doc)).toHaveLength(450);
    reader.destroy();
    pending.destroy();
    provider.destroy();
  }, 60_000);
});
