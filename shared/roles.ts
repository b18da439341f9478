/** What a link lets its holder do. The token in the link decides the role; the server enforces it. */
export type Role = 'facilitator' | 'participant' | 'viewer';

export const ROLES: readonly Role[] = ['facilitator', 'participant', 'viewer'];

/** The two Yjs documents of a board. */
export type DocKind = 'board' | 'settings';

/**
 * Who may write which document. The server refuses whole documents, never single changes inside one,
 * which is why facilitator-only state lives in its own (settings) document.
 */
export function canWrite(role: Role, doc: DocKind): boolean {
  if (role === 'viewer') return false;
  if (doc === 'settings') return role === 'facilitator';
  return true;
}
