import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { connectSynced, createBoard, startTestServer, waitFor } from './helpers.js';

const call = async (url: string, method: string, token: string, body?: unknown) => {
  const response = await fetch(url, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

describe('facilitator commands when storage fails', () => {
  it('answers 507 on a full disk, changes nothing, and works again once space returns', async () => {
    const server = await startTestServer();
    try {
      const board = await createBoard(server.url, '満杯');
      const base = `${server.url}/api/boards/${board.id}`;
      server.storage.limitSize(0);
      let answer = await call(`${base}/people`, 'POST', board.tokens.facilitator, { name: '田中' });
      for (let i = 0; i < 200 && answer.status === 201; i++) {
        answer = await call(`${base}/people`, 'POST', board.tokens.facilitator, { name: `田中${i}` });
      }
      expect(answer).toEqual({
        status: 507,
        body: { error: "the server's disk is full: nothing was changed; try again later" },
      });
      expect((await call(`${base}/lock`, 'PUT', board.tokens.facilitator, { locked: true })).status).toBe(507);
      expect((await call(`${base}/lock`, 'GET', board.tokens.facilitator)).body.locked).toBe(false);
      const health = (await (await fetch(`${server.url}/healthz`)).json()) as { storageFull: boolean };
      expect(health.storageFull).toBe(true);
      server.storage.limitSize(null);
      await waitFor(() => !server.storage.health().full, 'space to be noticed', 10_000);
      expect((await call(`${base}/lock`, 'PUT', board.tokens.facilitator, { locked: true })).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('keeps serving when the audit log cannot be written: the settings change still goes through', async () => {
    const server = await startTestServer();
    try {
      const board = await createBoard(server.url, '監査');
      const db = new Database(join(server.dataDir, 'board.sqlite'));
      db.exec('DROP TABLE audit_log');
      db.close();
      const facilitator = await connectSynced(server.wsUrl, `${board.id}/settings`, board.tokens.facilitator);
      const viewer = await connectSynced(server.wsUrl, `${board.id}/settings`, board.tokens.viewer);
      facilitator.doc.getMap('meta').set('title', '新しい題');
      await waitFor(() => viewer.doc.getMap('meta').get('title') === '新しい題', 'the change to be relayed');
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      facilitator.destroy();
      viewer.destroy();
    } finally {
      await server.close();
    }
  });
});
