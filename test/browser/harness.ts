import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { type RunningServer, type ServerOptions, startServer } from '../../server/main';
import { launchChromium } from './chromium';

export interface CreatedBoard {
  id: string;
  title: string;
  tokens: { facilitator: string; participant: string; viewer: string };
  links: { facilitator: string; participant: string; viewer: string };
}

/** A real server on a free loopback port, with its own data folder, and a real Chromium. */
export class BrowserHarness {
  server!: RunningServer;
  browser!: Browser;
  private dataDir = '';
  private contexts: BrowserContext[] = [];
  /** Requests any page made to somewhere other than our server (must stay empty: closed network). */
  readonly externalRequests: string[] = [];
  readonly pageErrors: string[] = [];

  /** `serverOptions`: e.g. other limits for this file's server. */
  constructor(private readonly serverOptions: Partial<ServerOptions> = {}) {}

  async start(): Promise<this> {
    this.dataDir = mkdtempSync(join(tmpdir(), 'board-browser-'));
    this.server = await this.listen(0);
    this.browser = await launchChromium();
    return this;
  }

  private listen(port: number): Promise<RunningServer> {
    return startServer({
      port,
      host: '127.0.0.1',
      dataDir: this.dataDir,
      clientDir: resolve('dist/client'),
      unloadDelayMs: 200,
      log: () => {},
      ...this.serverOptions,
    });
  }

  /** Stops the server (its clients see the connection drop); `resumeServer` brings it back on the same port. */
  async stopServer(): Promise<void> {
    await this.server.close();
  }

  /** `emptyData`: come back with an empty data folder, as if the boards had been deleted. */
  async resumeServer(options: { emptyData?: boolean } = {}): Promise<void> {
    if (options.emptyData) {
      rmSync(this.dataDir, { recursive: true, force: true });
      this.dataDir = mkdtempSync(join(tmpdir(), 'board-browser-'));
    }
    this.server = await this.listen(this.server.port);
  }

  async stop(): Promise<void> {
    for (const context of this.contexts) await context.close().catch(() => {});
    await this.browser?.close();
    await this.server?.close();
    if (this.dataDir) rmSync(this.dataDir, { recursive: true, force: true });
  }

  async createBoard(title = '庁内部会'): Promise<CreatedBoard> {
    const response = await fetch(`${this.server.url}/api/boards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title }),
    });
    if (response.status !== 201) throw new Error(`create board: ${response.status}`);
    return (await response.json()) as CreatedBoard;
  }

  /** Opens a board in a fresh browser context as a person with a remembered display name (`token`: a personal link's). */
  async openBoard(
    board: CreatedBoard,
    role: keyof CreatedBoard['tokens'],
    options: {
      name?: string;
      lang?: 'ja' | 'en';
      recordRenders?: boolean;
      touch?: boolean;
      token?: string;
      /** Open the board through another address of the server (e.g. a proxy that can be cut). */
      origin?: string;
      /** A browser without IndexedDB (as some private modes): no offline copy. */
      noIndexedDb?: boolean;
      /** The window's size (1400×900 unless told: e.g. the city-hall laptop's 1366×768). */
      viewport?: { width: number; height: number };
      /** Called with the page before it opens the board (e.g. to watch its requests from the first). */
      beforeOpen?: (page: Page) => Promise<void> | void;
    } = {},
  ): Promise<Page> {
    const context = await this.browser.newContext({
      viewport: options.viewport ?? { width: 1400, height: 900 },
      hasTouch: options.touch ?? false,
    });
    this.contexts.push(context);
    await context.addInitScript(
      ({ name, recordRenders }) => {
        if (name) window.localStorage.setItem('board.identity.name', name);
        if (recordRenders) (window as unknown as { __recordRenders: boolean }).__recordRenders = true;
      },
      { name: options.name ?? '山田', recordRenders: options.recordRenders ?? false },
    );
    if (options.noIndexedDb) {
      await context.addInitScript(() => Object.defineProperty(window, 'indexedDB', { value: undefined }));
    }
    const page = await context.newPage();
    const origin = new URL(options.origin ?? this.server.url).origin;
    page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(origin) && !url.startsWith(origin.replace('http', 'ws')) && !url.startsWith('data:')) {
        this.externalRequests.push(url);
      }
    });
    page.on('pageerror', (error) => this.pageErrors.push(error.message));
    await options.beforeOpen?.(page);
    const base = `${origin}/b/${board.id}${options.lang ? `?lang=${options.lang}` : ''}`;
    await page.goto(`${base}#token=${options.token ?? board.tokens[role]}`);
    await page.waitForFunction(() => performance.getEntriesByName('board-ready').length > 0, null, {
      timeout: 20_000,
    });
    // A test that counts renders starts counting once the board is shown whole: the render that adds every
    // lane's remaining notes (a transition after `board-ready`) comes later on a busy machine, and would count.
    if (options.recordRenders) await rendersSettled(page);
    return page;
  }
}

/**
 * Waits until the board is shown whole (`board-complete`) and a frame passes with no component rendering: what the
 * page renders after that is caused by what the test does next.
 */
export async function rendersSettled(page: Page): Promise<void> {
  await page.waitForFunction(() => performance.getEntriesByName('board-complete').length > 0, null, {
    timeout: 20_000,
  });
  await page.evaluate(async () => {
    const total = () => Object.values(window.__renderCounts ?? {}).reduce((sum, count) => sum + count, 0);
    const afterFrame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    for (let seen = -1; seen !== total(); ) {
      seen = total();
      await afterFrame();
    }
  });
}

/** The quick-entry field of one lane, by its accessible name. */
export function quickEntry(page: Page, pillar: string, lane: string) {
  return page.getByRole('textbox', { name: `「${pillar} ${lane}」に書く（Enterで追加）` });
}

export function noteItem(page: Page, text: string) {
  return page.getByRole('listitem', { name: `付箋: ${text}` });
}

export function laneRegion(page: Page, pillar: string, lane: string) {
  return page.getByRole('region', { name: `${pillar} — ${lane}` });
}

type Waitable = {
  waitFor(options: { state: 'visible' | 'detached' | 'attached' | 'hidden'; timeout?: number }): Promise<void>;
};

/** Waits until the element is shown (fails the test after 10 s). */
export function shown(locator: Waitable): Promise<void> {
  return locator.waitFor({ state: 'visible', timeout: 10_000 });
}

/** Waits until no such element is in the page (fails the test after 10 s). */
export function absent(locator: Waitable): Promise<void> {
  return locator.waitFor({ state: 'detached', timeout: 10_000 });
}

/** Types a note into a lane's quick-entry field and presses Enter, as a person would. */
export async function addNoteByTyping(page: Page, pillar: string, lane: string, text: string): Promise<void> {
  await quickEntry(page, pillar, lane).fill(text);
  await quickEntry(page, pillar, lane).press('Enter');
}

/** A note's 「…」 button, which opens its actions menu. */
export function noteMenuButton(page: Page, noteText: string) {
  return noteItem(page, noteText).getByRole('button', { name: /^付箋「.*」の操作$/ });
}

/** Opens a note's actions menu with a click on its 「…」 button; returns the menu. */
export async function openNoteMenu(page: Page, noteText: string) {
  await noteMenuButton(page, noteText).click();
  const menu = page.getByRole('menu');
  await shown(menu);
  return menu;
}

/** Runs one of a note's actions (編集, 移動…, グループにする…, 削除...) from its menu, as a person clicking. */
export async function noteAction(page: Page, noteText: string, action: string): Promise<void> {
  const menu = await openNoteMenu(page, noteText);
  await menu.getByRole('menuitem', { name: action, exact: true }).click();
}

/** Switches one of a note's on/off actions (注目, いいね, 質問あり) from its menu. */
export async function noteToggle(page: Page, noteText: string, action: string): Promise<void> {
  const menu = await openNoteMenu(page, noteText);
  await menu.getByRole('menuitemcheckbox', { name: action, exact: true }).click();
}

/** Opens a note's in-place editor from its menu (編集); returns the editor's text field. */
export async function openEditor(page: Page, noteText: string) {
  await noteAction(page, noteText, '編集');
  return page.getByRole('textbox', { name: '付箋の本文を編集' });
}

/** The facilitator's header menu button (ファシリテーター, or Facilitator in English). */
export function facilitatorMenuButton(page: Page, menuName = 'ファシリテーター') {
  return page.getByRole('banner').getByRole('button', { name: menuName, exact: true });
}

/** Opens the facilitator's header menu with a click; returns the menu. */
export async function openFacilitatorMenu(page: Page, menuName = 'ファシリテーター') {
  await facilitatorMenuButton(page, menuName).click();
  const menu = page.getByRole('menu', { name: menuName });
  await shown(menu);
  return menu;
}

/**
 * Opens a tool of the board's header by its name: the facilitator's tools (ボードの設定, メンバーとリンク, 操作履歴,
 * ボードをロック…, listed by `facilitatorTools`) through the ファシリテーター menu, any other by its button.
 */
export async function openHeaderTool(
  page: Page,
  name: string | RegExp,
  facilitatorTools: readonly string[],
  menuName = 'ファシリテーター',
): Promise<void> {
  if (typeof name === 'string' && facilitatorTools.includes(name)) return facilitatorTool(page, name, menuName);
  await page.getByRole('button', { name, exact: typeof name === 'string' }).click();
}

/** Runs one of the facilitator's tools (ボードの設定, メンバーとリンク, 操作履歴, ボードをロック...) from the header menu. */
export async function facilitatorTool(page: Page, tool: string, menuName = 'ファシリテーター'): Promise<void> {
  const menu = await openFacilitatorMenu(page, menuName);
  await menu.getByRole('menuitem', { name: tool, exact: true }).click();
}
