/**
 * A plan with two periods, for the plan view's browser test and screenshot: 第1期's board with initiatives in
 * two pillars, 「次期のボードを作る」 through the API, the verification written in 第2期's board and a new
 * initiative there. The edits are the shared/ operations any Yjs tool would call; each caller syncs them its way.
 */
import type * as Y from 'yjs';
import { createInitiativeFromItem, setInitiativeStatus, setInitiativeText } from '../../shared/ops/initiatives';
import { addNote } from '../../shared/ops/notes';
import { applyVerificationTextChanges, setVerificationResult } from '../../shared/ops/verification';
import type { VerificationResult } from '../../shared/records/continued';
import type { InitiativeStatus } from '../../shared/records/initiative';
import { allPillars } from '../../shared/selectors';
import { diffText } from '../../shared/textDiff';

export const PLAN_NAME = 'みんなにやさしいデジタル市役所計画';

interface PlannedInitiative {
  id: string;
  pillar: number;
  title: string;
  indicator: string;
  target: string;
  status: InitiativeStatus;
}

export const FIRST_PERIOD_INITIATIVES: PlannedInitiative[] = [
  {
    id: 'plan-i1',
    pillar: 0,
    title: '主な手続きのオンライン申請',
    indicator: 'オンライン化した手続きの数',
    target: '50手続き',
    status: 'decided',
  },
  {
    id: 'plan-i2',
    pillar: 0,
    title: '書かない窓口',
    indicator: '窓口の平均待ち時間',
    target: '30分以内',
    status: 'decided',
  },
  {
    id: 'plan-i3',
    pillar: 1,
    title: '回覧・会議のペーパーレス化',
    indicator: '印刷枚数',
    target: '30%削減',
    status: 'considering',
  },
];

export const SECOND_PERIOD_INITIATIVE: PlannedInitiative = {
  id: 'plan-i4',
  pillar: 2,
  title: 'デジタル推進リーダーの育成',
  indicator: '育成したリーダーの数',
  target: '各課1人',
  status: 'draft',
};

/** What the 第2期 board verifies of 第1期's work (plan-i3 is left unverified). */
export const VERIFICATIONS: { id: string; result: VerificationResult; actual: string }[] = [
  { id: 'plan-i1', result: 'partial', actual: '42手続き' },
  { id: 'plan-i2', result: 'continue', actual: '未集計' },
];

/** Adds the initiatives, each from a note of its pillar, as 「取組案にする」 and the editor would. */
export function addPlannedInitiatives(board: Y.Doc, settings: Y.Doc, planned: readonly PlannedInitiative[]): void {
  const pillars = allPillars(settings);
  for (const initiative of planned) {
    const pillarId = pillars[initiative.pillar]!.id;
    const note = addNote(board, {
      id: `${initiative.id}-note`,
      text: initiative.title,
      pillarId,
      lane: 'idea',
      author: 'plan',
    });
    if (!note.ok) throw new Error(note.error);
    const made = createInitiativeFromItem(board, settings, {
      id: initiative.id,
      itemId: `${initiative.id}-note`,
      personId: 'plan',
      roundNumber: null,
    });
    if (!made.ok) throw new Error(made.error);
    setInitiativeText(board, initiative.id, 'title', initiative.title);
    setInitiativeText(board, initiative.id, 'indicator', initiative.indicator);
    setInitiativeText(board, initiative.id, 'targetValue', initiative.target);
    setInitiativeStatus(board, initiative.id, initiative.status);
  }
}

/** Writes the verifications on the 第2期 board's continued cards. */
export function writeVerifications(board: Y.Doc): void {
  const who = { personId: 'plan', name: '検証 花子', now: Date.parse('2024-05-21T10:00:00+09:00') };
  for (const { id, result, actual } of VERIFICATIONS) {
    if (!setVerificationResult(board, id, result, who).ok) throw new Error(`no continued card ${id}`);
    applyVerificationTextChanges(board, id, 'actual', [diffText('', actual)!], who);
  }
}

/** The board's API, as the tests and tools call it. */
export async function planCall<T>(serverUrl: string, method: string, path: string, token: string, body?: unknown) {
  const response = await fetch(`${serverUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}
