import * as Y from 'yjs';
import { boardRoots } from '../docs.js';
import { QUADRANTS, type Quadrant } from './matrix.js';
import { isId, isIntBetween, isOneOf, isRecord, isStringOfLength, ORDER_KEY_MAX } from './storedValues.js';

/**
 * A draft initiative (個別取り組み) of the implementation plan (実施計画(案)). Stored in the board document:
 * `initiatives`: initiative id → Y.Map
 * `{ title, problems, goal, indicator, targetValue, content, department: Y.Text, place: { pillarId, priority,
 *    order }, fiscalYears: number[], status, source, createdAt, createdBy, deletedAt? }`.
 *
 * - The text fields are Y.Text so two people typing in one initiative merge, as in a note.
 * - `place` is one plain value replaced whole (as a note's): changing the pillar or the priority and
 *   reordering are one write, so two concurrent moves end in one of them, never a mix.
 * - `source` records what the initiative was made from and is never rewritten: the cluster or note, its
 *   notes, and the dots and quadrant it had then. The views show the live values while the source exists.
 */
export const INITIATIVE_TEXT_FIELDS = [
  'title', // 取組名
  'problems', // 解決する課題
  'goal', // 達成目標
  'indicator', // 指標 (KPI)
  'targetValue', // 目標値
  'content', // 取組内容
  'department', // 担当課
] as const;
export type InitiativeTextField = (typeof INITIATIVE_TEXT_FIELDS)[number];

/** Longest value of each text field, in characters (UTF-16 code units, as Y.Text counts them). */
export const INITIATIVE_TEXT_MAX: Record<InitiativeTextField, number> = {
  title: 100,
  problems: 2000,
  goal: 2000,
  indicator: 200,
  targetValue: 200,
  content: 4000,
  department: 100,
};

/** 優先度: 高 / 中 / 低. The initiatives view groups a pillar's initiatives by it, highest first. */
export const PRIORITIES = ['high', 'medium', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** 案 → 検討中 → 確定. */
export const INITIATIVE_STATUSES = ['draft', 'considering', 'decided'] as const;
export type InitiativeStatus = (typeof INITIATIVE_STATUSES)[number];

/** Fiscal years are stored by their Western starting year (2022 = 令和4年度); see shared/fiscalYear.ts. */
export const FISCAL_YEAR_MIN = 1989;
export const FISCAL_YEAR_MAX = 2100;
export const FISCAL_YEARS_MAX = 10;

export interface InitiativePlace {
  pillarId: string;
  priority: Priority;
  order: string;
}

export interface InitiativeSource {
  /** The item it was made from: a cluster id or a note id. */
  itemId: string;
  kind: 'cluster' | 'note';
  /** The live notes of that item when the initiative was made (a note item: itself). */
  noteIds: string[];
  /** Dots in the revealed round shown then, or null when none was chosen. */
  votes: number | null;
  roundNumber: number | null;
  /** Its quadrant on the matrix then, or null while it was in the tray. */
  quadrant: Quadrant | null;
}

const SOURCE_NOTES_MAX = 5000;

/** A stored place (only its known fields), or null when it is missing or invalid. */
export function parseInitiativePlace(value: unknown): InitiativePlace | null {
  if (!isRecord(value)) return null;
  const { pillarId, priority, order } = value;
  if (!isId(pillarId) || !isOneOf(priority, PRIORITIES) || !isStringOfLength(order, 1, ORDER_KEY_MAX)) return null;
  return { pillarId, priority, order };
}

/** A stored source (only its known fields), or null when it is missing or invalid. */
export function parseInitiativeSource(value: unknown): InitiativeSource | null {
  if (!isRecord(value)) return null;
  const { itemId, kind, noteIds, votes, roundNumber, quadrant } = value;
  if (!isId(itemId) || !isOneOf(kind, ['cluster', 'note'] as const)) return null;
  if (!Array.isArray(noteIds) || noteIds.length > SOURCE_NOTES_MAX || !noteIds.every(isId)) return null;
  if (votes !== null && !isIntBetween(votes, 0, Number.MAX_SAFE_INTEGER)) return null;
  if (roundNumber !== null && !isIntBetween(roundNumber, 1, Number.MAX_SAFE_INTEGER)) return null;
  if (quadrant !== null && !isOneOf(quadrant, QUADRANTS)) return null;
  return { itemId, kind, noteIds: [...noteIds], votes, roundNumber, quadrant };
}

export interface Initiative {
  id: string;
  /** Each text field as shown; `texts` holds the collaborative Y.Text, or null when another tool stored a string. */
  fields: Record<InitiativeTextField, string>;
  texts: Record<InitiativeTextField, Y.Text | null>;
  /** Null when the stored place is missing or invalid: the view lists the initiative under 「柱なし」. */
  place: InitiativePlace | null;
  /** Sorted, without duplicates. */
  fiscalYears: number[];
  status: InitiativeStatus;
  source: InitiativeSource | null;
  createdAt: number;
  createdBy: string;
  deletedAt: number | null;
}

const finite = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

export function readFiscalYears(value: unknown): number[] {
  const valid =
    Array.isArray(value) &&
    value.length <= FISCAL_YEARS_MAX &&
    value.every((year) => isIntBetween(year, FISCAL_YEAR_MIN, FISCAL_YEAR_MAX));
  return valid ? [...new Set(value as number[])].sort((a, b) => a - b) : [];
}

/** Reads one initiative with defaults; null for something that is not a record at all. */
export function readInitiative(id: string, value: unknown): Initiative | null {
  if (!(value instanceof Y.Map)) return null;
  const map = value as Y.Map<unknown>;
  const fields = {} as Record<InitiativeTextField, string>;
  const texts = {} as Record<InitiativeTextField, Y.Text | null>;
  for (const field of INITIATIVE_TEXT_FIELDS) {
    const stored = map.get(field);
    texts[field] = stored instanceof Y.Text ? stored : null;
    const text = stored instanceof Y.Text ? stored.toString() : typeof stored === 'string' ? stored : '';
    fields[field] = text.slice(0, INITIATIVE_TEXT_MAX[field]);
  }
  const place = parseInitiativePlace(map.get('place'));
  const source = parseInitiativeSource(map.get('source'));
  const status = map.get('status');
  const createdBy = map.get('createdBy');
  return {
    id,
    fields,
    texts,
    place,
    fiscalYears: readFiscalYears(map.get('fiscalYears')),
    status: INITIATIVE_STATUSES.includes(status as InitiativeStatus) ? (status as InitiativeStatus) : 'draft',
    source,
    createdAt: finite(map.get('createdAt')) ?? 0,
    createdBy: typeof createdBy === 'string' ? createdBy : '',
    deletedAt: finite(map.get('deletedAt')),
  };
}

/** Every initiative, deleted ones included (the trash shows them), in creation order then id. */
export function readInitiatives(doc: Y.Doc): Initiative[] {
  const out: Initiative[] = [];
  boardRoots.initiatives(doc).forEach((value, id) => {
    const initiative = readInitiative(id, value);
    if (initiative) out.push(initiative);
  });
  return out.sort(byCreation);
}

/** Creation order, then id: the order readInitiatives returns. */
export const byCreation = (a: Initiative, b: Initiative): number =>
  a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
