import type { Page } from 'playwright-core';
import { itemLabel, listItems } from '../../shared/items';
import { editBoardDocs, openBoard, type ToolBoard } from './toolBoard';

/** Dots per voter, by item label (items not named here get none). */
const BALLOTS: Record<string, string[]> = {
  佐藤: ['窓口の手続きの負担を減らす', '窓口の手続きの負担を減らす', '定型業務をRPAで自動化', '若手による庁内勉強会'],
  鈴木: [
    '窓口の手続きの負担を減らす',
    '定型業務をRPAで自動化',
    '定型業務をRPAで自動化',
    'デジタルに詳しい職員が少ない',
  ],
  高橋: ['窓口の手続きの負担を減らす', 'デジタルに詳しい職員が少ない', '若手による庁内勉強会', '書かない窓口'],
};

/**
 * Runs one voting round through the HTTP API (three guests vote, the facilitator closes and reveals it) and
 * saves the revealed results as docs/screenshot-voting.png.
 */
export async function captureVoting(page: Page, serverUrl: string, board: ToolBoard): Promise<void> {
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

  const round = (await api(facilitator, 'POST', '/voting/rounds', { budget: 5 })).round as { number: number };
  for (const [name, labels] of Object.entries(BALLOTS)) {
    const guest = await api(board.tokens.participant ?? '', 'POST', '/guests', { name });
    for (const label of labels) {
      const id = idOf.get(label);
      if (id) await api(guest.token as string, 'POST', `/voting/rounds/${round.number}/dots/${encodeURIComponent(id)}`);
    }
  }
  await api(facilitator, 'POST', `/voting/rounds/${round.number}/close`);
  await api(facilitator, 'POST', `/voting/rounds/${round.number}/reveal`);

  await openBoard(page, serverUrl, board, '?view=results', 500);
  await page.screenshot({ path: 'docs/screenshot-voting.png', fullPage: true });
}
