import type { Page } from 'playwright-core';
import type * as Y from 'yjs';
import { itemLabel, listItems } from '../../shared/items';
import {
  createInitiativeFromItem,
  moveInitiative,
  setInitiativeFiscalYears,
  setInitiativeStatus,
  setInitiativeText,
} from '../../shared/ops/initiatives';
import type { InitiativeStatus, Priority } from '../../shared/records/initiative';
import { editBoardDocs, openBoard, type ToolBoard } from './toolBoard';

/** The initiatives of the screenshot, by the label of the item they are made from. */
const PLAN: {
  from: string;
  priority: Priority;
  status: InitiativeStatus;
  years: number[];
  department: string;
  content?: string;
}[] = [
  {
    from: '窓口の手続きの負担を減らす',
    priority: 'high',
    status: 'considering',
    years: [2026, 2027],
    department: '市民課',
    content: '書かない窓口とオンライン予約を導入する',
  },
  {
    from: '自宅からスマホで主な手続きができる',
    priority: 'medium',
    status: 'draft',
    years: [2027],
    department: 'DX推進課',
  },
  { from: '定型業務をRPAで自動化', priority: 'high', status: 'decided', years: [2026], department: '情報政策課' },
  { from: '若手による庁内勉強会', priority: 'low', status: 'draft', years: [], department: '人事課' },
];

/** Makes the initiatives from the board's items, as participants would with 「取組案にする」 and the editor. */
export function fillInitiatives(board: Y.Doc, settings: Y.Doc): void {
  const items = listItems(board);
  for (const [index, plan] of PLAN.entries()) {
    const item = items.find((i) => itemLabel(i) === plan.from);
    if (!item) continue;
    const id = `screenshot-initiative-${index}`;
    const made = createInitiativeFromItem(board, settings, {
      id,
      itemId: item.id,
      personId: 'screenshot',
      roundNumber: 1,
    });
    if (!made.ok) throw new Error(`initiative from ${plan.from}: ${made.error}`);
    const pillarId = item.pillarId ?? '';
    moveInitiative(board, settings, id, { pillarId, priority: plan.priority, beforeId: null });
    setInitiativeStatus(board, id, plan.status);
    setInitiativeFiscalYears(board, id, plan.years);
    setInitiativeText(board, id, 'department', plan.department);
    if (plan.content) setInitiativeText(board, id, 'content', plan.content);
  }
}

/** Fills the initiatives through a stock WebsocketProvider and saves docs/screenshot-initiatives.png. */
export async function captureInitiatives(page: Page, serverUrl: string, board: ToolBoard): Promise<void> {
  await editBoardDocs(serverUrl, board, fillInitiatives);
  await openBoard(page, serverUrl, board, '?view=initiatives');
  await page.getByRole('heading', { name: '取組案（個別取り組み）' }).waitFor();
  await page.screenshot({ path: 'docs/screenshot-initiatives.png', fullPage: true });
}
