/**
 * What the screenshot and print tools share: a real server on a free port with a throwaway data folder, a
 * board made through the HTTP API, its docs filled through stock WebsocketProviders (as any Yjs tool could),
 * and Chromium opening a view of it as the facilitator.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { startServer } from '../../server/main';
import { launchChromium } from '../browser/chromium';

export interface ToolBoard {
  id: string;
  tokens: Record<string, string>;
}

/** Runs `run` against the built client (dist/client) served on a free port; removes the data folder after. */
export async function withToolServer(run: (serverUrl: string) => Promise<void>): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'board-tool-'));
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    clientDir: resolve('dist/client'),
    log: () => {},
  });
  try {
    await run(server.url);
  } finally {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function createToolBoard(serverUrl: string, title: string): Promise<ToolBoard> {
  const response = await fetch(`${serverUrl}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title }),
  });
  if (!response.ok) throw new Error(`creating a board: ${response.status} ${await response.text()}`);
  return (await response.json()) as ToolBoard;
}

/**
 * Connects to the board's notes doc and settings doc as `token` (a participant by default), runs `edit` once
 * both are synced, leaves time for the updates to reach the server, and disconnects.
 */
export async function editBoardDocs(
  serverUrl: string,
  board: ToolBoard,
  edit: (notes: Y.Doc, settings: Y.Doc) => void,
  token = board.tokens.participant ?? '',
): Promise<void> {
  const wsUrl = `${serverUrl.replace('http', 'ws')}/ws`;
  const options = { WebSocketPolyfill: WebSocket as never, disableBc: true, params: { token } };
  const settings = new Y.Doc();
  const notes = new Y.Doc();
  const providers = [
    new WebsocketProvider(wsUrl, `${board.id}/settings`, settings, options),
    new WebsocketProvider(wsUrl, board.id, notes, options),
  ];
  try {
    // The machine may be busy with other work: wait up to 10 s, then say what did not happen.
    for (let i = 0; i < 400 && !providers.every((p) => p.synced); i++) await new Promise((r) => setTimeout(r, 25));
    if (!providers.every((p) => p.synced)) throw new Error(`board ${board.id} did not sync`);
    edit(notes, settings);
    await new Promise((r) => setTimeout(r, 500));
  } finally {
    for (const provider of providers) provider.destroy();
  }
}

/** Chromium with one page whose person is named 進行役 (so no name prompt covers the board). */
export async function openToolBrowser(viewport: {
  width: number;
  height: number;
}): Promise<{ browser: Browser; page: Page }> {
  const browser = await launchChromium();
  const context = await browser.newContext({ viewport });
  await context.addInitScript(() => window.localStorage.setItem('board.identity.name', '進行役'));
  return { browser, page: await context.newPage() };
}

/**
 * Opens the board as its facilitator (`search` such as '?view=matrix') and waits until it is drawn, then
 * `settleMs` more for fonts and late layout.
 */
export async function openBoard(
  page: Page,
  serverUrl: string,
  board: ToolBoard,
  search = '',
  settleMs = 300,
): Promise<void> {
  await page.goto(`${serverUrl}/b/${board.id}${search}#token=${board.tokens.facilitator}`);
  await page.waitForFunction(() => performance.getEntriesByName('board-ready').length > 0);
  await page.waitForTimeout(settleMs);
}
