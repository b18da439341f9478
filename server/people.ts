import type Database from 'better-sqlite3';
import { nanoid } from 'nanoid';
import type { Role } from '../shared/roles.js';

/**
 * A person on a board, behind a personal token: a member the facilitator put on the roster (名簿), or a guest
 * the server issued to a browser that joined through a shared link. Votes, ownership and the audit log use
 * this identity rather than a link, which colleagues share.
 */
export interface Person {
  id: string;
  boardId: string;
  kind: 'member' | 'guest';
  /** What the personal token lets its holder do (a guest has the role of the link it joined through). */
  role: Exclude<Role, 'viewer'>;
  name: string;
  createdAt: number;
}

export type PersonRole = Person['role'];

const SCHEMA = `
CREATE TABLE IF NOT EXISTS people (
  id TEXT PRIMARY KEY,
  board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('member', 'guest')),
  role TEXT NOT NULL CHECK (role IN ('facilitator', 'participant')),
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  revoked_at INTEGER
);
CREATE INDEX IF NOT EXISTS people_by_board ON people (board_id, created_at);
`;

interface PersonRow {
  id: string;
  board_id: string;
  kind: Person['kind'];
  role: PersonRole;
  name: string;
  created_at: number;
}

const toPerson = (row: PersonRow): Person => ({
  id: row.id,
  boardId: row.board_id,
  kind: row.kind,
  role: row.role,
  name: row.name,
  createdAt: row.created_at,
});

/**
 * People (members and guests) a board may have at once: a working group is tens of people, so this is far
 * above honest use and stops a script minting guests without end from filling the disk. Removed people do not
 * count: replacing the participant link revokes the guests minted through it and frees their places.
 */
export const MAX_PEOPLE_PER_BOARD = 2000;

/** Runs a write; storage's `guardWrite` turns a full disk into a StorageFullError (server/storage/types.ts). */
export type WriteGuard = <T>(run: () => T) => T;

export interface PeopleStore {
  /** Live people of the board (removed ones do not count). */
  count(boardId: string): number;
  add(person: Omit<Person, 'id' | 'createdAt'>, tokenHash: string): Person;
  /** The person whose (live) personal token has this hash on this board. */
  byTokenHash(boardId: string, tokenHash: string): Person | null;
  get(boardId: string, personId: string): Person | null;
  /** Live people of a board, oldest first. */
  list(boardId: string): Person[];
  rename(boardId: string, personId: string, name: string): Person | null;
  /** Gives the person a new token; the old one stops working. False when there is no such (live) person. */
  replaceToken(boardId: string, personId: string, tokenHash: string): boolean;
  /** Revokes the person's token for good (removal from the roster). */
  revoke(boardId: string, personId: string): Person | null;
  /** Revokes every guest of a board with this role except `keep` (their shared link was replaced). */
  revokeGuests(boardId: string, role: PersonRole, keep: string | null): string[];
}

export function openPeopleStore(db: Database.Database, guardWrite: WriteGuard = (run) => run()): PeopleStore {
  db.exec(SCHEMA);
  const live = 'revoked_at IS NULL';
  const insert = db.prepare(
    'INSERT INTO people (id, board_id, kind, role, name, token_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const selectByHash = db.prepare<[string, string], PersonRow>(
    `SELECT * FROM people WHERE board_id = ? AND token_hash = ? AND ${live}`,
  );
  const selectOne = db.prepare<[string, string], PersonRow>(
    `SELECT * FROM people WHERE board_id = ? AND id = ? AND ${live}`,
  );
  const selectAll = db.prepare<[string], PersonRow>(
    `SELECT * FROM people WHERE board_id = ? AND ${live} ORDER BY created_at, id`,
  );
  const updateName = db.prepare(`UPDATE people SET name = ? WHERE board_id = ? AND id = ? AND ${live}`);
  const updateHash = db.prepare(`UPDATE people SET token_hash = ? WHERE board_id = ? AND id = ? AND ${live}`);
  const revokeOne = db.prepare(`UPDATE people SET revoked_at = ? WHERE board_id = ? AND id = ? AND ${live}`);
  const countAll = db.prepare<[string], { n: number }>(
    `SELECT COUNT(*) AS n FROM people WHERE board_id = ? AND ${live}`,
  );
  const selectGuests = db.prepare<[string, string], { id: string }>(
    `SELECT id FROM people WHERE board_id = ? AND kind = 'guest' AND role = ? AND ${live}`,
  );

  return {
    count(boardId) {
      return countAll.get(boardId)?.n ?? 0;
    },
    add(person, tokenHash) {
      const stored: Person = { ...person, id: nanoid(12), createdAt: Date.now() };
      guardWrite(() =>
        insert.run(stored.id, stored.boardId, stored.kind, stored.role, stored.name, tokenHash, stored.createdAt),
      );
      return stored;
    },
    byTokenHash(boardId, tokenHash) {
      const row = selectByHash.get(boardId, tokenHash);
      return row ? toPerson(row) : null;
    },
    get(boardId, personId) {
      const row = selectOne.get(boardId, personId);
      return row ? toPerson(row) : null;
    },
    list(boardId) {
      return selectAll.all(boardId).map(toPerson);
    },
    rename(boardId, personId, name) {
      if (guardWrite(() => updateName.run(name, boardId, personId)).changes === 0) return null;
      return this.get(boardId, personId);
    },
    replaceToken(boardId, personId, tokenHash) {
      return guardWrite(() => updateHash.run(tokenHash, boardId, personId)).changes > 0;
    },
    revoke(boardId, personId) {
      const person = this.get(boardId, personId);
      if (!person) return null;
      guardWrite(() => revokeOne.run(Date.now(), boardId, personId));
      return person;
    },
    revokeGuests(boardId, role, keep) {
      const ids = selectGuests
        .all(boardId, role)
        .map((row) => row.id)
        .filter((id) => id !== keep);
      const now = Date.now();
      guardWrite(() =>
        db.transaction(() => {
          for (const id of ids) revokeOne.run(now, boardId, id);
        })(),
      );
      return ids;
    },
  };
}
