/**
 * The server's one logging shape. Every module receives a `Log` (injected, like storage) and calls it with a
 * sentence for people and, where it matters to an operator or an auditor, structured fields: the event name,
 * its level and the board, role, person, address and request it concerns. How lines are written (plain text
 * or JSON lines, which levels) is decided once, where the server is composed.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface LogFields {
  /** A stable, dotted name an operator can filter on, e.g. `security.limit` or `board.created`. */
  event?: string;
  level?: LogLevel;
  board?: string;
  role?: string;
  person?: string;
  address?: string;
  requestId?: string;
  [field: string]: unknown;
}

export type Log = (message: string, fields?: LogFields) => void;
