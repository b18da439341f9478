import { nanoid } from 'nanoid';
import type { Role } from '../shared/roles.js';
import { type AsyncWriteGuard, inTransaction, type SqlDatabase, type SqlExecutor, type SqlValue } from './sql/types.js';

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

export interface PeopleStore {
  /** Live people of the board (removed ones do not count). */
  count(boardId: string): Promise<number>;
  add(person: Omit<Person, 'id' | 'createdAt'>, tokenHash: string): Promise<Person>;
  /** The person whose (live) personal token has this hash on this board. */
  byTokenHash(boardId: string, tokenHash: string): Promise<Person | null>;
  get(boardId: string, personId: string): Promise<Person | null>;
  /** Live people of a board, oldest first. */
  list(boardId: string): Promise<Person[]>;
  rename(boardId: string, personId: string, name: string): Promise<Person | null>;
  /** Gives the person a new token; the old one stops working. False when there is no such (live) person. */
  replaceToken(boardId: string, personId: string, tokenHash: string): Promise<boolean>;
  /** Revokes the person's token for good (removal from the roster). */
  revoke(boardId: string, personId: string): Promise<Person | null>;
  /** Revokes every guest of a board with this role except `keep` (their shared link was replaced). */
  revokeGuests(boardId: string, role: PersonRole, keep: string | null): Promise<string[]>;
  /**
   * A person's name as this process last read or wrote it, without a query: for presence and the audit of
   * settings changes, which run synchronously inside a commit. A board's people are read and renamed by the
   * process that serves the board, so this is its current name there.
   */
  nameNow(boardId: string, personId: string): string | null;
  /** The same store inside the caller's transaction (the next period's board and its people, at once). */
  within(tx: SqlExecutor): PeopleStore;
}

const LIVE = 'revoked_at IS NULL';

export interface PeopleStoreOptions {
  /** Hears every removal: who wrote under which client id stops counting (server/clientWriters.ts). */
  onRevoked?: (boardId: string, personIds: readonly string[]) => void;
}

export function openPeopleStore(
  db: SqlDatabase | SqlExecutor,
  guard: AsyncWriteGuard = (run) => run(),
  options: PeopleStoreOptions = {},
  names = new Map<string, string>(),
): PeopleStore {
  const nameKey = (boardId: string, personId: string) => `${boardId}\u0000${personId}`;
  const seen = (person: Person) => {
    names.set(nameKey(person.boardId, person.id), person.name);
    return person;
  };
  const one = async (sql: string, params: SqlValue[]) => {
    const row = await db.get<PersonRow>(sql, params);
    return row ? seen(toPerson(row)) : null;
  };
  const get = (boardId: string, personId: string) =>
    one(`SELECT * FROM people WHERE board_id = ? AND id = ? AND ${LIVE}`, [boardId, personId]);
  const revokeOne = (boardId: string, personId: string, at: number) =>
    db.run(`UPDATE people SET revoked_at = ? WHERE board_id = ? AND id = ? AND ${LIVE}`, [at, boardId, personId]);

  return {
    async count(boardId) {
      const row = await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM people WHERE board_id = ? AND ${LIVE}`, [
        boardId,
      ]);
      return row?.n ?? 0;
    },
    async add(person, tokenHash) {
      const stored: Person = { ...person, id: nanoid(12), createdAt: Date.now() };
      await guard(() =>
        db.run(
          'INSERT INTO people (id, board_id, kind, role, name, token_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
          [stored.id, stored.boardId, stored.kind, stored.role, stored.name, tokenHash, stored.createdAt],
        ),
      );
      return seen(stored);
    },
    byTokenHash: (boardId, tokenHash) =>
      one(`SELECT * FROM people WHERE board_id = ? AND token_hash = ? AND ${LIVE}`, [boardId, tokenHash]),
    get,
    async list(boardId) {
      const rows = await db.all<PersonRow>(
        `SELECT * FROM people WHERE board_id = ? AND ${LIVE} ORDER BY created_at, id`,
        [boardId],
      );
      return rows.map((row) => seen(toPerson(row)));
    },
    async rename(boardId, personId, name) {
      const result = await guard(() =>
        db.run(`UPDATE people SET name = ? WHERE board_id = ? AND id = ? AND ${LIVE}`, [name, boardId, personId]),
      );
      return result.changes === 0 ? null : get(boardId, personId);
    },
    async replaceToken(boardId, personId, tokenHash) {
      const result = await guard(() =>
        db.run(`UPDATE people SET token_hash = ? WHERE board_id = ? AND id = ? AND ${LIVE}`, [
          tokenHash,
          boardId,
          personId,
        ]),
      );
      return result.changes > 0;
    },
    async revoke(boardId, personId) {
      const person = await get(boardId, personId);
      if (!person) return null;
      await guard(() => revokeOne(boardId, personId, Date.now()));
      names.delete(nameKey(boardId, personId));
      options.onRevoked?.(boardId, [personId]);
      return person;
    },
    async revokeGuests(boardId, role, keep) {
      const now = Date.now();
      const ids = await guard(() =>
        inTransaction(db, async (tx) => {
          const rows = await tx.all<{ id: string }>(
            `SELECT id FROM people WHERE board_id = ? AND kind = 'guest' AND role = ? AND ${LIVE}`,
            [boardId, role],
          );
          const revoked = rows.map((row) => row.id).filter((id) => id !== keep);
          for (const id of revoked) {
            await tx.run(`UPDATE people SET revoked_at = ? WHERE board_id = ? AND id = ? AND ${LIVE}`, [
              now,
              boardId,
              id,
            ]);
          }
          return revoked;
        }),
      );
      for (const id of ids) names.delete(nameKey(boardId, id));
      if (ids.length > 0) options.onRevoked?.(boardId, ids);
      return ids;
    },
    nameNow: (boardId, personId) => names.get(nameKey(boardId, personId)) ?? null,
    within: (tx) => openPeopleStore(tx, guard, options, names),
  };
}
