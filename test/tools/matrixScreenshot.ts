import type { Page } from 'playwright-core';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { itemLabel, listItems } from '../../shared/items';
import { placeOnMatrix } from '../../shared/ops/matrix';
import { markShortlisted } from '../../shared/ops/shortlist';
import type { Pillar } from '../../shared/records/pillar';
import { activePillars, getNote } from '../../shared/selectors';
import { writeCluster } from '../unit/prioritizeFixtures';

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
export async function captureMatrix(
  page: Page,
  serverUrl: string,
  board: { id: string; tokens: Record<string, string> },
): Promise<void> {
  const options = {
    WebSocketPolyfill: WebSocket as never,
    disableBc: true,
    params: { token: board.tokens.participant ?? '' },
  };
  const wsUrl = `${serverUrl.replace('http', 'ws')}/ws`;
  const settings = new Y.Doc();
  const notes = new Y.Doc();
  const providers = [
    new WebsocketProvider(wsUrl, `${board.id}/settings`, settings, options),
    new WebsocketProvider(wsUrl, board.id, notes, options),
  ];
  for (let i = 0; i < 200 && !providers.every((p) => p.synced); i++) await new Promise((r) => setTimeout(r, 25));
  fillMatrix(notes, activePillars(settings));
  await new Promise((r) => setTimeout(r, 300));
  for (const provider of providers) provider.destroy();
  await page.goto(`${serverUrl}/b/${board.id}?view=matrix#token=${board.tokens.facilitator}`);
  await page.waitForFunction(() => performance.getEntriesByName('board-ready').length > 0);
  await page.getByRole('region', { name: /^マトリクス/ }).waitFor();
  await page.waitForTimeout(300);
  await page.screenshot({ path: 'docs/screenshot-matrix.png' });
}
