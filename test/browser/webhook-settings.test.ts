import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChatReceiver } from '../server/chatReceiver';
import { addNoteByTyping, BrowserHarness, facilitatorTool, shown } from './harness';

describe('チャットへの定期送信 in ボードの設定', () => {
  let chat: Awaited<ReturnType<typeof startChatReceiver>>;
  let harness: BrowserHarness;
  beforeAll(async () => {
    chat = await startChatReceiver();
    harness = new BrowserHarness({ webhooks: { allowedHosts: [new URL(chat.url).host], caFile: chat.caFile } });
    await harness.start();
  });
  afterAll(async () => {
    await harness?.stop();
    chat?.close();
  });

  it('refuses a host that is not allowed with the reason, saves the weekly post, and sends the digest now', async () => {
    const board = await harness.createBoard('庁内部会');
    const facilitator = await harness.openBoard(board, 'facilitator', { name: '進行役' });
    await addNoteByTyping(facilitator, '市民サービスの向上', '課題', '窓口の待ち時間が長い');
    await facilitatorTool(facilitator, 'ボードの設定');
    const section = facilitator.getByRole('region', { name: 'チャットへの定期送信' });
    const allowed = new URL(chat.url).host;
    await shown(section.getByText(`送信先として許可されているのは ${allowed} です`, { exact: false }));
    const url = section.getByRole('textbox', { name: '受信 Webhook の URL' });
    await url.fill('https://hooks.slack.com/services/T000/B000/XXXX');
    await section.getByRole('button', { name: '保存' }).click();
    await shown(
      section.getByRole('alert').getByText(`この送信先は許可されていません。許可されているのは ${allowed} です。`),
    );
    expect(await section.getByText(/次回の送信/).count()).toBe(0);

    await url.fill(chat.url);
    await section.getByRole('combobox', { name: '曜日' }).selectOption({ label: '月曜日' });
    await section.getByLabel('時刻（日本時間）').fill('09:00');
    await section.getByRole('button', { name: '保存' }).click();
    await shown(section.getByText(/次回の送信: .*9:00/));
    await section.getByRole('button', { name: '今すぐ送る' }).click();
    await shown(section.getByText(/前回の送信/));
    expect(chat.bodies).toHaveLength(1);
    expect((chat.bodies[0]!.json as { text: string }).text).toContain('窓口の待ち時間が長い');
  });
});
