/** What a link lets its holder do. The token in the link decides the role; the server enforces it. */
export type Role = 'facilitator' | 'participant' | 'viewer';

export const ROLES: readonly Role[] = ['facilitator', 'participant', 'viewer'];

/** The two Yjs documents of a board. */
export type DocKind = 'board' | 'settings';

/* Who may write what (role, lock, archive, full disk, full board): shared/writePolicy.ts, the one rule. */
