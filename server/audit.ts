import type Database from 'better-sqlite3';
import type { Role } from '../shared/roles.js';
import type { Log } from './log.js';
import type { WriteGuard } from './people.js';

/** Who did something: the role of the token used and, when the token is personal, the person behind it. */
export interface Actor {
  role: Role;
  personId: string | null;
  /**
   * The name at the time of the action (a later rename does not rewrite history). Through a shared link (no
   * person behind it), the display name the caller said it uses (`X-Display-Name`), as declared.
   */
  name: string | null;
  /** The address the action came from (server/remoteAddress.ts); null for entries older than this column. */
  address?: string | null;
}

/** The facilitator actions the audit log records. */
export type AuditAction =
  | 'board.lock'
  | 'board.unlock'
  | 'board.archive'
  | 'board.unarchive'
  | 'link.regenerate'
  | 'member.add'
  | 'member.rename'
  | 'member.remove'
  | 'member.regenerateLink'
  | 'settings.change'
  | 'voting.open'
  | 'voting.close'
  | 'voting.reveal'
  | 'scoring.open'
  | 'scoring.close'
  | 'scoring.reveal'
  | 'webhook.set'
  | 'webhook.remove'
  | 'snapshot.save'
  | 'snapshot.delete'
  | 'snapshot.restore'
  | 'board.export'
  | 'board.import'
  | 'plan.attach'
  | 'plan.detach'
  | 'plan.nextPeriod';

export interface AuditEntry {
  id: number;
  at: number;
  actor: Actor;
  action: AuditAction;
  /** What the action was about, e.g. `{ role: 'viewer' }` or `{ memberId, name }`. */
  detail: Record<string, unknown>;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
  at INTEGER NOT NULL,
  role TEXT NOT NULL,
  person_id TEXT,
  person_name TEXT,
  action TEXT NOT NULL,
  detail TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_by_board ON audit_log (board_id, id);
`;

interface AuditRow {
  id: number;
  at: number;
  role: Role;
  person_id: string | null;
  person_name: string | null;
  address: string | null;
  action: AuditAction;
  detail: string;
}

export interface AuditLog {
  record(boardId: string, actor: Actor, action: AuditAction, detail?: Record<string, unknown>): void;
  /**
   * The same entry written as part of the caller's SQLite transaction: it throws (a full disk as
   * StorageFullError) so that the whole transaction is undone — an action that must never happen unlogged.
   */
  recordInTransaction(boardId: string, actor: Actor, action: AuditAction, detail?: Record<string, unknown>): void;
  /** The newest `limit` entries of a board, newest first. */
  list(boardId: string, limit?: number): AuditEntry[];
}

/**
 * Settings changes arrive keystroke by keystroke (a pillar renamed letter by letter); one entry per person
 * per this interval is enough to answer "who changed the settings, and when".
 */
export const SETTINGS_CHANGE_COALESCE_MS = 60_000;

export function openAuditLog(
  db: Database.Database,
  options: { guardWrite?: WriteGuard; log?: Log; now?: () => number } = {},
): AuditLog {
  const now = options.now ?? Date.now;
  const guardWrite: WriteGuard = options.guardWrite ?? ((run) => run());
  db.exec(SCHEMA);
  // The address column came later: added once to an existing log (older entries keep null).
  const columns = db.prepare("SELECT name FROM pragma_table_info('audit_log')").all() as Array<{ name: string }>;
  if (!columns.some((column) => column.name === 'address')) db.exec('ALTER TABLE audit_log ADD COLUMN address TEXT');
  const insert = db.prepare(
    'INSERT INTO audit_log (board_id, at, role, person_id, person_name, address, action, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const select = db.prepare<[string, number], AuditRow>(
    'SELECT * FROM audit_log WHERE board_id = ? ORDER BY id DESC LIMIT ?',
  );
  const lastSettingsChange = new Map<string, number>();

  return {
    record(boardId, actor, action, detail = {}) {
      const at = now();
      if (action === 'settings.change') {
        const key = `${boardId}\u0000${actor.personId ?? actor.role}`;
        const last = lastSettingsChange.get(key);
        if (last !== undefined && at - last < SETTINGS_CHANGE_COALESCE_MS) return;
        lastSettingsChange.set(key, at);
      }
      // The action itself already happened: a log entry that cannot be stored (a full disk) is reported in
      // the server log rather than undoing or failing it, and never throws into a commit callback.
      try {
        guardWrite(() =>
          insert.run(
            boardId,
            at,
            actor.role,
            actor.personId,
            actor.name,
            actor.address ?? null,
            action,
            JSON.stringify(detail),
          ),
        );
      } catch (error) {
        options.log?.(`audit log of board ${boardId}: could not record ${action}: ${String(error)}`);
      }
    },
    recordInTransaction(boardId, actor, action, detail = {}) {
      guardWrite(() =>
        insert.run(
          boardId,
          now(),
          actor.role,
          actor.personId,
          actor.name,
          actor.address ?? null,
          action,
          JSON.stringify(detail),
        ),
      );
    },
    list(boardId, limit = 500) {
      return select.all(boardId, limit).map((row) => ({
        id: row.id,
        at: row.at,
        actor: { role: row.role, personId: row.person_id, name: row.person_name, address: row.address },
        action: row.action,
        detail: JSON.parse(row.detail) as Record<string, unknown>,
      }));
    },
  };
}
