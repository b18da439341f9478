// What voting and scoring take first in a transaction that reads a round and then writes it (a dot cast, a
// score, a close, a reveal, an opening). On SQLite the transaction is exclusive already (BEGIN IMMEDIATE:
// nothing else writes meanwhile). On PostgreSQL, READ COMMITTED lets two such transactions read the same rows
// and both write: two tabs of one person would each see a dot left in the budget and both place it. A no-op
// UPDATE of the row takes PostgreSQL's row lock, held until the transaction ends, in SQL both engines accept
// (SQLite has no SELECT … FOR UPDATE): the second transaction waits there and then reads what the first wrote.

/** Holds a round's row (`?` board id, `?` round number) in `voting_rounds` or `scoring_rounds`. */
export const lockRoundRow = (table: 'voting_rounds' | 'scoring_rounds') =>
  `UPDATE ${table} SET number = number WHERE board_id = ? AND number = ?`;

/**
 * Holds the board's row (`?` board id): opening a round has no round row to hold yet, and two openings at once
 * would otherwise both find none open (the second then failing on the one-open-round index, not refused).
 */
export const LOCK_BOARD_ROW = 'UPDATE boards SET title = title WHERE id = ?';
