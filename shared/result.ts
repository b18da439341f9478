/** Why an operation refused a user's input. Each maps to a message the user can act on (i18n `error.*`). */
export type BoardError =
  | 'noteEmpty'
  | 'noteTooLong'
  | 'noteNotFound'
  | 'noteNotInTrash'
  | 'pillarNotFound'
  | 'titleEmpty'
  | 'titleTooLong'
  | 'lastPillar'
  | 'colorInvalid'
  | 'itemNotFound'
  | 'meetingNotFound'
  | 'meetingNotLast'
  | 'dateInvalid'
  | 'textTooLong'
  // Tasks between meetings (shared/ops/meetingTasks.ts)
  | 'taskEmpty'
  | 'taskKindInvalid'
  | 'taskTargetInvalid'
  | 'taskNotFound'

  // Clusters (shared/ops/clusters.ts)
  | 'clusterNotFound'
  | 'clusterExists'
  | 'clusterSameNote'
  | 'noteNotInCluster'
  | 'noteUnplaced'
  // Accepting a suggested group (shared/ops/suggestedGroup.ts)
  | 'suggestionTooFew'

  // Comments and reactions (shared/ops/comments.ts)
  | 'commentEmpty'
  | 'commentTooLong'
  | 'commentNotFound'
  | 'mentionsTooMany'
  | 'commentNotOwn'
  | 'reactionInvalid'

  // Draft initiatives (shared/ops/initiatives.ts)
  | 'initiativeNotFound'
  | 'initiativeInvalid'

  // The board's period (shared/ops/period.ts)
  | 'periodInvalid'
  | 'periodReversed'
  | 'periodTooLong'

  // Verification of the previous period (shared/ops/verification.ts)
  | 'verificationInvalid';

export type Result<T> = { ok: true; value: T } | { ok: false; error: BoardError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(error: BoardError): Result<T> => ({ ok: false, error });
