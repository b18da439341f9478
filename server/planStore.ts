import type Database from 'better-sqlite3';
import { isFinalPeriod, type PlanPeriod, type PlanShape } from '../shared/plan.js';
import type { BoardPlan } from '../shared/records/boardPlan.js';
import type { WriteGuard } from './people.js';

/**
 * Plans and the boards of their periods, in SQLite (tables `plans`, `plan_periods`, `plan_boards`, schema 6).
 * The source of truth: the settings document's `server.plan` only shows it (server/api/plans.ts mirrors it).
 */
export interface StoredPlan extends PlanShape {
  id: string;
  /** The secret a facilitator gives to join another board to the plan (never in a document). */
  joinKey: string;
  createdAt: number;
  updatedAt: number;
}

export interface PlanBoard {
  boardId: string;
  periodNumber: number;
  workingGroup: string;
}

/** Why a board cannot join a plan period. */
export type AttachRefusal = 'no-plan' | 'no-period' | 'period-taken';

export interface PlanStore {
  create(id: string, joinKey: string, plan: PlanShape, now: number): StoredPlan;
  get(id: string): StoredPlan | null;
  byJoinKey(joinKey: string): StoredPlan | null;
  /** Renames the plan or its periods (the years of a period are fixed once boards use them). */
  rename(id: string, name: string, periodNames: ReadonlyMap<number, string>, now: number): StoredPlan | null;
  boards(planId: string): PlanBoard[];
  /** The plan period a board is for, as its settings document shows it; null when in no plan. */
  planOfBoard(boardId: string): BoardPlan | null;
  attach(
    boardId: string,
    planId: string,
    periodNumber: number,
    workingGroup: string,
    now: number,
  ): AttachRefusal | null;
  detach(boardId: string): boolean;
  /** The board made for the next period from this one (「次期のボードを作る」), if any. */
  madeFrom(boardId: string): string | null;
  /** Records that `boardId` was made from `fromBoardId` (a second one for the same board is refused). */
  recordMadeFrom(fromBoardId: string, boardId: string): void;
  /** Runs several stores' writes as one SQLite transaction (they share the connection). */
  atomically<T>(run: () => T): T;
}

interface PlanRow {
  id: string;
  name: string;
  first_year: number;
  years: number;
  period_years: number;
  join_key: string;
  created_at: number;
  updated_at: number;
}

export function openPlanStore(db: Database.Database, guardWrite: WriteGuard = (run) => run()): PlanStore {
  const readPlan = db.prepare<[string], PlanRow>('SELECT * FROM plans WHERE id = ?');
  const readPeriods = db.prepare<[string], { number: number; name: string; first_year: number; last_year: number }>(
    'SELECT number, name, first_year, last_year FROM plan_periods WHERE plan_id = ? ORDER BY number',
  );
  const insertPlan = db.prepare(
    `INSERT INTO plans (id, name, first_year, years, period_years, join_key, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const readByJoinKey = db.prepare<[string], { id: string }>('SELECT id FROM plans WHERE join_key = ?');
  const readMadeFrom = db.prepare<[string], { board_id: string }>(
    'SELECT board_id FROM next_period_boards WHERE from_board_id = ?',
  );
  const insertMadeFrom = db.prepare('INSERT INTO next_period_boards (from_board_id, board_id) VALUES (?, ?)');
  const insertPeriod = db.prepare(
    'INSERT INTO plan_periods (plan_id, number, name, first_year, last_year) VALUES (?, ?, ?, ?, ?)',
  );
  const renamePlan = db.prepare('UPDATE plans SET name = ?, updated_at = ? WHERE id = ?');
  const renamePeriod = db.prepare('UPDATE plan_periods SET name = ? WHERE plan_id = ? AND number = ?');
  const readBoards = db.prepare<[string], { board_id: string; period_number: number; working_group: string }>(
    'SELECT board_id, period_number, working_group FROM plan_boards WHERE plan_id = ? ORDER BY period_number, working_group',
  );
  const readMembership = db.prepare<[string], { plan_id: string; period_number: number; working_group: string }>(
    'SELECT plan_id, period_number, working_group FROM plan_boards WHERE board_id = ?',
  );
  const readTaken = db.prepare<[string, number, string], { board_id: string }>(
    'SELECT board_id FROM plan_boards WHERE plan_id = ? AND period_number = ? AND working_group = ?',
  );
  const upsertMembership = db.prepare(
    `INSERT INTO plan_boards (board_id, plan_id, period_number, working_group, attached_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (board_id) DO UPDATE SET plan_id = excluded.plan_id, period_number = excluded.period_number,
       working_group = excluded.working_group, attached_at = excluded.attached_at`,
  );
  const deleteMembership = db.prepare('DELETE FROM plan_boards WHERE board_id = ?');

  const get = (id: string): StoredPlan | null => {
    const row = readPlan.get(id);
    if (!row) return null;
    const periods: PlanPeriod[] = readPeriods
      .all(id)
      .map((p) => ({ number: p.number, name: p.name, first: p.first_year, last: p.last_year }));
    return {
      id: row.id,
      joinKey: row.join_key,
      name: row.name,
      firstYear: row.first_year,
      years: row.years,
      periodYears: row.period_years,
      periods,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  };

  return {
    get,
    byJoinKey: (joinKey) => {
      const row = readByJoinKey.get(joinKey);
      return row ? get(row.id) : null;
    },
    madeFrom: (boardId) => readMadeFrom.get(boardId)?.board_id ?? null,
    recordMadeFrom: (fromBoardId, boardId) => guardWrite(() => void insertMadeFrom.run(fromBoardId, boardId)),
    atomically: (run) => guardWrite(() => db.transaction(run)()),
    create: (id, joinKey, plan, now) =>
      guardWrite(() =>
        db.transaction(() => {
          insertPlan.run(id, plan.name, plan.firstYear, plan.years, plan.periodYears, joinKey, now, now);
          for (const p of plan.periods) insertPeriod.run(id, p.number, p.name, p.first, p.last);
          return get(id)!;
        })(),
      ),
    rename: (id, name, periodNames, now) =>
      guardWrite(() =>
        db.transaction(() => {
          if (!readPlan.get(id)) return null;
          renamePlan.run(name, now, id);
          for (const [number, periodName] of periodNames) renamePeriod.run(periodName, id, number);
          return get(id);
        })(),
      ),
    boards: (planId) =>
      readBoards
        .all(planId)
        .map((row) => ({ boardId: row.board_id, periodNumber: row.period_number, workingGroup: row.working_group })),
    planOfBoard: (boardId) => {
      const membership = readMembership.get(boardId);
      const plan = membership ? get(membership.plan_id) : null;
      const period = plan?.periods.find((p) => p.number === membership?.period_number);
      if (!membership || !plan || !period) return null;
      return {
        id: plan.id,
        name: plan.name,
        period,
        periodCount: plan.periods.length,
        final: isFinalPeriod(plan, period.number),
        workingGroup: membership.working_group,
      };
    },
    attach: (boardId, planId, periodNumber, workingGroup, now) =>
      guardWrite(() =>
        db.transaction((): AttachRefusal | null => {
          const plan = get(planId);
          if (!plan) return 'no-plan';
          if (!plan.periods.some((p) => p.number === periodNumber)) return 'no-period';
          const taken = readTaken.get(planId, periodNumber, workingGroup);
          if (taken && taken.board_id !== boardId) return 'period-taken';
          upsertMembership.run(boardId, planId, periodNumber, workingGroup, now);
          return null;
        })(),
      ),
    detach: (boardId) => guardWrite(() => deleteMembership.run(boardId).changes > 0),
  };
}
