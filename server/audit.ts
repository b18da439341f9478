import type { Role } from '../shared/roles.js';
import type { Log } from './log.js';
import type { AsyncWriteGuard, SqlDatabase, SqlExecutor } from './sql/types.js';

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
  /**
   * Records an action that already happened: an entry that cannot be stored (a full disk) is reported in the
   * server log rather than undoing or failing it; it never rejects.
   */
  record(boardId: string, actor: Actor, action: AuditAction, detail?: Record<string, unknown>): Promise<void>;
  /**
   * The same entry written as part of the caller's transaction (a log bound to it with `within`): it rejects (a
   * full disk as StorageFullError) so that the whole transaction is undone — an action that must never happen
   * unlogged.
   */
  recordInTransaction(
    boardId: string,
    actor: Actor,
    action: AuditAction,
    detail?: Record<string, unknown>,
  ): Promise<void>;
  /** The newest `limit` entries of a board, newest first. */
  list(boardId: string, limit?: number): Promise<AuditEntry[]>;
  /** The same log inside the caller's transaction. */
  within(tx: SqlExecutor): AuditLog;
}

/**
 * Settings changes arrive keystroke by keystroke (a pillar renamed letter by letter); one entry per person
 * per this interval is enough to answer "who changed the settings, and when".
 */
export const SETTINGS_CHANGE_COALESCE_MS = 60_000;

export function openAuditLog(
  db: SqlDatabase | SqlExecutor,
  options: { guard?: AsyncWriteGuard; log?: Log; now?: () => number } = {},
  /** When each person last changed the settings: shared by the logs bound to transactions. */
  lastSettingsChange = new Map<string, number>(),
): AuditLog {
  const now = options.now ?? Date.now;
  const guard: AsyncWriteGuard = options.guard ?? ((run) => run());
  const insert = (boardId: string, at: number, actor: Actor, action: AuditAction, detail: Record<string, unknown>) =>
    guard(() =>
      db.run(
        'INSERT INTO audit_log (board_id, at, role, person_id, person_name, address, action, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        [boardId, at, actor.role, actor.personId, actor.name, actor.address ?? null, action, JSON.stringify(detail)],
      ),
    );

  return {
    async record(boardId, actor, action, detail = {}) {
      const at = now();
      if (action === 'settings.change') {
        const key = `${boardId}\u0000${actor.personId ?? actor.role}`;
        const last = lastSettingsChange.get(key);
        if (last !== undefined && at - last < SETTINGS_CHANGE_COALESCE_MS) return;
        lastSettingsChange.set(key, at);
      }
      try {
        await insert(boardId, at, actor, action, detail);
      } catch (error) {
        options.log?.(`audit log of board ${boardId}: could not record ${action}: ${String(error)}`);
      }
    },
    async recordInTransaction(boardId, actor, action, detail = {}) {
      await insert(boardId, now(), actor, action, detail);
    },
    async list(boardId, limit = 500) {
      const rows = await db.all<AuditRow>('SELECT * FROM audit_log WHERE board_id = ? ORDER BY id DESC LIMIT ?', [
        boardId,
        limit,
      ]);
      return rows.map((row) => ({
        id: row.id,
        at: row.at,
        actor: { role: row.role, personId: row.person_id, name: row.person_name, address: row.address },
        action: row.action,
        detail: JSON.parse(row.detail) as Record<string, unknown>,
      }));
    },
    within: (tx) => openAuditLog(tx, options, lastSettingsChange),
  };
}
