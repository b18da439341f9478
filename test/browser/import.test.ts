import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addNoteByTyping, BrowserHarness, noteItem, shown } from './harness';

// The first two tests need POST /api/boards/import (the server branch of issue 6); the last one is the
// client's own check and passes on main.

const CITIZEN = '市民サービスの向上';

describe('import a backup as a new board (landing page)', () => {
  const harness = new BrowserHarness();
  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  async function landingPage() {
    const context = await harness.browser.newContext();
    await context.addInitScript(() => window.localStorage.setItem('board.identity.name', '進行役'));
    const page = await context.newPage();
    const importRequests: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/api/boards/import')) importRequests.push(request.method());
    });
    await page.goto(harness.server.url);
    return { page, importRequests, file: page.getByLabel('バックアップファイル（.json）') };
  }

  async function backupOf(boardId: string, token: string): Promise<string> {
    const response = await fetch(`${harness.server.url}/api/boards/${boardId}/export?format=json`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    return response.text();
  }

  it('creates a new board from a backup, shows its links and opens it with the notes', async () => {
    const original = await harness.createBoard('元のボード');
    const facilitator = await harness.openBoard(original, 'facilitator', { name: '進行役' });
    await addNoteByTyping(facilitator, CITIZEN, '課題', '引き継がれる付箋');
    await shown(noteItem(facilitator, '引き継がれる付箋'));
    const backup = await backupOf(original.id, original.tokens.facilitator);

    const { page, file } = await landingPage();
    await file.setInputFiles({ name: 'backup.json', mimeType: 'application/json', buffer: Buffer.from(backup) });
    await page.getByRole('button', { name: 'バックアップを読み込む' }).click();
    await shown(page.getByRole('heading', { name: 'ボードができました' }));
    const link = await page
      .getByRole('textbox', { name: 'ファシリテーター用リンク（設定も変更できます）' })
      .inputValue();
    expect(link).toMatch(/\/b\/[A-Za-z0-9_-]+#token=/);
    expect(link).not.toContain(original.id);
    await page.getByRole('link', { name: 'ファシリテーターとして開く' }).click();
    await shown(page.getByRole('heading', { name: '元のボード', level: 1 }));
    await shown(noteItem(page, '引き継がれる付箋'));
  });

  it('shows the server’s refusal of a file that is not a backup, or is cut off, and creates nothing', async () => {
    const original = await harness.createBoard('元のボード');
    const backup = await backupOf(original.id, original.tokens.facilitator);
    const { page, file } = await landingPage();
    const submit = page.getByRole('button', { name: 'バックアップを読み込む' });
    const refusals: [string, string][] = [
      ['{"hello": "world"}', 'このファイルはボードのバックアップではありません'],
      [backup.slice(0, Math.floor(backup.length / 2)), '途中で切れているか、壊れています'],
    ];
    for (const [content, message] of refusals) {
      const answer = page.waitForResponse((response) => response.url().endsWith('/api/boards/import'));
      await file.setInputFiles({ name: 'backup.json', mimeType: 'application/json', buffer: Buffer.from(content) });
      await submit.click();
      expect((await answer).status()).toBe(400);
      await shown(page.getByRole('alert').filter({ hasText: message }));
    }
    expect(await page.getByRole('heading', { name: 'ボードができました' }).count()).toBe(0);
    await shown(page.getByText('まだありません。リンクを開くとここに表示されます。'));
  });

  it('refuses a file that is not .json, or none, before sending anything', async () => {
    const { page, file, importRequests } = await landingPage();
    const submit = page.getByRole('button', { name: 'バックアップを読み込む' });
    await submit.click();
    await shown(page.getByRole('alert').filter({ hasText: 'バックアップファイルを選んでください。' }));
    await file.setInputFiles({ name: 'メモ.txt', mimeType: 'text/plain', buffer: Buffer.from('付箋のメモ') });
    await submit.click();
    await shown(page.getByRole('alert').filter({ hasText: '「メモ.txt」は読み込めません' }));
    expect(await file.getAttribute('aria-invalid')).toBe('true');
    expect(importRequests).toEqual([]);
    expect(await page.getByRole('heading', { name: 'ボードができました' }).count()).toBe(0);
  });
});
