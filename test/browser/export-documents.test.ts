import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadFrom, openExportDialog } from './exportDownloads';
import { addNoteByTyping, BrowserHarness, shown } from './harness';

// Needs the server's document exports (GET /api/boards/<id>/export?format=docx|xlsx|csv|csv-initiatives|md),
// which arrive with the server and exporter branches of issue 6: on main alone these fail with 400/403.

const CITIZEN = '市民サービスの向上';
const TITLE = '実施計画の部会';
const ZIP_SIGNATURE = 'PK';
const UTF8_BOM = [0xef, 0xbb, 0xbf];

describe('document exports from the browser', () => {
  const harness = new BrowserHarness();
  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  it('saves Word and Excel (zip files), CSV with a BOM and Markdown with the board title, named in Japanese', async () => {
    const board = await harness.createBoard(TITLE);
    const page = await harness.openBoard(board, 'facilitator', { name: '進行役' });
    await addNoteByTyping(page, CITIZEN, '課題', '窓口の待ち時間が長い');
    const dialog = await openExportDialog(page);

    for (const [button, extension] of [
      [/^Word（実施計画\(案\)）/, '.docx'],
      [/^Excel/, '.xlsx'],
    ] as const) {
      const { filename, bytes } = await downloadFrom(page, button);
      expect(filename.endsWith(extension)).toBe(true);
      // The Japanese name of Content-Disposition's filename*, not the ASCII fallback.
      expect(filename).toContain(TITLE);
      expect(bytes.subarray(0, 2).toString('latin1')).toBe(ZIP_SIGNATURE);
    }
    for (const button of [/^CSV 付箋/, /^CSV 取組案/]) {
      const { filename, bytes } = await downloadFrom(page, button);
      expect(filename.endsWith('.csv')).toBe(true);
      expect([...bytes.subarray(0, 3)]).toEqual(UTF8_BOM);
    }
    const notes = await downloadFrom(page, /^CSV 付箋/);
    expect(notes.bytes.toString('utf8')).toContain('窓口の待ち時間が長い');
    const markdown = await downloadFrom(page, /^Markdown（議事録向け）/);
    expect(markdown.filename.endsWith('.md')).toBe(true);
    expect(markdown.bytes.toString('utf8')).toContain(TITLE);
    await shown(dialog.getByRole('status').filter({ hasText: 'Markdown（議事録向け）を書き出しました' }));
  });

  it('lets a participant download the documents once the facilitator allows it', async () => {
    const board = await harness.createBoard(TITLE);
    const facilitator = await harness.openBoard(board, 'facilitator', { name: '進行役' });
    const participant = await harness.openBoard(board, 'participant', { name: '佐藤' });
    const allowing = await openExportDialog(facilitator);
    await allowing.getByRole('checkbox', { name: '参加者も閲覧用の書き出しを使える' }).check();
    await openExportDialog(participant);
    const word = await downloadFrom(participant, /^Word（実施計画\(案\)）/);
    expect(word.bytes.subarray(0, 2).toString('latin1')).toBe(ZIP_SIGNATURE);
    const markdown = await downloadFrom(participant, /^Markdown（議事録向け）/);
    expect(markdown.bytes.toString('utf8')).toContain(TITLE);
  });
  it('saves the readable data, with the authors only once the facilitator ticks the setting (by keyboard)', async () => {
    const board = await harness.createBoard(TITLE);
    const page = await harness.openBoard(board, 'facilitator', { name: '進行役' });
    await addNoteByTyping(page, CITIZEN, '課題', '窓口の待ち時間が長い');
    const dialog = await openExportDialog(page);
    const before = await downloadFrom(page, /^データ（JSON）/);
    expect(before.filename).toMatch(new RegExp(`^データ_${TITLE}_\\d{4}-\\d{2}-\\d{2}\\.json$`));
    const data = JSON.parse(before.bytes.toString('utf8')) as {
      format: string;
      notes: { authorName: string | null }[];
    };
    expect(data.format).toBe('digital-city-hall-board/data');
    expect(data.notes.map((note) => note.authorName)).toEqual([null]);
    const names = dialog.getByRole('checkbox', { name: '書き出しに書いた人の名前を入れる' });
    expect(await names.isChecked()).toBe(false);
    await names.focus();
    await page.keyboard.press('Space');
    await shown(dialog.getByRole('checkbox', { name: '書き出しに書いた人の名前を入れる', checked: true }));
    const after = JSON.parse((await downloadFrom(page, /^データ（JSON）/)).bytes.toString('utf8')) as typeof data;
    expect(after.notes.map((note) => note.authorName)).toEqual(['進行役']);
  });
});
