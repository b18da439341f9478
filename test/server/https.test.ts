import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { addNote } from '../../shared/ops/notes.js';
import { getNote } from '../../shared/selectors.js';
import { createBoard, startTestServer, type TestServer, waitFor } from './helpers.js';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One request sent as written (no URL normalisation), over HTTP or, with `ca`, HTTPS. */
function send(
  base: string,
  path: string,
  options: { method?: string; body?: string; headers?: Record<string, string>; ca?: Buffer } = {},
): Promise<Answer> {
  const request = options.ca ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(`${base}/`, {
      path,
      method: options.method ?? 'GET',
      headers: options.headers,
      ca: options.ca,
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }),
      );
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

function expectSecurityHeaders(answer: Answer, what: string): void {
  expect(answer.headers['x-content-type-options'], what).toBe('nosniff');
  expect(answer.headers['referrer-policy'], what).toBe('no-referrer');
  expect(answer.headers['x-frame-options'], what).toBe('DENY');
  const csp = String(answer.headers['content-security-policy']);
  expect(csp, what).toMatch(/default-src 'self'/);
  expect(csp, what).toMatch(/script-src 'self'(;|$)/); // no inline scripts, no other origin
  expect(csp, what).toMatch(/frame-ancestors 'none'/);
  expect(csp, what).toMatch(/connect-src 'self' ws:\/\/127\.0\.0\.1:\d+ wss:\/\/127\.0\.0\.1:\d+;/);
}

describe('security headers and static files', () => {
  let server: TestServer;
  let root: string;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'board-static-'));
    const clientDir = join(root, 'client');
    mkdirSync(join(clientDir, 'assets'), { recursive: true });
    writeFileSync(join(clientDir, 'index.html'), '<!doctype html><title>board</title>');
    writeFileSync(join(clientDir, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(root, 'secret.txt'), 'TOP-SECRET');
    server = await startTestServer({ clientDir, limits: { maxBodyBytes: 1000 } });
  });
  afterAll(async () => {
    await server.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('sends the security headers with every answer: pages, files, API, JSON errors', async () => {
    const board = await createBoard(server.url);
    const json = { 'Content-Type': 'application/json' };
    const answers: Array<[string, Answer]> = [
      ['page', await send(server.url, '/')],
      ['board page', await send(server.url, `/b/${board.id}`)],
      ['asset', await send(server.url, '/assets/app.js')],
      ['health', await send(server.url, '/healthz')],
      ['create', await send(server.url, '/api/boards', { method: 'POST', body: '{"title":"t"}', headers: json })],
      ['400', await send(server.url, '/api/boards', { method: 'POST', body: '{', headers: json })],
      ['401', await send(server.url, `/api/boards/${board.id}/me`)],
      ['404', await send(server.url, '/nothing-here')],
      ['405', await send(server.url, '/api/boards')],
      ['413', await send(server.url, '/api/boards', { method: 'POST', body: 'x'.repeat(2000), headers: json })],
    ];
    expect(answers.map(([what, answer]) => [what, answer.status])).toEqual([
      ['page', 200],
      ['board page', 200],
      ['asset', 200],
      ['health', 200],
      ['create', 201],
      ['400', 400],
      ['401', 401],
      ['404', 404],
      ['405', 405],
      ['413', 413],
    ]);
    for (const [what, answer] of answers) expectSecurityHeaders(answer, what);
  });

  it('answers an oversized body with 413 and the limit (MAX_BODY_BYTES)', async () => {
    const answer = await send(server.url, '/api/boards', { method: 'POST', body: 'x'.repeat(2000) });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toEqual({ error: 'request body over 1000 bytes' });
  });

  it('never serves a file outside the client directory, however the path is spelled', async () => {
    const paths = [
      '/../secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e/secret.txt',
      '/%2e%2e%2fsecret.txt',
      '/assets/../../secret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/..%5csecret.txt',
      '/%2e%2e%5c%2e%2e%5csecret.txt',
      `/${encodeURIComponent(join(root, 'secret.txt'))}`,
      '/%00../secret.txt',
      '/%',
    ];
    for (const path of paths) {
      const answer = await send(server.url, path);
      expect(answer.body, path).not.toContain('TOP-SECRET');
      expect([400, 404], path).toContain(answer.status);
      expectSecurityHeaders(answer, path);
    }
  });
});

function openssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe.skipIf(!openssl())('HTTPS (TLS_CERT, TLS_KEY)', () => {
  let server: TestServer;
  let dir: string;
  let ca: Buffer;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'board-tls-'));
    const [key, cert] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
    // A self-signed certificate made for this test, for 127.0.0.1.
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1'].concat([
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ]),
      { stdio: 'ignore' },
    );
    ca = readFileSync(cert);
    server = await startTestServer({ tls: { cert, key } });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the API over HTTPS with the security headers, and links start with https://', async () => {
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const health = await send(server.url, '/healthz', { ca });
    expect(health.status).toBe(200);
    expectSecurityHeaders(health, 'https health');
    const created = await send(server.url, '/api/boards', {
      ca,
      method: 'POST',
      body: '{"title":"安全"}',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(created.status).toBe(201);
    expect(JSON.parse(created.body).links.participant).toMatch(/^https:\/\/localhost:\d+\/b\//);
    // Plain HTTP on the HTTPS port gets no answer of ours.
    await expect(send(server.url.replace('https:', 'http:'), '/healthz')).rejects.toThrow();
  });

  it('syncs two stock clients over wss://', async () => {
    const board = await createBoardOverHttps(server.url, ca);
    // The stock client cannot be handed a CA: give it a WebSocket that trusts the test certificate.
    class TrustingWebSocket extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols, { ca });
      }
    }
    const wsUrl = `${server.url.replace(/^https/, 'wss')}/ws`;
    const connect = () => {
      const doc = new Y.Doc();
      const provider = new WebsocketProvider(wsUrl, board.id, doc, {
        WebSocketPolyfill: TrustingWebSocket as unknown as typeof globalThis.WebSocket,
        disableBc: true,
        params: { token: board.tokens.participant },
      });
      return { doc, provider };
    };
    const alice = connect();
    const bob = connect();
    await waitFor(() => alice.provider.synced && bob.provider.synced, 'both clients to sync over wss');
    addNote(alice.doc, { id: 'tls', pillarId: 'p', lane: 'idea', text: '暗号化', author: 'a' });
    await waitFor(() => getNote(bob.doc, 'tls') !== null, 'bob to receive the note over wss');
    for (const client of [alice, bob]) {
      client.provider.destroy();
      client.doc.destroy();
    }
  });
});

async function createBoardOverHttps(base: string, ca: Buffer) {
  const answer = await send(base, '/api/boards', {
    ca,
    method: 'POST',
    body: '{"title":"wss"}',
    headers: { 'Content-Type': 'application/json' },
  });
  return JSON.parse(answer.body) as Awaited<ReturnType<typeof createBoard>>;
}
