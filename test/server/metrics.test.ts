import { afterEach, describe, expect, it } from 'vitest';
import { connectSynced, createBoard, startTestServer, type TestClient, type TestServer, waitFor } from './helpers.js';

/** The value of one sample line of the Prometheus text, e.g. `board_connections{role="viewer"}`. */
function sample(text: string, name: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  if (!line) throw new Error(`no sample ${name} in:\n${text}`);
  return Number(line.slice(name.length + 1));
}

describe('GET /metrics', () => {
  let server: TestServer | null = null;
  const clients: TestClient[] = [];

  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await server?.close();
    server = null;
  });

  it('is not served unless METRICS is on', async () => {
    server = await startTestServer();
    const response = await fetch(`${server.url}/metrics`);
    expect(response.status).toBe(404);
  });

  it('counts connections per role, loaded rooms, updates received and relayed, and commit latency', async () => {
    server = await startTestServer({ metrics: true });
    const board = await createBoard(server.url);
    const writer = await connectSynced(server.wsUrl, board.id, board.tokens.participant);
    const reader = await connectSynced(server.wsUrl, board.id, board.tokens.viewer);
    clients.push(writer, reader);
    writer.doc.getMap('notes').set('probe', 'hello');
    await waitFor(() => reader.doc.getMap('notes').get('probe') === 'hello', 'the edit to reach the viewer');

    const response = await fetch(`${server.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(sample(text, 'board_connections{role="participant"}')).toBe(1);
    expect(sample(text, 'board_connections{role="viewer"}')).toBe(1);
    expect(sample(text, 'board_connections{role="facilitator"}')).toBe(0);
    expect(sample(text, 'board_rooms_loaded')).toBe(1);
    expect(sample(text, 'board_updates_received_total')).toBe(1);
    expect(sample(text, 'board_updates_relayed_total')).toBe(1);
    expect(sample(text, 'board_update_frames_sent_total')).toBe(1);
    expect(sample(text, 'board_update_relay_seconds_count')).toBe(1);
    expect(sample(text, 'board_update_relay_seconds_bucket{le="+Inf"}')).toBe(1);
    expect(sample(text, 'board_storage_committed_updates_total')).toBe(1);
    expect(sample(text, 'board_storage_commit_seconds_count')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);

    reader.destroy();
    const viewerConnections = async () =>
      sample(await (await fetch(`${server!.url}/metrics`)).text(), 'board_connections{role="viewer"}');
    const deadline = Date.now() + 5_000;
    while ((await viewerConnections()) !== 0 && Date.now() < deadline)
      await new Promise((done) => setTimeout(done, 20));
    expect(await viewerConnections()).toBe(0);
  });
});
