import type { Page } from 'playwright-core';
import type * as Y from 'yjs';
import { itemLabel, listItems } from '../../shared/items';
import { placeOnMatrix } from '../../shared/ops/matrix';
import { markShortlisted } from '../../shared/ops/shortlist';
import type { Pillar } from '../../shared/records/pillar';
import { activePillars, getNote } from '../../shared/selectors';
import { writeCluster } from '../unit/prioritizeFixtures';
import { editBoardDocs, openBoard, type ToolBoard } from './toolBoard';

/** Where the screenshot's items sit (x: 実現しやすさ, y: 効果), by their label; the rest stay in the tray. */
const PLACES: [string, number, number][] = [
  ['窓口の手続きの負担を減らす', 0.78, 0.86],
  ['自宅からスマホで主な手続きができる', 0.3, 0.9],
  ['定型業務をRPAで自動化', 0.66, 0.62],
  ['電子決裁が当たり前になっている', 0.22, 0.7],
  ['若手による庁内勉強会', 0.88, 0.35],
  ['デジタルに詳しい職員が少ない', 0.15, 0.2],
];
const SHORTLISTED = ['窓口の手続きの負担を減らす', '定型業務をRPAで自動化'];

/** Groups two notes of the first pillar, places items on the matrix and shortlists two, as participants would. */
export function fillMatrix(board: Y.Doc, pillars: readonly Pillar[]): void {
  const first = pillars[0];
  if (!first) return;
  const ids = listItems(board)
    .filter((item) => item.kind === 'note' && item.pillarId === first.id && item.lane === 'problem')
    .map((item) => item.id);
  writeCluster(board, 'screenshot-cluster', first.id, ids, '窓口の手続きの負担を減らす');
  for (const item of listItems(board)) {
    const label = itemLabel(item);
    const place = PLACES.find(([text]) => text === label);
    if (place) placeOnMatrix(board, item.id, { x: place[1], y: place[2] });
    if (SHORTLISTED.includes(label)) markShortlisted(board, item.id, 'screenshot');
  }
  if (!ids.every((id) => getNote(board, id)?.place?.clusterId)) throw new Error('cluster not written');
}

/**
 * Fills the matrix through a stock WebsocketProvider (after the board's screenshots: the cluster UI is not there
 * yet, its notes would leave their lanes) and saves docs/screenshot-matrix.png.
 */
export async function captureMatrix(page: Page, serverUrl: string, board: ToolBoard): Promise<void> {
  await editBoardDocs(serverUrl, board, (notes, settings) => fillMatrix(notes, activePillars(settings)));
  await openBoard(page, serverUrl, board, '?view=matrix');
  await page.getByRole('region', { name: /^マトリクス/ }).waitFor();
  await page.screenshot({ path: 'docs/screenshot-matrix.png' });
}
