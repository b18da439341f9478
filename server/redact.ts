/**
 * Secrets never reach a log line: the websocket address carries the token as `?token=`, board links carry it as
 * `#token=`, API calls as `Authorization: Bearer`. Whatever a module logs (a message, a path, an error's text)
 * passes through here once, where lines are written, so one forgotten `split('?')` cannot leak a link.
 */
const TOKEN_PARAMETER = /([?&#;]|\b)(token|admin_?token|access_token)=[^&#\s"',;)]*/gi;
const BEARER = /\b(Bearer)\s+[^\s"',;]+/gi;
const REDACTED = '[redacted]';

/** Field names whose value is a secret whatever it looks like. */
const SECRET_FIELDS = /^(token|tokens|authorization|adminToken|admin_token|password|secret|tokenHash)$/i;

export function redactText(text: string): string {
  return text.replace(TOKEN_PARAMETER, `$1$2=${REDACTED}`).replace(BEARER, `$1 ${REDACTED}`);
}

/** A value ready for a log line: strings redacted, secret-named fields replaced, nested objects walked. */
export function redactValue(value: unknown, name = '', depth = 0): unknown {
  if (SECRET_FIELDS.test(name)) return REDACTED;
  if (typeof value === 'string') return redactText(value);
  if (value instanceof Error) return redactText(value.stack ?? value.message);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, '', depth + 1));
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([key, item]) => [key, redactValue(item, key, depth + 1)]),
  );
}
