import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTimer } from '../../shared/records/timer.js';
import { connectSynced, createBoard, startTestServer, type TestServer, tempDataDir, waitFor } from './helpers.js';

async function command(server: TestServer, boardId: string, token: string, body: unknown) {
  const response = await fetch(`${server.url}/api/boards/${boardId}/timer`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('the meeting timer', () => {
  const data = tempDataDir();
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ dataDir: data.dir });
  });
  afterAll(async () => {
    await server.close();
    data.remove();
  });

  it('runs on the server clock, is seen by everyone, is the facilitator’s only, and survives a restart', async () => {
    const board = await createBoard(server.url);
    const watcher = await connectSynced(server.wsUrl, `${board.id}/settings`, board.tokens.participant);

    const time = (await (await fetch(`${server.url}/api/time`)).json()) as { now: number };
    expect(Math.abs(time.now - Date.now())).toBeLessThan(60_000);

    expect(
      (await command(server, board.id, board.tokens.participant, { action: 'start', durationMs: 600_000 })).status,
    ).toBe(403);
    expect((await command(server, board.id, board.tokens.viewer, { action: 'reset' })).status).toBe(403);
    const bad = await command(server, board.id, board.tokens.facilitator, { action: 'start', durationMs: -5 });
    expect(bad.status).toBe(400);
    expect(readTimer(watcher.doc)).toBeNull();

    const started = await command(server, board.id, board.tokens.facilitator, { action: 'start', durationMs: 600_000 });
    expect(started.status).toBe(200);
    await waitFor(() => readTimer(watcher.doc)?.status === 'running', 'the running timer to reach the participant');
    const running = readTimer(watcher.doc);
    expect(running).toMatchObject({ status: 'running', durationMs: 600_000 });
    expect(running?.status === 'running' && running.endsAt - (started.body.now as number)).toBeGreaterThan(590_000);

    await command(server, board.id, board.tokens.facilitator, { action: 'pause' });
    await waitFor(() => readTimer(watcher.doc)?.status === 'paused', 'the pause to arrive');
    const paused = readTimer(watcher.doc);
    expect(paused?.status === 'paused' && paused.remainingMs).toBeGreaterThan(590_000);
    watcher.destroy();

    await server.close();
    server = await startTestServer({ dataDir: data.dir });
    const later = await connectSynced(server.wsUrl, `${board.id}/settings`, board.tokens.viewer);
    expect(readTimer(later.doc)).toEqual(paused);
    await command(server, board.id, board.tokens.facilitator, { action: 'reset' });
    await waitFor(() => readTimer(later.doc) === null, 'the reset to arrive');
    later.destroy();
  });

  it('applies two commands sent at once one after the other', async () => {
    const board = await createBoard(server.url);
    await command(server, board.id, board.tokens.facilitator, { action: 'start', durationMs: 60_000 });
    const [a, b] = await Promise.all([
      command(server, board.id, board.tokens.facilitator, { action: 'extend', byMs: 60_000 }),
      command(server, board.id, board.tokens.facilitator, { action: 'extend', byMs: 60_000 }),
    ]);
    const durations = [a.body.timer, b.body.timer].map((t) => (t as { durationMs: number }).durationMs).sort();
    expect(durations).toEqual([120_000, 180_000]);
  });
});
