import type { Role } from './roles.js';

/**
 * Who may do what with the note trash (ごみ箱): one rule, used by the trash dialog and the editor's
 * 「元に戻す」. Anyone who writes the board may restore any trashed note — a colleague's delete must never
 * strand someone else's words —; only the facilitator erases one for good (完全に削除). The server cannot tell
 * a restore or an erase from any other write to the board document, so this is enforced by the client, like
 * comment authorship (docs/security.md).
 */
export interface TrashRights {
  restore: boolean;
  purge: boolean;
}

export function trashRights(role: Role): TrashRights {
  return { restore: role !== 'viewer', purge: role === 'facilitator' };
}
