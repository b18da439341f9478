import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { japanDate } from '../../shared/records/meetingTask';
import { addNoteByTyping, BrowserHarness, facilitatorTool, shown } from './harness';

const TASK = '各柱に課題と達成目標を1つ以上';

describe('tasks due between meetings (宿題)', () => {
  const harness = new BrowserHarness();
  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  it('shows everyone what is due next and by when, with the board’s progress; the facilitator ticks it done', async () => {
    const board = await harness.createBoard();
    const facilitator = await harness.openBoard(board, 'facilitator', { name: '進行役' });
    const participant = await harness.openBoard(board, 'participant', {
      name: '佐藤',
      viewport: { width: 1366, height: 768 },
    });
    const due = japanDate(Date.now() + 3 * 86_400_000);

    await facilitatorTool(facilitator, '会議の予定');
    const plan = facilitator.getByRole('dialog', { name: '会議の予定と進め方' });
    const second = plan.getByRole('region', { name: '第2回までの宿題' });
    await second.getByRole('textbox', { name: '宿題' }).fill(TASK);
    await second.getByLabel('期限').fill(due);
    await second.getByRole('combobox', { name: '進み具合の見方' }).selectOption({ label: '各柱の課題と達成目標の数' });
    await second.getByRole('spinbutton', { name: '各柱に必要な数' }).fill('1');
    await second.getByRole('button', { name: '第2回までの宿題を追加' }).click();
    await shown(second.getByText(TASK, { exact: true }));

    // Everyone sees it in the meeting bar, whatever the view.
    const chip = participant.getByRole('button', { name: `期限 ${due}（あと3日）: 第2回までに ${TASK}` });
    await shown(chip);
    await chip.click();
    const participantPlan = participant.getByRole('dialog', { name: '会議の予定と進め方' });
    const task = participantPlan.getByRole('region', { name: '第2回までの宿題' }).getByRole('listitem');
    await shown(task.getByText('3本の柱のうち0本で達成'));
    // Only the facilitator ticks it.
    expect(await participantPlan.getByRole('checkbox').count()).toBe(0);
    await participant.keyboard.press('Escape');

    // The board's own notes move the progress on, live.
    await addNoteByTyping(participant, '市民サービスの向上', '課題', '窓口の待ち時間が長い');
    await addNoteByTyping(participant, '市民サービスの向上', '達成目標', '待たずに手続きできる');
    await shown(second.getByText('3本の柱のうち1本で達成'));
    await shown(second.getByText('市民サービスの向上: 課題1・達成目標1', { exact: false }));

    await second.getByRole('checkbox', { name: new RegExp(`^完了\\s*（${TASK}）$`) }).check();
    await expect.poll(() => chip.count()).toBe(0);
  });
});

describe('参加の状況 (the facilitator’s contribution overview)', () => {
  const harness = new BrowserHarness();
  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  it('lists who wrote what since a date and the quiet roster members, to the facilitator only; names can be left out', async () => {
    const board = await harness.createBoard();
    const added = await fetch(`${harness.server.url}/api/boards/${board.id}/people`, {
      method: 'POST',
      headers: { authorization: `Bearer ${board.tokens.facilitator}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: '田中 まだ参加していない' }),
    });
    expect(added.status).toBe(201);
    const facilitator = await harness.openBoard(board, 'facilitator', { name: '進行役' });
    const participant = await harness.openBoard(board, 'participant', { name: '佐藤' });
    await addNoteByTyping(participant, '市民サービスの向上', '課題', '窓口の待ち時間が長い');
    await addNoteByTyping(participant, '業務の効率化', '課題', '紙の決裁が多い');

    // Participants have no such tool.
    expect(await participant.getByRole('button', { name: 'ファシリテーター', exact: true }).count()).toBe(0);

    await facilitatorTool(facilitator, '参加の状況');
    const dialog = facilitator.getByRole('dialog', { name: '参加の状況' });
    const table = dialog.getByRole('table', { name: /人ごとの付箋とコメント/ });
    await shown(table.getByRole('row', { name: /佐藤/ }));
    const cells = (name: RegExp) => table.getByRole('row', { name }).getByRole('cell').allTextContents();
    await expect.poll(() => cells(/佐藤/)).toEqual(['1', '1', '0', '0', '0']);
    expect(await cells(/田中 まだ参加していない/)).toEqual(['0', '0', '0', '0', '0']);
    await shown(dialog.getByText('付箋 2枚（1人）'));
    await shown(dialog.getByText('投票: まだありません'));
    await facilitator.keyboard.press('Escape');

    // 人数だけ: the names are gone, the totals stay.
    await facilitatorTool(facilitator, 'ボードの設定');
    await facilitator.getByRole('checkbox', { name: '参加の状況で名前を表示せず、人数だけを表示する' }).check();
    await facilitator.keyboard.press('Escape');
    await facilitatorTool(facilitator, '参加の状況');
    await shown(dialog.getByText('付箋 2枚（1人）'));
    expect(await dialog.getByRole('table').count()).toBe(0);
    expect(await dialog.getByText('佐藤').count()).toBe(0);
  });
});

describe('まとめを作成 (the digest for the chat)', () => {
  const harness = new BrowserHarness();
  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  it('writes what changed since the date, and copies it for the chat', async () => {
    const board = await harness.createBoard('庁内部会');
    // The page may write the clipboard, never read it (Permissions-Policy): what is written is noted on its way.
    const facilitator = await harness.openBoard(board, 'facilitator', {
      name: '進行役',
      beforeOpen: async (page) => {
        await page.addInitScript(() => {
          const write = navigator.clipboard.writeText.bind(navigator.clipboard);
          navigator.clipboard.writeText = (text: string) => {
            (window as unknown as { copied: string }).copied = text;
            return write(text);
          };
        });
      },
    });
    await facilitator.context().grantPermissions(['clipboard-write'], { origin: harness.server.url });
    await addNoteByTyping(facilitator, '市民サービスの向上', '課題', '窓口の待ち時間が長い');
    await facilitatorTool(facilitator, 'まとめを作成');
    const dialog = facilitator.getByRole('dialog', { name: 'チャット用のまとめ' });
    const text = dialog.getByRole('textbox', { name: 'まとめの本文' });
    await expect.poll(() => text.inputValue()).toContain('■ 新しい付箋 1枚');
    expect(await text.inputValue()).toContain(`ボード: ${harness.server.url}/b/${board.id}`);
    expect(await text.inputValue()).not.toContain(board.tokens.facilitator);
    await dialog.getByRole('radio', { name: /Markdown/ }).check();
    await expect.poll(() => text.inputValue()).toContain('### 新しい付箋 1枚');
    await dialog.getByRole('button', { name: 'コピー' }).click();
    await shown(facilitator.getByText('まとめをコピーしました。チャットに貼り付けてください。').first());
    expect(await facilitator.evaluate(() => (window as unknown as { copied: string }).copied)).toContain(
      '### 新しい付箋 1枚',
    );
  });
});
