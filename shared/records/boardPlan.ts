import type * as Y from 'yjs';
import { settingsRoots } from '../docs.js';
import type { PlanPeriod } from '../plan.js';
import { asPeriod } from './period.js';

/**
 * The plan a board belongs to, as the server shows it in the settings document (`server.plan`): written only by
 * the server (server/planStore.ts is the source), read by every client. Absent: the board is in no plan.
 */
export interface BoardPlan {
  id: string;
  name: string;
  /** The board's period of the plan: its number, name and years. */
  period: PlanPeriod;
  /** How many periods the plan has (第2期 of 4). */
  periodCount: number;
  /** The plan's last period: verifies the whole plan (検証・次期策定). */
  final: boolean;
  /** The working group (部会) of the board within the plan; '' for a plan of one group. */
  workingGroup: string;
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** The board's plan, or null when it has none or the value is not one (then the board's own period rules). */
export function readBoardPlan(settings: Y.Doc): BoardPlan | null {
  const value = settingsRoots.server(settings).get('plan');
  if (typeof value !== 'object' || value === null) return null;
  const record = value as Record<string, unknown>;
  const period = asPeriod(record.period);
  const raw = (record.period ?? {}) as Record<string, unknown>;
  if (!period || typeof raw.number !== 'number' || typeof record.id !== 'string') return null;
  return {
    id: record.id,
    name: text(record.name),
    period: { ...period, number: raw.number, name: text(raw.name) },
    periodCount: typeof record.periodCount === 'number' ? record.periodCount : 1,
    final: record.final === true,
    workingGroup: text(record.workingGroup),
  };
}

/** Server only (clients' writes to `server` are refused). */
export function writeBoardPlan(settings: Y.Doc, plan: BoardPlan | null): void {
  const server = settingsRoots.server(settings);
  if (!plan) {
    server.delete('plan');
    return;
  }
  const { period } = plan;
  server.set('plan', {
    id: plan.id,
    name: plan.name,
    period: { number: period.number, name: period.name, first: period.first, last: period.last },
    periodCount: plan.periodCount,
    final: plan.final,
    workingGroup: plan.workingGroup,
  });
}
