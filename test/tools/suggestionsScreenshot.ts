import { nanoid } from 'nanoid';
import type { Page } from 'playwright-core';
import { addNote } from '../../shared/ops/notes';
import type { LaneKind } from '../../shared/records/lane';
import { NOTE_COLORS } from '../../shared/records/note';
import { activePillars } from '../../shared/selectors';
import { createToolBoard, editBoardDocs, openBoard } from './toolBoard';

/** The first pillar's notes, written the way staff write the same problem in different words. */
const NOTES: [LaneKind, string][] = [
  ['problem', '押印のために出勤する'],
  ['problem', 'ハンコをもらうために出勤'],
  ['problem', '紙の決裁が多い'],
  ['problem', '決裁の電子化が進んでいない'],
  ['problem', '窓口の待ち時間が長い'],
  ['problem', '窓口で長く待たされる'],
  ['goal', '押印なしで申請できる'],
  ['goal', '庁舎の駐車場が空いている'],
];

/** 「グループの提案」 of the first pillar, on a board of its own (docs/screenshot-suggestions.png). */
export async function captureSuggestions(page: Page, serverUrl: string): Promise<void> {
  const board = await createToolBoard(serverUrl, 'みんなにやさしいデジタル市役所計画 庁内部会');
  let pillarTitle = '';
  await editBoardDocs(serverUrl, board, (notes, settings) => {
    const pillar = activePillars(settings)[0];
    if (!pillar) throw new Error('no pillar');
    pillarTitle = pillar.title;
    NOTES.forEach(([lane, text], index) => {
      const color = NOTE_COLORS[index % NOTE_COLORS.length];
      addNote(notes, { id: nanoid(), pillarId: pillar.id, lane, text, author: '佐藤', authorName: '佐藤', color });
    });
  });
  await openBoard(page, serverUrl, board);
  await page.getByRole('button', { name: `${pillarTitle}のグループの提案` }).click();
  const panel = page.getByRole('dialog', { name: `グループの提案 — ${pillarTitle}` });
  await panel.getByRole('list', { name: '提案されたグループ' }).waitFor();
  await page.screenshot({ path: 'docs/screenshot-suggestions.png' });
  await panel.getByRole('button', { name: '閉じる' }).click();
}
