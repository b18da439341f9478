import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as decoding from 'lib0/decoding';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { type RunningServer, type ServerOptions, startServer } from '../../server/main.js';
import type { Role } from '../../shared/roles.js';

export interface CreatedBoard {
  id: string;
  title: string;
  tokens: Record<Role, string>;
  links: Record<Role, string>;
}

export function tempDataDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'board-server-test-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface TestServer extends RunningServer {
  dataDir: string;
  wsUrl: string;
}

export async function startTestServer(
  options: Partial<ServerOptions> & { dataDir?: string } = {},
): Promise<TestServer> {
  const temp = options.dataDir ? null : tempDataDir();
  const dataDir = options.dataDir ?? temp!.dir;
  const running = await startServer({
    port: 0,
    host: '127.0.0.1',
    unloadDelayMs: 100,
    log: () => {},
    ...options,
    dataDir,
  });
  const close = async () => {
    await running.close();
    temp?.remove();
  };
  return { ...running, close, dataDir, wsUrl: `${running.url.replace(/^http/, 'ws')}/ws` };
}

export async function createBoard(baseUrl: string, title = 'テスト', headers: Record<string, string> = {}) {
  const response = await fetch(`${baseUrl}/api/boards`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify({ title }),
  });
  if (response.status !== 201) throw new Error(`create board: ${response.status} ${await response.text()}`);
  return (await response.json()) as CreatedBoard;
}

/** Waits until `condition` holds, polling; fails with `what` after `timeoutMs`. */
export async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export interface TestClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Reasons of the permission-denied messages received. */
  denied: string[];
  destroy(): void;
}

/** A stock WebsocketProvider in Node, as the issue prescribes. */
export function connectClient(
  wsUrl: string,
  room: string,
  token: string,
  doc = new Y.Doc(),
  params: Record<string, string> = {},
): TestClient {
  const provider = new WebsocketProvider(wsUrl, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: { token, ...params },
  });
  const denied: string[] = [];
  // The server's own voting message (type 100, docs/api.md): not what these tests look at.
  provider.messageHandlers[100] = () => {};
  provider.messageHandlers[2] = (_encoder, decoder) => {
    decoding.readVarUint(decoder); // sub-type: 0, permission denied
    denied.push(decoding.readVarString(decoder));
  };
  return {
    doc,
    provider,
    denied,
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

export async function connectSynced(
  wsUrl: string,
  room: string,
  token: string,
  doc?: Y.Doc,
  params: Record<string, string> = {},
): Promise<TestClient> {
  const client = connectClient(wsUrl, room, token, doc, params);
  await waitFor(() => client.provider.synced, `${room} to sync`);
  return client;
}

export interface Closed {
  code: number;
  reason: string;
}

/** A raw websocket, for frames the stock client would never send. */
export function rawSocket(url: string): { ws: WebSocket; opened: Promise<void>; closed: Promise<Closed> } {
  const ws = new WebSocket(url);
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const closed = new Promise<Closed>((resolve) => {
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() }));
  });
  ws.on('error', () => {});
  return { ws, opened, closed };
}
