import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer } from './helpers.js';

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: { error?: string; code?: string; id?: string };
}

/** A raw POST, so that headers a browser would set itself (Origin) can be chosen, or left out as curl does. */
function post(url: string, path: string, headers: Record<string, string>, body: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, { method: 'POST', headers }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const json = { 'content-type': 'application/json' };
const board = JSON.stringify({ title: '越境' });

describe('board creation and import from other sites', () => {
  it("refuses a cross-site POST (CSRF with text/plain too) and allows its own origin, PUBLIC_URL's and no Origin (curl)", async () => {
    const server = await startTestServer({ publicUrl: 'https://board.city.example' });
    cleanups.push(() => server.close());
    const host = new URL(server.url).host;

    for (const headers of [
      { ...json, origin: 'https://evil.example' },
      { 'content-type': 'text/plain', origin: 'https://evil.example' },
      { ...json, origin: 'null' },
    ]) {
      const refused = await post(server.url, '/api/boards', headers, board);
      expect(refused.status, headers.origin).toBe(403);
      expect(refused.body).toMatchObject({ code: 'cross-site' });
    }
    const refusedImport = await post(
      server.url,
      '/api/boards/import',
      { ...json, origin: 'http://evil.example' },
      '{}',
    );
    expect(refusedImport.status).toBe(403);
    expect(refusedImport.body).toMatchObject({ code: 'cross-site' });

    expect((await post(server.url, '/api/boards', json, board)).status).toBe(201);
    expect((await post(server.url, '/api/boards', { ...json, origin: `http://${host}` }, board)).status).toBe(201);
    const viaProxy = await post(server.url, '/api/boards', { ...json, origin: 'https://board.city.example' }, board);
    expect(viaProxy.status).toBe(201);
  });
});

describe('board creation rate per address', () => {
  it('refuses creations and imports past the burst with 429 and Retry-After; another address behind a trusted proxy is not held back', async () => {
    const server = await startTestServer({
      limits: { boardCreationBurst: 3, boardCreationsPerHour: 1 },
      trustProxy: ['127.0.0.1'],
    });
    cleanups.push(() => server.close());
    const from = (address: string) => ({ ...json, 'x-forwarded-for': address });

    for (let i = 0; i < 3; i++)
      expect((await post(server.url, '/api/boards', from('10.0.0.1'), board)).status).toBe(201);
    const limited = await post(server.url, '/api/boards', from('10.0.0.1'), board);
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ code: 'rate-limited' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    const importLimited = await post(server.url, '/api/boards/import', from('10.0.0.1'), '{}');
    expect(importLimited.status).toBe(429);

    expect((await post(server.url, '/api/boards', from('10.0.0.2'), board)).status).toBe(201);
  });
});

describe('a server open to the network without ADMIN_TOKEN', () => {
  it('starts, says so in its log and tells the landing page; not on loopback, not with ADMIN_TOKEN', async () => {
    const lines: Array<{ message: string; event?: unknown }> = [];
    const open = await startTestServer({
      host: '0.0.0.0',
      log: (message, fields) => lines.push({ message, event: fields?.event }),
    });
    cleanups.push(() => open.close());
    const url = `http://127.0.0.1:${open.port}`;
    expect(await (await fetch(`${url}/api/server`)).json()).toEqual({ boardCreation: 'open-network' });
    const warning = lines.find((line) => line.event === 'security.open-board-creation');
    expect(warning?.message).toMatch(/anyone on the network can create and import boards/);

    const local = await startTestServer();
    cleanups.push(() => local.close());
    expect(await (await fetch(`${local.url}/api/server`)).json()).toEqual({ boardCreation: 'local' });
    const guarded = await startTestServer({ host: '0.0.0.0', adminToken: 'an-admin-token-long-enough' });
    cleanups.push(() => guarded.close());
    const guardedInfo = await fetch(`http://127.0.0.1:${guarded.port}/api/server`);
    expect(await guardedInfo.json()).toEqual({ boardCreation: 'token' });
  });
});
