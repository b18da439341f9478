import type { Log, LogFields, LogLevel } from './log.js';
import { redactText, redactValue } from './redact.js';

/** The levels in increasing importance: LOG_LEVEL=warn writes warn and error lines only. */
export const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

export interface JsonLogOptions {
  /** The least important level written; default info. */
  level?: LogLevel;
  /** Where a finished line goes (without its newline); default standard output. */
  write?: (line: string) => void;
  now?: () => Date;
}

/**
 * The server's log as JSON lines, one object per line, for journald, logrotate and an auditor's tools:
 * `time` (ISO 8601, UTC), `level`, `event`, `message`, then the fields the caller gave (board, role, person,
 * address, requestId, …). Secrets are redacted here, for every caller (server/redact.ts).
 */
export function createJsonLog(options: JsonLogOptions = {}): Log {
  const threshold = LOG_LEVELS.indexOf(options.level ?? 'info');
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const now = options.now ?? (() => new Date());
  return (message: string, fields: LogFields = {}) => {
    const { level = 'info', event = 'server.message', ...rest } = fields;
    if (LOG_LEVELS.indexOf(level) < threshold) return;
    const line: Record<string, unknown> = { time: now().toISOString(), level, event, message: redactText(message) };
    for (const [name, value] of Object.entries(rest)) {
      if (value !== undefined) line[name] = redactValue(value, name);
    }
    try {
      write(JSON.stringify(line));
    } catch {
      // A value JSON cannot hold (a BigInt, a cycle): the line is still written, without its fields.
      write(JSON.stringify({ time: line.time, level, event, message: line.message }));
    }
  };
}
