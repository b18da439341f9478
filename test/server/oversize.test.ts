import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CLOSE } from '../../shared/protocol.js';
import { startCuttableProxy } from './cuttableProxy.js';
import { connectSynced, createBoard, startTestServer, type TestServer } from './helpers.js';

describe('oversized frames', () => {
  let server: TestServer;
  let proxy: Awaited<ReturnType<typeof startCuttableProxy>>;
  beforeAll(async () => {
    server = await startTestServer();
    proxy = await startCuttableProxy(server.port);
  });
  afterAll(async () => {
    await proxy.close();
    await server.close();
  });

  it('answers a stock client’s 2 MB update with 4413 and the reason, and the client stops reconnecting', async () => {
    const board = await createBoard(server.url);
    const client = await connectSynced(proxy.wsUrl, board.id, board.tokens.participant);
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      client.provider.on('closed', (event) => resolve(event)),
    );
    const before = proxy.accepted();
    // Far over MAX_FRAME_BYTES (1 MiB) and over `ws`'s own cap: `ws` closes it with 1009 unread.
    client.doc.getMap('notes').set('huge', new Y.Text('x'.repeat(2 * 1024 * 1024)));
    const { code, reason } = await closed;
    expect(code).toBe(CLOSE.tooLarge);
    expect(reason).toBe('message too large: over 1048576 bytes');
    // The first connection (1009) and the one closed with 4413 at once: no loop.
    expect(proxy.accepted() - before).toBe(1);
    expect(client.provider.shouldConnect).toBe(false);
    // The change stays in the client's document (the stock client never discards it).
    expect((client.doc.getMap('notes').get('huge') as Y.Text).length).toBe(2 * 1024 * 1024);
    client.destroy();
  });
});
