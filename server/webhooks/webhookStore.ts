import type { AsyncWriteGuard, SqlDatabase, SqlExecutor } from '../sql/types.js';

/**
 * Each board's digest webhook (table `digest_webhooks`, schema migration 6 → 7): where and when the weekly digest
 * is posted, and how the last tries went. The address stays here: it is a secret of the chat (anyone holding it
 * can post there), and the settings document is readable by viewers.
 */
export interface DigestWebhook {
  boardId: string;
  url: string;
  format: 'text' | 'markdown';
  /** 0 = Sunday … 6 = Saturday, in Japan. */
  weekday: number;
  minuteOfDay: number;
  /** The digest covers what changed since then: the last success (or when it was set up). */
  coveredSince: number;
  nextRunAt: number;
  /** Failed tries in a row for the run under way (0 after a success). */
  failures: number;
  lastAttemptAt: number | null;
  lastSuccessAt: number | null;
  lastError: string | null;
}

interface Row {
  board_id: string;
  url: string;
  format: 'text' | 'markdown';
  weekday: number;
  minute_of_day: number;
  covered_since: number;
  next_run_at: number;
  failures: number;
  last_attempt_at: number | null;
  last_success_at: number | null;
  last_error: string | null;
}

const toWebhook = (row: Row): DigestWebhook => ({
  boardId: row.board_id,
  url: row.url,
  format: row.format,
  weekday: row.weekday,
  minuteOfDay: row.minute_of_day,
  coveredSince: row.covered_since,
  nextRunAt: row.next_run_at,
  failures: row.failures,
  lastAttemptAt: row.last_attempt_at,
  lastSuccessAt: row.last_success_at,
  lastError: row.last_error,
});

/** What `set` is given: the choice and its schedule; the record of past tries is the store's. */
export type WebhookSchedule = Omit<DigestWebhook, 'failures' | 'lastAttemptAt' | 'lastSuccessAt' | 'lastError'>;

export interface WebhookStore {
  get(boardId: string): Promise<DigestWebhook | null>;
  /** The webhooks due at `now`, the longest waiting first. */
  due(now: number): Promise<DigestWebhook[]>;
  /**
   * Sets or replaces a board's webhook and resolves with it as stored. `coveredSince` is a new webhook's only:
   * a replaced one keeps its own (what it has posted stays posted), and its failures are forgotten.
   */
  set(webhook: WebhookSchedule): Promise<DigestWebhook>;
  remove(boardId: string): Promise<boolean>;
  /** A post went through at `at`: the next digest covers what changes from then. */
  succeeded(boardId: string, at: number, nextRunAt: number): Promise<void>;
  /** A post failed at `at`: counted, its reason kept (cut to 500 characters), tried again at `nextRunAt`. */
  failed(boardId: string, at: number, nextRunAt: number, error: string): Promise<void>;
  /**
   * Takes a due run for this process: moves its time from `dueAt` to `until` unless another process (several on
   * one PostgreSQL) took it first. True when taken; the post's outcome then sets the next run. A process that dies
   * while posting leaves the run to be taken again at `until`: a digest is posted at least once.
   */
  claim(boardId: string, dueAt: number, until: number): Promise<boolean>;
}

const UPSERT = `INSERT INTO digest_webhooks (board_id, url, format, weekday, minute_of_day, covered_since, next_run_at, failures)
  VALUES (?, ?, ?, ?, ?, ?, ?, 0)
  ON CONFLICT (board_id) DO UPDATE SET url = excluded.url, format = excluded.format, weekday = excluded.weekday,
    minute_of_day = excluded.minute_of_day, next_run_at = excluded.next_run_at, failures = 0, last_error = NULL
  RETURNING *`;
const SUCCEEDED = `UPDATE digest_webhooks SET covered_since = ?, next_run_at = ?, failures = 0, last_attempt_at = ?,
    last_success_at = ?, last_error = NULL WHERE board_id = ?`;
const FAILED = `UPDATE digest_webhooks SET next_run_at = ?, failures = failures + 1, last_attempt_at = ?, last_error = ?
  WHERE board_id = ?`;

/** The store over either engine: each call is one statement, so none needs a transaction of its own. */
export function openWebhookStore(db: SqlDatabase | SqlExecutor, guard: AsyncWriteGuard = (run) => run()): WebhookStore {
  return {
    async get(boardId) {
      const row = await db.get<Row>('SELECT * FROM digest_webhooks WHERE board_id = ?', [boardId]);
      return row ? toWebhook(row) : null;
    },
    due: async (now) =>
      (await db.all<Row>('SELECT * FROM digest_webhooks WHERE next_run_at <= ? ORDER BY next_run_at', [now])).map(
        toWebhook,
      ),
    async set(webhook) {
      const row = await guard(() =>
        db.get<Row>(UPSERT, [
          webhook.boardId,
          webhook.url,
          webhook.format,
          webhook.weekday,
          webhook.minuteOfDay,
          webhook.coveredSince,
          webhook.nextRunAt,
        ]),
      );
      return toWebhook(row!);
    },
    remove: async (boardId) =>
      (await guard(() => db.run('DELETE FROM digest_webhooks WHERE board_id = ?', [boardId]))).changes > 0,
    async succeeded(boardId, at, nextRunAt) {
      await guard(() => db.run(SUCCEEDED, [at, nextRunAt, at, at, boardId]));
    },
    async failed(boardId, at, nextRunAt, error) {
      await guard(() => db.run(FAILED, [nextRunAt, at, error.slice(0, 500), boardId]));
    },
    async claim(boardId, dueAt, until) {
      const result = await guard(() =>
        db.run('UPDATE digest_webhooks SET next_run_at = ? WHERE board_id = ? AND next_run_at = ?', [
          until,
          boardId,
          dueAt,
        ]),
      );
      return result.changes > 0;
    },
  };
}
