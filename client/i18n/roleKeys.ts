import type { MessageKey } from '../../shared/i18n/ja';
import type { Role } from '../../shared/roles';

/** The message key naming each role. */
export const ROLE_KEYS = {
  facilitator: 'role.facilitator',
  participant: 'role.participant',
  viewer: 'role.viewer',
} as const satisfies Record<Role, MessageKey>;
