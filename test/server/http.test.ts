import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBoard, startTestServer, type TestServer } from './helpers.js';

describe('HTTP API', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ publicUrl: 'https://board.example.jp/' });
  });
  afterAll(() => server.close());

  it('answers the health check', async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, storageFull: false, damagedDocuments: 0 });
  });

  it('creates a board with three secret links built from PUBLIC_URL', async () => {
    const response = await fetch(`${server.url}/api/boards`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ title: '  デジタル市役所  ' }),
    });
    expect(response.status).toBe(201);
    const body = await response.json();
    expect(body.id).toMatch(/^[A-Za-z0-9_-]{12}$/);
    expect(body.title).toBe('デジタル市役所');
    for (const role of ['facilitator', 'participant', 'viewer']) {
      expect(body.tokens[role]).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(body.links[role]).toBe(`https://board.example.jp/b/${body.id}#token=${body.tokens[role]}`);
    }
    expect(new Set(Object.values(body.tokens)).size).toBe(3);
  });

  it('refuses a body that is not JSON with a reason', async () => {
    const response = await fetch(`${server.url}/api/boards`, { method: 'POST', body: '{"title": ' });
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatch(/not valid JSON/);
  });

  it('refuses an empty or whitespace-only title, and one too long', async () => {
    for (const title of ['', '   ', 'x'.repeat(101)]) {
      const response = await fetch(`${server.url}/api/boards`, { method: 'POST', body: JSON.stringify({ title }) });
      expect(response.status).toBe(400);
      expect((await response.json()).error).toMatch(/title/);
    }
    const missing = await fetch(`${server.url}/api/boards`, { method: 'POST', body: '[1]' });
    expect(missing.status).toBe(400);
  });

  it('refuses a body over the size limit with 413', async () => {
    const response = await fetch(`${server.url}/api/boards`, {
      method: 'POST',
      body: JSON.stringify({ title: 'x'.repeat(70_000) }),
    });
    expect(response.status).toBe(413);
  });

  it('answers unknown routes with 404 JSON and wrong methods with 405 JSON', async () => {
    const unknown = await fetch(`${server.url}/api/nothing-here`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: 'not found' });
    const wrongMethod = await fetch(`${server.url}/api/boards`);
    expect(wrongMethod.status).toBe(405);
    expect((await wrongMethod.json()).error).toMatch(/POST/);
  });

  it('tells each token its role and what it may write', async () => {
    const board = await createBoard(server.url, '役割');
    const expected = {
      facilitator: { board: true, settings: true },
      participant: { board: true, settings: false },
      viewer: { board: false, settings: false },
    };
    for (const [role, canWrite] of Object.entries(expected)) {
      const response = await fetch(`${server.url}/api/boards/${board.id}/me`, {
        headers: { Authorization: `Bearer ${board.tokens[role as keyof typeof expected]}` },
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        boardId: board.id,
        title: '役割',
        role,
        person: null,
        canWrite,
        archived: false,
        damaged: false,
        through: null,
      });
    }
    const wrong = await fetch(`${server.url}/api/boards/${board.id}/me`, { headers: { Authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).error).toBeTruthy();
    const missing = await fetch(`${server.url}/api/boards/${board.id}/me`);
    expect(missing.status).toBe(401);
    const unknown = await fetch(`${server.url}/api/boards/AAAAAAAAAAAA/me`, {
      headers: { Authorization: `Bearer ${board.tokens.viewer}` },
    });
    expect(unknown.status).toBe(404);
  });
});

describe('HTTP API with ADMIN_TOKEN', () => {
  let server: TestServer;
  const adminToken = 'admin-secret-0123456789';
  beforeAll(async () => {
    server = await startTestServer({ adminToken });
  });
  afterAll(() => server.close());

  it('creates boards only for the bearer of the admin token', async () => {
    const body = JSON.stringify({ title: '管理' });
    const anonymous = await fetch(`${server.url}/api/boards`, { method: 'POST', body });
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).error).toMatch(/ADMIN_TOKEN/);
    const wrong = await fetch(`${server.url}/api/boards`, {
      method: 'POST',
      body,
      headers: { Authorization: 'Bearer admin-secret-wrong' },
    });
    expect(wrong.status).toBe(401);
    const admin = await fetch(`${server.url}/api/boards`, {
      method: 'POST',
      body,
      headers: { Authorization: `Bearer ${adminToken}` },
    });
    expect(admin.status).toBe(201);
    expect((await admin.json()).links.viewer).toMatch(new RegExp(`^http://localhost:${server.port}/b/`));
  });
});

describe('the built client', () => {
  let server: TestServer;
  let clientDir: string;
  beforeAll(async () => {
    clientDir = mkdtempSync(join(tmpdir(), 'client-dist-'));
    mkdirSync(join(clientDir, 'assets'));
    writeFileSync(join(clientDir, 'index.html'), '<!doctype html><title>board</title>');
    writeFileSync(join(clientDir, 'assets', 'app-1234.js'), 'console.log(1)');
    writeFileSync(join(clientDir, 'favicon.svg'), '<svg/>');
    server = await startTestServer({ clientDir });
  });
  afterAll(async () => {
    await server.close();
    rmSync(clientDir, { recursive: true, force: true });
  });

  it('serves index.html for / and every /b/ path, and files with their content type', async () => {
    for (const path of ['/', '/b/abcdefghijkl', '/b/abcdefghijkl/anything']) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await response.text()).toContain('<title>board</title>');
      // The browser may load and connect to nothing but this server.
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("connect-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    }
    const asset = await fetch(`${server.url}/assets/app-1234.js`);
    expect(asset.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(asset.headers.get('cache-control')).toMatch(/immutable/);
    const icon = await fetch(`${server.url}/favicon.svg`);
    expect(icon.headers.get('content-type')).toBe('image/svg+xml');
    expect(icon.headers.get('cache-control')).not.toMatch(/immutable/);
  });

  it('answers missing files and paths outside the client folder with 404 JSON', async () => {
    for (const path of ['/missing.js', '/assets/none.js', '/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fetc%2fpasswd']) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status, path).toBe(404);
      expect(await response.json()).toEqual({ error: 'not found' });
    }
  });
});
