import type { Page } from 'playwright-core';
import { itemLabel, listItems } from '../../shared/items';
import { setMatrixPlacement } from '../../shared/records/matrixPlacement';
import { editBoardDocs, openBoard, type ToolBoard } from './toolBoard';

/** Each scorer's scores (効果, 実現しやすさ, reason) by item label; items not named here are left unscored. */
const SCORES: Record<string, Record<string, [number, number, string?]>> = {
  佐藤: {
    書かない窓口: [5, 3, '申請のたびに書く負担がなくなる'],
    定型業務をRPAで自動化: [4, 4],
    若手による庁内勉強会: [3, 5],
    窓口の待ち時間が長い: [5, 2],
    紙の決裁に時間がかかる: [4, 2],
  },
  鈴木: {
    書かない窓口: [2, 2, '住民の利用は限られるのでは'],
    定型業務をRPAで自動化: [4, 3],
    若手による庁内勉強会: [3, 4],
    窓口の待ち時間が長い: [4, 2],
    紙の決裁に時間がかかる: [4, 1, 'システム改修が必要で時間がかかる'],
  },
  高橋: {
    書かない窓口: [5, 4],
    定型業務をRPAで自動化: [5, 4],
    若手による庁内勉強会: [2, 5],
    窓口の待ち時間が長い: [5, 3],
    紙の決裁に時間がかかる: [5, 4, '電子決裁は国の補助がある'],
  },
  田中: {
    書かない窓口: [1, 2],
    定型業務をRPAで自動化: [4, 4],
    若手による庁内勉強会: [3, 4],
    窓口の待ち時間が長い: [5, 2],
    紙の決裁に時間がかかる: [3, 2],
  },
};

/**
 * Runs one scoring round through the HTTP API (four guests score five items, the facilitator closes and reveals
 * it) and saves the score sheet, the results and the matrix at the medians: docs/screenshot-scoring-sheet.png,
 * -scoring.png and -matrix-scores.png.
 */
export async function captureScoring(page: Page, serverUrl: string, board: ToolBoard): Promise<void> {
  const api = async (token: string, method: string, path: string, body?: unknown) => {
    const response = await fetch(`${serverUrl}/api/boards/${board.id}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return response.json() as Promise<Record<string, unknown>>;
  };
  const facilitator = board.tokens.facilitator ?? '';
  let idOf = new Map<string, string>();
  await editBoardDocs(
    serverUrl,
    board,
    (notes) => {
      idOf = new Map(listItems(notes).map((item) => [itemLabel(item), item.id]));
    },
    board.tokens.viewer ?? '',
  );

  const round = (await api(facilitator, 'POST', '/scoring/rounds', { scope: 'all' })).round as { number: number };
  for (const [name, scores] of Object.entries(SCORES)) {
    const guest = await api(board.tokens.participant ?? '', 'POST', '/guests', { name });
    for (const [label, [effect, ease, reason]] of Object.entries(scores)) {
      const id = idOf.get(label);
      if (!id) continue;
      const path = `/scoring/rounds/${round.number}/scores/${encodeURIComponent(id)}`;
      await api(guest.token as string, 'PUT', path, { effect, ease, reason: reason ?? '' });
    }
  }
  await openBoard(page, serverUrl, board, '?view=scoring', 500);
  await page.screenshot({ path: 'docs/screenshot-scoring-sheet.png' });
  await api(facilitator, 'POST', `/scoring/rounds/${round.number}/close`);
  await api(facilitator, 'POST', `/scoring/rounds/${round.number}/reveal`);
  await openBoard(page, serverUrl, board, '?view=scoring', 500);
  await page.getByRole('heading', { name: '意見が割れた項目' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'docs/screenshot-scoring.png' });

  await editBoardDocs(
    serverUrl,
    board,
    (_notes, settings) => setMatrixPlacement(settings, { mode: 'scores', round: round.number }),
    facilitator,
  );
  await openBoard(page, serverUrl, board, '?view=matrix', 500);
  await page.screenshot({ path: 'docs/screenshot-matrix-scores.png' });
}
