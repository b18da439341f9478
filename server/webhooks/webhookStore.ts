import type Database from 'better-sqlite3';
import type { WriteGuard } from '../people.js';

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

export type WebhookStore = ReturnType<typeof openWebhookStore>;

export function openWebhookStore(db: Database.Database, guardWrite: WriteGuard = (run) => run()) {
  const select = db.prepare<[string], Row>('SELECT * FROM digest_webhooks WHERE board_id = ?');
  const due = db.prepare<[number], Row>('SELECT * FROM digest_webhooks WHERE next_run_at <= ? ORDER BY next_run_at');
  const upsert = db.prepare(
    `INSERT INTO digest_webhooks (board_id, url, format, weekday, minute_of_day, covered_since, next_run_at, failures)
     VALUES (@boardId, @url, @format, @weekday, @minuteOfDay, @coveredSince, @nextRunAt, 0)
     ON CONFLICT (board_id) DO UPDATE SET url = excluded.url, format = excluded.format, weekday = excluded.weekday,
       minute_of_day = excluded.minute_of_day, next_run_at = excluded.next_run_at, failures = 0, last_error = NULL`,
  );
  const remove = db.prepare('DELETE FROM digest_webhooks WHERE board_id = ?');
  const succeeded = db.prepare(
    `UPDATE digest_webhooks SET covered_since = ?, next_run_at = ?, failures = 0, last_attempt_at = ?,
       last_success_at = ?, last_error = NULL WHERE board_id = ?`,
  );
  const failed = db.prepare(
    `UPDATE digest_webhooks SET next_run_at = ?, failures = failures + 1, last_attempt_at = ?, last_error = ?
     WHERE board_id = ?`,
  );
  return {
    get: (boardId: string): DigestWebhook | null => {
      const row = select.get(boardId);
      return row ? toWebhook(row) : null;
    },
    due: (now: number): DigestWebhook[] => due.all(now).map(toWebhook),
    set: (webhook: Omit<DigestWebhook, 'failures' | 'lastAttemptAt' | 'lastSuccessAt' | 'lastError'>) =>
      guardWrite(() => upsert.run(webhook)),
    remove: (boardId: string) => guardWrite(() => remove.run(boardId).changes > 0),
    succeeded: (boardId: string, at: number, nextRunAt: number) =>
      guardWrite(() => succeeded.run(at, nextRunAt, at, at, boardId)),
    failed: (boardId: string, at: number, nextRunAt: number, error: string) =>
      guardWrite(() => failed.run(nextRunAt, at, error.slice(0, 500), boardId)),
  };
}
