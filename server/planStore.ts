import { isFinalPeriod, type PlanPeriod, type PlanShape } from '../shared/plan.js';
import type { BoardPlan } from '../shared/records/boardPlan.js';
import { type AsyncWriteGuard, inTransaction, type SqlDatabase, type SqlExecutor } from './sql/types.js';

/**
 * Plans and the boards of their periods (tables `plans`, `plan_periods`, `plan_boards`, schema 6).
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
  create(id: string, joinKey: string, plan: PlanShape, now: number): Promise<StoredPlan>;
  get(id: string): Promise<StoredPlan | null>;
  byJoinKey(joinKey: string): Promise<StoredPlan | null>;
  /** Renames the plan or its periods (the years of a period are fixed once boards use them). */
  rename(id: string, name: string, periodNames: ReadonlyMap<number, string>, now: number): Promise<StoredPlan | null>;
  boards(planId: string): Promise<PlanBoard[]>;
  /** The plan period a board is for, as its settings document shows it; null when in no plan. */
  planOfBoard(boardId: string): Promise<BoardPlan | null>;
  attach(
    boardId: string,
    planId: string,
    periodNumber: number,
    workingGroup: string,
    now: number,
  ): Promise<AttachRefusal | null>;
  detach(boardId: string): Promise<boolean>;
  /** The board made for the next period from this one (「次期のボードを作る」), if any. */
  madeFrom(boardId: string): Promise<string | null>;
  /** Records that `boardId` was made from `fromBoardId` (a second one for the same board is refused). */
  recordMadeFrom(fromBoardId: string, boardId: string): Promise<void>;
  /** The same store inside the caller's transaction (the next period's board, its plan rows and people at once). */
  within(tx: SqlExecutor): PlanStore;
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

type PeriodRow = { number: number; name: string; first_year: number; last_year: number };

export function openPlanStore(db: SqlDatabase | SqlExecutor, guard: AsyncWriteGuard = (run) => run()): PlanStore {
  const get = async (id: string, on: SqlExecutor = db): Promise<StoredPlan | null> => {
    const row = await on.get<PlanRow>('SELECT * FROM plans WHERE id = ?', [id]);
    if (!row) return null;
    const periodRows = await on.all<PeriodRow>(
      'SELECT number, name, first_year, last_year FROM plan_periods WHERE plan_id = ? ORDER BY number',
      [id],
    );
    const periods: PlanPeriod[] = periodRows.map((p) => ({
      number: p.number,
      name: p.name,
      first: p.first_year,
      last: p.last_year,
    }));
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
    get: (id) => get(id),
    async byJoinKey(joinKey) {
      const row = await db.get<{ id: string }>('SELECT id FROM plans WHERE join_key = ?', [joinKey]);
      return row ? get(row.id) : null;
    },
    async madeFrom(boardId) {
      const row = await db.get<{ board_id: string }>(
        'SELECT board_id FROM next_period_boards WHERE from_board_id = ?',
        [boardId],
      );
      return row?.board_id ?? null;
    },
    async recordMadeFrom(fromBoardId, boardId) {
      await guard(() =>
        db.run('INSERT INTO next_period_boards (from_board_id, board_id) VALUES (?, ?)', [fromBoardId, boardId]),
      );
    },
    create: (id, joinKey, plan, now) =>
      guard(() =>
        inTransaction(db, async (tx) => {
          await tx.run(
            `INSERT INTO plans (id, name, first_year, years, period_years, join_key, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
            [id, plan.name, plan.firstYear, plan.years, plan.periodYears, joinKey, now, now],
          );
          for (const p of plan.periods) {
            await tx.run(
              'INSERT INTO plan_periods (plan_id, number, name, first_year, last_year) VALUES (?, ?, ?, ?, ?)',
              [id, p.number, p.name, p.first, p.last],
            );
          }
          return (await get(id, tx))!;
        }),
      ),
    rename: (id, name, periodNames, now) =>
      guard(() =>
        inTransaction(db, async (tx) => {
          const renamed = await tx.run('UPDATE plans SET name = ?, updated_at = ? WHERE id = ?', [name, now, id]);
          if (renamed.changes === 0) return null;
          for (const [number, periodName] of periodNames) {
            await tx.run('UPDATE plan_periods SET name = ? WHERE plan_id = ? AND number = ?', [periodName, id, number]);
          }
          return get(id, tx);
        }),
      ),
    async boards(planId) {
      const rows = await db.all<{ board_id: string; period_number: number; working_group: string }>(
        'SELECT board_id, period_number, working_group FROM plan_boards WHERE plan_id = ? ORDER BY period_number, working_group',
        [planId],
      );
      return rows.map((row) => ({
        boardId: row.board_id,
        periodNumber: row.period_number,
        workingGroup: row.working_group,
      }));
    },
    async planOfBoard(boardId) {
      const membership = await db.get<{ plan_id: string; period_number: number; working_group: string }>(
        'SELECT plan_id, period_number, working_group FROM plan_boards WHERE board_id = ?',
        [boardId],
      );
      const plan = membership ? await get(membership.plan_id) : null;
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
      guard(() =>
        inTransaction(db, async (tx): Promise<AttachRefusal | null> => {
          // Locks the plan's row on PostgreSQL: two boards joining one period at once are decided one after the other.
          const locked = await tx.run('UPDATE plans SET updated_at = updated_at WHERE id = ?', [planId]);
          const plan = locked.changes > 0 ? await get(planId, tx) : null;
          if (!plan) return 'no-plan';
          if (!plan.periods.some((p) => p.number === periodNumber)) return 'no-period';
          const taken = await tx.get<{ board_id: string }>(
            'SELECT board_id FROM plan_boards WHERE plan_id = ? AND period_number = ? AND working_group = ?',
            [planId, periodNumber, workingGroup],
          );
          if (taken && taken.board_id !== boardId) return 'period-taken';
          await tx.run(
            `INSERT INTO plan_boards (board_id, plan_id, period_number, working_group, attached_at) VALUES (?, ?, ?, ?, ?)
             ON CONFLICT (board_id) DO UPDATE SET plan_id = excluded.plan_id, period_number = excluded.period_number,
               working_group = excluded.working_group, attached_at = excluded.attached_at`,
            [boardId, planId, periodNumber, workingGroup, now],
          );
          return null;
        }),
      ),
    async detach(boardId) {
      const result = await guard(() => db.run('DELETE FROM plan_boards WHERE board_id = ?', [boardId]));
      return result.changes > 0;
    },
    within: (tx) => openPlanStore(tx, guard),
  };
}
