import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer } from './helpers.js';

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface RawAnswer {
  status: number;
  headers: Map<string, string>;
}

/** Sends bytes as written (nothing a client library would refuse to send) and reads the answer's head. */
function sendRaw(url: string, bytes: string, tls = false): Promise<RawAnswer> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = tls
      ? tlsConnect({ host: hostname, port: Number(port), rejectUnauthorized: false })
      : connect(Number(port), hostname);
    let text = '';
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head = ''] = text.split('\r\n\r\n');
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers = new Map<string, string>();
      for (const line of lines) {
        const colon = line.indexOf(':');
        headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
      }
      resolve({ status: Number(statusLine.split(' ')[1]), headers });
    });
    socket.write(bytes);
  });
}

function expectSecurityHeaders(headers: Map<string, string> | Headers, what: string): void {
  expect(headers.get('x-content-type-options'), what).toBe('nosniff');
  expect(headers.get('referrer-policy'), what).toBe('no-referrer');
  expect(headers.get('x-frame-options'), what).toBe('DENY');
  expect(headers.get('content-security-policy'), what).toMatch(/frame-ancestors 'none'/);
  expect(headers.get('permissions-policy'), what).toMatch(/camera=\(\)/);
  expect(headers.get('permissions-policy'), what).toMatch(/microphone=\(\)/);
  expect(headers.get('permissions-policy'), what).toMatch(/geolocation=\(\)/);
}

describe('security headers on every answer', () => {
  it('sends them with the 400 of a malformed request, an over-long header and an upgrade to an unknown path', async () => {
    const server = await startTestServer();
    cleanups.push(() => server.close());
    const malformed = await sendRaw(server.url, 'GARBAGE / HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(malformed.status).toBe(400);
    expectSecurityHeaders(malformed.headers, 'malformed request');
    const badHeader = await sendRaw(server.url, 'GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n');
    expect(badHeader.status).toBe(400);
    expectSecurityHeaders(badHeader.headers, 'malformed header');
    const huge = await sendRaw(server.url, `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(huge.status).toBe(431);
    expectSecurityHeaders(huge.headers, 'header too large');
    const upgrade = await sendRaw(
      server.url,
      'GET /elsewhere HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
    );
    expect(upgrade.status).toBe(404);
    expectSecurityHeaders(upgrade.headers, 'upgrade to an unknown path');
    // Plain HTTP: no HSTS (it would be ignored, and wrong on a LAN without TLS).
    expect(malformed.headers.get('strict-transport-security')).toBeUndefined();

    const page = await fetch(`${server.url}/nothing-here`);
    expect(page.status).toBe(404);
    expectSecurityHeaders(page.headers, 'a 404');
    expect(page.headers.get('permissions-policy')).toMatch(/clipboard-write=\(self\)/);
  });

  it.skipIf(!hasOpenssl())('adds HSTS over TLS, to the malformed request too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'board-hsts-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const [key, cert] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
      ],
      { stdio: 'ignore' },
    );
    const server = await startTestServer({ tls: { cert, key } });
    cleanups.push(() => server.close());
    const health = await sendRaw(server.url, 'GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', true);
    expect(health.status).toBe(200);
    expect(health.headers.get('strict-transport-security')).toBe('max-age=31536000');
    expectSecurityHeaders(health.headers, 'https health');
    const malformed = await sendRaw(server.url, 'GARBAGE / HTTP/1.1\r\n\r\n', true);
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('strict-transport-security')).toBe('max-age=31536000');
    expectSecurityHeaders(malformed.headers, 'https malformed request');
  });
});

function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
