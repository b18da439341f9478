/**
 * The document exports on a large board: 3,000 notes (45 characters each) in 500 groups of six and 100 draft
 * initiatives, a revealed round, matrix places and a shortlist. Each format is rendered through
 * `renderDocument` (decode both states, migrate, build the plan report, write the file), as the server's
 * worker does; the median of a few runs is printed. In process, no network.
 */
import * as Y from 'yjs';
import { type DocumentFormat, renderDocument } from '../../server/export/renderDocument';
import { boardRoots } from '../../shared/docs';
import { buildPlanReport } from '../../shared/export/report';
import { listItems } from '../../shared/items';
import { createInitiativeFromItem, setInitiativeFiscalYears } from '../../shared/ops/initiatives';
import { readPlace } from '../../shared/records/note';
import { type RoundTotal, writeVotingRounds } from '../../shared/records/voting';
import { initialiseSettingsDoc } from '../../shared/template';
import { boardInOneGo, PILLAR_IDS } from '../lib/fixtures';
import type { Row } from '../lib/stats';
import { timeMedian } from './micro';

const NOTES = 3000;
const GROUP_SIZE = 6;
const INITIATIVES = 100;

/** Groups every six notes of a pillar into a cluster, written as any Yjs tool can (one transaction). */
function groupEverySix(board: Y.Doc): void {
  const notes = boardRoots.notes(board);
  board.transact(() => {
    for (let start = 0; start < NOTES; start += 3 * GROUP_SIZE) {
      for (let pillar = 0; pillar < 3; pillar++) {
        const id = `cluster${String(start + pillar).padStart(5, '0')}`;
        const cluster = new Y.Map<unknown>();
        cluster.set('title', new Y.Text(`グループ ${start + pillar}`));
        cluster.set('pillarId', PILLAR_IDS[pillar]);
        cluster.set('order', `a${String(start + pillar).padStart(5, '0')}`);
        cluster.set('createdAt', 1_760_000_000_000);
        cluster.set('createdBy', 'member0');
        boardRoots.clusters(board).set(id, cluster);
        // Notes are spread over pillars by i % 3, so this group's notes are start+pillar, +3, +6, …
        for (let k = 0; k < GROUP_SIZE; k++) {
          const note = notes.get(`note${String(start + pillar + 3 * k).padStart(5, '0')}`) as
            | Y.Map<unknown>
            | undefined;
          const place = note && readPlace(note.get('place'));
          if (note && place) note.set('place', { ...place, clusterId: id });
        }
      }
    }
  });
}

export function bigPlanBoard(): { board: Y.Doc; settings: Y.Doc } {
  const board = boardInOneGo(NOTES);
  const settings = new Y.Doc();
  let n = 0;
  initialiseSettingsDoc(settings, '大きなボード', () => PILLAR_IDS[n++] ?? `pillarx${n}`);
  groupEverySix(board);
  const items = listItems(board);
  const totals: RoundTotal[] = items.slice(0, 300).map((item, i) => ({
    itemId: item.id,
    kind: item.kind,
    pillarId: item.pillarId,
    label: `項目 ${i}`,
    count: 1 + (i % 12),
  }));
  writeVotingRounds(settings, [
    {
      number: 1,
      status: 'revealed',
      budget: 5,
      cap: null,
      openedAt: 1,
      closedAt: 2,
      revealedAt: 3,
      voters: 40,
      totals,
    },
  ]);
  board.transact(() => {
    items.slice(0, 400).forEach((item, i) => {
      boardRoots.matrix(board).set(item.id, { x: (i % 10) / 10, y: ((i * 7) % 10) / 10 });
      if (i % 4 === 0) boardRoots.shortlist(board).set(item.id, { markedAt: 1, markedBy: 'member0' });
    });
  });
  for (let i = 0; i < INITIATIVES; i++) {
    const id = `initiative${i}`;
    const made = createInitiativeFromItem(board, settings, {
      id,
      itemId: items[i]!.id,
      personId: 'member0',
      roundNumber: 1,
    });
    if (!made.ok) throw new Error(`initiative ${i}: ${made.error}`);
    setInitiativeFiscalYears(board, id, i % 2 === 0 ? [2022, 2023] : [2023]);
  }
  return { board, settings };
}

export async function exportsScenario(log: (line: string) => void): Promise<Row[]> {
  const scenario = 'exports, 3,000 notes, 500 groups, 100 initiatives';
  log('exports: building the board…');
  const docs = bigPlanBoard();
  const input = {
    boardId: 'bench',
    board: Y.encodeStateAsUpdate(docs.board),
    settings: Y.encodeStateAsUpdate(docs.settings),
    exportedAt: Date.parse('2026-11-26T10:00:00+09:00'),
  };
  const rows: Row[] = [];
  const report = timeMedian(5, () => buildPlanReport(docs.board, docs.settings, { exportedAt: input.exportedAt }));
  rows.push({ scenario, figure: 'plan report (shared selectors)', unit: 'ms', ours: report, note: 'median of 5' });
  for (const format of ['docx', 'xlsx', 'csv', 'md'] as const satisfies readonly DocumentFormat[]) {
    const times: number[] = [];
    let size = 0;
    for (let run = 0; run < 5; run++) {
      const start = performance.now();
      size = (await renderDocument(format, input)).bytes.byteLength;
      times.push(performance.now() - start);
    }
    const median = [...times].sort((a, b) => a - b)[2]!;
    log(`exports: ${format} ${median.toFixed(0)} ms, ${(size / 1024).toFixed(0)} KiB`);
    rows.push({
      scenario,
      figure: `renderDocument ${format} (${(size / 1024).toFixed(0)} KiB)`,
      unit: 'ms',
      ours: median,
      note: 'median of 5, decode + migrate + report + file',
    });
  }
  return rows;
}
