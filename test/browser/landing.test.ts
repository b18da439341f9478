import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserHarness, facilitatorMenuButton, shown } from './harness';
import { composeJapanese } from './ime';

describe('landing page', () => {
  const harness = new BrowserHarness();
  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  it('creates a board, shows its three links, opens it and lists it as recently opened', async () => {
    const context = await harness.browser.newContext();
    await context.addInitScript(() => window.localStorage.setItem('board.identity.name', '進行役'));
    const page = await context.newPage();
    await page.goto(harness.server.url);
    await page.getByRole('button', { name: 'ボードを作成' }).click();
    await shown(page.getByRole('alert').filter({ hasText: '名前を入力してください' }));

    await page.getByRole('textbox', { name: 'ボードの名前' }).fill('デジタル市役所 庁内部会');
    await page.getByRole('button', { name: 'ボードを作成' }).click();
    await shown(page.getByRole('heading', { name: 'ボードができました' }));
    const links = await Promise.all(
      [
        'ファシリテーター用リンク（設定も変更できます）',
        '参加者用リンク（付箋を書き込めます）',
        '閲覧用リンク（見るだけ）',
      ].map((name) => page.getByRole('textbox', { name }).inputValue()),
    );
    for (const link of links) expect(link).toMatch(/\/b\/[A-Za-z0-9_-]+#token=[A-Za-z0-9_-]{22}$/);
    expect(new Set(links).size).toBe(3);

    await page.getByRole('link', { name: 'ファシリテーターとして開く' }).click();
    await shown(page.getByRole('heading', { name: 'デジタル市役所 庁内部会', level: 1 }));
    await shown(facilitatorMenuButton(page));

    await page.getByRole('link', { name: 'トップへ' }).click();
    await shown(page.getByRole('link', { name: 'デジタル市役所 庁内部会' }));
    await context.close();
  });

  it('does not submit the form on the Enter that confirms an IME conversion', async () => {
    const context = await harness.browser.newContext();
    const page = await context.newPage();
    await page.goto(harness.server.url);
    await page.getByRole('textbox', { name: 'ボードの名前' }).focus();
    await composeJapanese(page, ['ちょう', '庁内', '庁内ぶかい', '庁内部会'], '庁内部会');
    expect(await page.getByRole('textbox', { name: 'ボードの名前' }).inputValue()).toBe('庁内部会');
    expect(await page.getByRole('heading', { name: 'ボードができました' }).count()).toBe(0);
    await page.keyboard.press('Enter');
    await shown(page.getByRole('heading', { name: 'ボードができました' }));
    await context.close();
  });
});
