import type { IncomingMessage } from 'node:http';
import { requestFields } from '../accessLog.js';
import type { Access } from '../auth.js';
import type { ApiContext } from './context.js';

/** The administrative events an operator and an auditor follow in the server log (docs/security.md "Logs"). */
export type AdminEvent =
  | 'board.created'
  | 'board.imported'
  | 'board.exported'
  | 'board.deleted'
  | 'board.archived'
  | 'board.unarchived'
  | 'link.replaced'
  | 'plan.next-period';

/**
 * One line per administrative action, with who (role, person id), from where (address) and in which request:
 * the audit log inside the board says the same to its facilitator; this one survives the board's deletion.
 */
export function logAdminEvent(
  context: Pick<ApiContext, 'log'>,
  req: IncomingMessage,
  event: AdminEvent,
  message: string,
  fields: { board: string; access?: Access | null; [field: string]: unknown },
): void {
  const { access, ...rest } = fields;
  context.log(message, {
    event,
    level: 'info',
    role: access?.role,
    person: access?.person?.id,
    ...requestFields(req),
    ...rest,
  });
}
