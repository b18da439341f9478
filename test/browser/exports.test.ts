import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './axe';
import { downloadFrom, openExportDialog } from './exportDownloads';
import { absent, addNoteByTyping, BrowserHarness, noteItem, shown } from './harness';

const CITIZEN = '市民サービスの向上';
const DOCUMENT_BUTTONS = [/^Word（実施計画\(案\)）/, /^Excel/, /^CSV 付箋/, /^CSV 取組案/, /^Markdown（議事録向け）/];

describe('exports and printing (client)', () => {
  const harness = new BrowserHarness();
  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  it('lets the facilitator download the JSON backup from the export dialog, busy until the file is saved', async () => {
    const board = await harness.createBoard('書き出しの部会');
    const page = await harness.openBoard(board, 'facilitator', { name: '進行役' });
    await addNoteByTyping(page, CITIZEN, '課題', '控えに残る付箋');
    const dialog = await openExportDialog(page);
    for (const name of [...DOCUMENT_BUTTONS, /^JSON バックアップ/]) {
      await shown(dialog.getByRole('button', { name }));
    }

    // The server's answer is held back until the busy state has been seen (no timing involved).
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let reached = () => {};
    const reachedServer = new Promise<void>((resolve) => {
      reached = resolve;
    });
    const isExport = (url: URL) => url.pathname.endsWith('/export');
    await page.route(isExport, async (route) => {
      reached();
      await held;
      await route.continue();
    });
    const downloading = page.waitForEvent('download');
    const json = dialog.getByRole('button', { name: /^JSON バックアップ/ });
    await json.click();
    await reachedServer;
    await shown(dialog.getByRole('button', { name: 'JSON バックアップ 作成中…' }));
    expect(await json.getAttribute('aria-busy')).toBe('true');
    expect(await json.getAttribute('aria-disabled')).toBe('true');
    // Busy, the button keeps the keyboard focus (a disabled button would drop it to the page)...
    const focusedLabel = () => page.evaluate(() => document.activeElement?.textContent ?? '');
    expect(await focusedLabel()).toMatch(/^JSON バックアップ/);
    // ...and pressing it again starts nothing (the route would be reached a second time).
    let requests = 0;
    page.on('request', (request) => {
      if (isExport(new URL(request.url()))) requests++;
    });
    await page.keyboard.press('Enter');
    // force: Playwright waits for an aria-disabled button to become enabled; a person can still press it.
    await json.click({ force: true });
    expect(await focusedLabel()).toMatch(/^JSON バックアップ/);
    await shown(dialog.getByRole('status').filter({ hasText: 'JSON バックアップを作成しています…' }));
    // The board stays usable meanwhile: the dialog closes and a note can be written.
    await dialog.getByRole('button', { name: '閉じる' }).click();
    await addNoteByTyping(page, CITIZEN, '課題', '書き出し中に書いた付箋');
    await shown(noteItem(page, '書き出し中に書いた付箋'));
    release();

    const download = await downloading;
    expect(requests, 'pressing the busy button started another export').toBe(0);
    // Told as a toast, since the dialog was closed by then.
    await shown(page.getByText('JSON バックアップを書き出しました', { exact: false }));
    const backup = JSON.parse(readFileSync((await download.path()) ?? '', 'utf8')) as {
      format: string;
      board: { id: string; title: string };
    };
    expect(backup.format).toBe('digital-city-hall-board');
    expect(backup.board.id).toBe(board.id);
    expect(backup.board.title).toBe('書き出しの部会');
    await page.unroute(isExport);

    // With the dialog open, the end is announced in its live region.
    const again = await openExportDialog(page);
    const second = await downloadFrom(page, /^JSON バックアップ/);
    expect(second.filename).toMatch(/\.json$/);
    await shown(again.getByRole('status').filter({ hasText: 'JSON バックアップを書き出しました' }));
    expect(await again.getByRole('button', { name: /^JSON バックアップ/ }).getAttribute('aria-busy')).toBe('false');
  });

  it('offers participants the documents only while the facilitator allows it, and never the JSON backup', async () => {
    const board = await harness.createBoard();
    const facilitator = await harness.openBoard(board, 'facilitator', { name: '進行役' });
    const participant = await harness.openBoard(board, 'participant', { name: '佐藤' });
    const viewer = await harness.openBoard(board, 'viewer', { name: '見学' });
    const participantDialog = await openExportDialog(participant);
    const viewerDialog = await openExportDialog(viewer);
    await shown(participantDialog.getByText('ファシリテーターが許可すると使えます', { exact: false }));
    expect(await participantDialog.getByRole('button', { name: DOCUMENT_BUTTONS[0] }).count()).toBe(0);
    expect(await participantDialog.getByRole('checkbox').count()).toBe(0);

    const facilitatorDialog = await openExportDialog(facilitator);
    const allow = facilitatorDialog.getByRole('checkbox', { name: '参加者も閲覧用の書き出しを使える' });
    expect(await allow.isChecked()).toBe(false);
    await allow.check();
    // Live: the participant's and the viewer's open dialogs follow the settings document.
    for (const dialog of [participantDialog, viewerDialog]) {
      for (const name of DOCUMENT_BUTTONS) await shown(dialog.getByRole('button', { name }));
      expect(await dialog.getByRole('button', { name: /^JSON バックアップ/ }).count()).toBe(0);
    }
    await allow.uncheck();
    await absent(participantDialog.getByRole('button', { name: DOCUMENT_BUTTONS[0] }));
    await shown(viewerDialog.getByText('ファシリテーターが許可すると使えます', { exact: false }));
  });

  it('has no serious accessibility violations in the open export dialog', async () => {
    const board = await harness.createBoard();
    const page = await harness.openBoard(board, 'facilitator', { name: '進行役' });
    const dialog = await openExportDialog(page);
    await shown(dialog.getByRole('checkbox', { name: '参加者も閲覧用の書き出しを使える' }));
    expect(await seriousViolations(page)).toEqual([]);
    // Keyboard: Escape closes it and focus returns to the header button.
    await page.keyboard.press('Escape');
    await absent(dialog);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('書き出し・印刷');
  });

  it('prints the board and the matrix without the chrome, notes and title on the paper', async () => {
    const board = await harness.createBoard('印刷の部会');
    const page = await harness.openBoard(board, 'facilitator', { name: '進行役' });
    await addNoteByTyping(page, CITIZEN, '課題', '紙に載る付箋');
    const display = (selector: string) =>
      page
        .locator(selector)
        .first()
        .evaluate((element) => getComputedStyle(element).display);

    await page.emulateMedia({ media: 'print' });
    for (const chrome of ['.view-tabs', '.board-header-tools', '.quick-entry']) {
      expect(await display(chrome), chrome).toBe('none');
    }
    expect(await display('.print-stamp')).not.toBe('none');
    await shown(page.getByText('印刷日：', { exact: false }));
    await shown(page.getByRole('heading', { name: '印刷の部会', level: 1 }));
    await shown(noteItem(page, '紙に載る付箋'));
    expect(await noteItem(page, '紙に載る付箋').evaluate((note) => getComputedStyle(note).boxShadow)).toBe('none');
    await page.emulateMedia({ media: 'screen' });
    expect(await display('.print-stamp')).toBe('none');
    expect(await display('.view-tabs')).not.toBe('none');

    // 印刷 in the dialog switches to the chosen view first (window.print returns at once in headless Chromium).
    const dialog = await openExportDialog(page);
    await dialog.getByRole('combobox', { name: '印刷する表示' }).selectOption({ label: '優先度マトリクス' });
    await dialog.getByRole('combobox', { name: '用紙' }).selectOption({ label: 'A3 横' });
    await dialog.getByRole('button', { name: '印刷', exact: true }).click();
    await absent(dialog);
    await shown(page.getByRole('tab', { name: '優先度マトリクス', selected: true }));
    expect(new URL(page.url()).searchParams.get('view')).toBe('matrix');

    await page.emulateMedia({ media: 'print' });
    for (const chrome of ['.view-tabs', '.board-header-tools', '.matrix-edit-labels', '.matrix-card-place']) {
      expect(await display(chrome), chrome).toBe('none');
    }
    await shown(page.getByRole('heading', { name: '印刷の部会', level: 1 }));
    await shown(page.locator('.matrix-card').filter({ hasText: '紙に載る付箋' }));
    await page.emulateMedia({ media: 'screen' });
    expect(harness.pageErrors).toEqual([]);
  });

  it('tells when an export failed, and the button can be pressed again', async () => {
    const board = await harness.createBoard();
    const page = await harness.openBoard(board, 'facilitator', { name: '進行役' });
    const dialog = await openExportDialog(page);
    await harness.stopServer();
    try {
      await dialog.getByRole('button', { name: /^JSON バックアップ/ }).click();
      await shown(dialog.getByRole('status').filter({ hasText: 'サーバーに接続できません' }));
      expect(await dialog.getByRole('button', { name: /^JSON バックアップ/ }).isEnabled()).toBe(true);
    } finally {
      await harness.resumeServer();
    }
  });
});
