import * as Y from 'yjs';
import { boardRoots } from '../docs.js';
import { readText } from '../ops/text.js';
import { INITIATIVE_STATUSES, type InitiativeStatus, PRIORITIES, type Priority } from './initiative.js';
import { isRecord } from './storedValues.js';

/**
 * A 「前期からの継続」 card: an initiative of the plan's previous period, as it stood when the next period's
 * board was made (server/api/nextPeriod.ts), with its verification (検証) written here by the group. Stored in
 * the board document: `continued`: previous initiative id → Y.Map
 * `{ from, title, indicator, targetValue, department, content, pillarId, priority, status, fiscalYears,
 *    sourceNotes, result, actual: Y.Text, comment: Y.Text, verifiedBy, verifiedByName, verifiedAt }`.
 *
 * - What came from the previous board (`from` … `sourceNotes`) is written once by the server and never
 *   rewritten: the verification is measured against the target as it was.
 * - `actual` and `comment` are Y.Text, typed live by several people as an initiative's fields are.
 * - `result` and who verified it (`verifiedBy` person id, `verifiedByName`, `verifiedAt`) change together.
 */
export const VERIFICATION_RESULTS = ['achieved', 'partial', 'notAchieved', 'continue', 'stopped'] as const;
export type VerificationResult = (typeof VERIFICATION_RESULTS)[number];

export const VERIFICATION_TEXT_FIELDS = ['actual', 'comment'] as const;
export type VerificationTextField = (typeof VERIFICATION_TEXT_FIELDS)[number];
export const VERIFICATION_TEXT_MAX: Record<VerificationTextField, number> = { actual: 200, comment: 2000 };

export interface ContinuedFrom {
  boardId: string;
  boardTitle: string;
  initiativeId: string;
  /** 「第1期」. */
  periodName: string;
  first: number;
  last: number;
}

export interface ContinuedSourceNote {
  id: string;
  text: string;
}

export interface ContinuedCard {
  id: string;
  from: ContinuedFrom;
  title: string;
  indicator: string;
  targetValue: string;
  department: string;
  content: string;
  /** The pillar of this board the initiative belongs to (the next board keeps the pillars' ids). */
  pillarId: string | null;
  priority: Priority | null;
  status: InitiativeStatus | null;
  fiscalYears: number[];
  sourceNotes: ContinuedSourceNote[];
  verification: Verification;
}

export interface Verification {
  result: VerificationResult | null;
  actual: string;
  comment: string;
  verifiedBy: string | null;
  verifiedByName: string;
  verifiedAt: number | null;
}

const str = (value: unknown) => (typeof value === 'string' ? value : '');
const oneOf = <T extends string>(value: unknown, options: readonly T[]): T | null =>
  typeof value === 'string' && (options as readonly string[]).includes(value) ? (value as T) : null;

function readFrom(value: unknown): ContinuedFrom {
  const from = isRecord(value) ? value : {};
  return {
    boardId: str(from.boardId),
    boardTitle: str(from.boardTitle),
    initiativeId: str(from.initiativeId),
    periodName: str(from.periodName),
    first: typeof from.first === 'number' ? from.first : 0,
    last: typeof from.last === 'number' ? from.last : 0,
  };
}

export function readContinued(id: string, value: unknown): ContinuedCard | null {
  if (!(value instanceof Y.Map)) return null;
  const map = value as Y.Map<unknown>;
  const notes = map.get('sourceNotes');
  const years = map.get('fiscalYears');
  const verifiedAt = map.get('verifiedAt');
  const verifiedBy = map.get('verifiedBy');
  return {
    id,
    from: readFrom(map.get('from')),
    title: str(map.get('title')),
    indicator: str(map.get('indicator')),
    targetValue: str(map.get('targetValue')),
    department: str(map.get('department')),
    content: str(map.get('content')),
    pillarId: typeof map.get('pillarId') === 'string' ? (map.get('pillarId') as string) : null,
    priority: oneOf(map.get('priority'), PRIORITIES),
    status: oneOf(map.get('status'), INITIATIVE_STATUSES),
    fiscalYears: Array.isArray(years) ? years.filter((y): y is number => Number.isInteger(y)) : [],
    sourceNotes: Array.isArray(notes)
      ? notes.filter(isRecord).map((note) => ({ id: str(note.id), text: str(note.text) }))
      : [],
    verification: {
      result: oneOf(map.get('result'), VERIFICATION_RESULTS),
      actual: readText(map, 'actual'),
      comment: readText(map, 'comment'),
      verifiedBy: typeof verifiedBy === 'string' && verifiedBy !== '' ? verifiedBy : null,
      verifiedByName: str(map.get('verifiedByName')),
      verifiedAt: typeof verifiedAt === 'number' ? verifiedAt : null,
    },
  };
}

/** Every continued card, by title then id (the view groups them by pillar). */
export function listContinued(doc: Y.Doc): ContinuedCard[] {
  const out: ContinuedCard[] = [];
  boardRoots.continued(doc).forEach((value, id) => {
    const card = readContinued(id, value);
    if (card) out.push(card);
  });
  return out.sort((a, b) => a.title.localeCompare(b.title, 'ja') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * The first quantity a text names, skipping the parts of a date (「令和5年度末までに50手続き」 → 50,
 * 「1,200件」 → 1200), or null when it names none.
 */
export function firstNumber(text: string): number | null {
  for (const match of text.normalize('NFKC').matchAll(/-?\d[\d,]*(?:\.\d+)?(?!\d)(?![,.]?\d)/g)) {
    const after = text.normalize('NFKC').slice((match.index ?? 0) + match[0].length);
    if (/^(?:年|月|日|年度)/.test(after)) continue;
    const value = Number(match[0].replace(/,/g, ''));
    if (Number.isFinite(value)) return value;
  }
  return null;
}

/**
 * The actual value is not a number where the target is one: kept as typed (never lost), and flagged so the
 * group can check it (「未集計」 or a typo in 「5O件」).
 */
export function actualNotNumeric(card: Pick<ContinuedCard, 'targetValue' | 'verification'>): boolean {
  const actual = card.verification.actual.trim();
  return actual !== '' && firstNumber(card.targetValue) !== null && firstNumber(actual) === null;
}
