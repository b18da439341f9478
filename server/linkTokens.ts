import type { Role } from '../shared/roles.js';
import type { TokenStore } from './api/context.js';
import type { AsyncWriteGuard, SqlDatabase } from './sql/types.js';

/** One fixed statement per role: no column name is ever built from input. */
const REPLACE: Record<Role, string> = {
  facilitator: 'UPDATE boards SET facilitator_token_hash = ? WHERE id = ?',
  participant: 'UPDATE boards SET participant_token_hash = ? WHERE id = ?',
  viewer: 'UPDATE boards SET viewer_token_hash = ? WHERE id = ?',
};

/** Replaces a shared link's token hash. */
export function openLinkTokenStore(db: SqlDatabase, guard: AsyncWriteGuard = (run) => run()): TokenStore {
  return {
    async replaceLinkTokenHash(boardId, role, tokenHash) {
      await guard(() => db.run(REPLACE[role], [tokenHash, boardId]));
    },
  };
}
