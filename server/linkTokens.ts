import type Database from 'better-sqlite3';
import type { Role } from '../shared/roles.js';
import type { TokenStore } from './api/context.js';
import type { WriteGuard } from './people.js';

/** Replaces a shared link's token hash. One fixed statement per role: no column name is ever built from input. */
export function openLinkTokenStore(db: Database.Database, guardWrite: WriteGuard = (run) => run()): TokenStore {
  const statements: Record<Role, Database.Statement> = {
    facilitator: db.prepare('UPDATE boards SET facilitator_token_hash = ? WHERE id = ?'),
    participant: db.prepare('UPDATE boards SET participant_token_hash = ? WHERE id = ?'),
    viewer: db.prepare('UPDATE boards SET viewer_token_hash = ? WHERE id = ?'),
  };
  return {
    replaceLinkTokenHash(boardId, role, tokenHash) {
      guardWrite(() => statements[role].run(tokenHash, boardId));
    },
  };
}
