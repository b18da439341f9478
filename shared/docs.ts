import type * as Y from 'yjs';

/** The named roots of the two documents. Other tools rely on these names (docs/schema.md). */
export const boardRoots = {
  meta: (doc: Y.Doc) => doc.getMap<unknown>('meta'),
  notes: (doc: Y.Doc) => doc.getMap<unknown>('notes'),
  /** cluster id → cluster record (shared/records/cluster.ts); membership is on the notes. */
  clusters: (doc: Y.Doc) => doc.getMap<unknown>('clusters'),
  /** item id (cluster or note) → its place on the priority matrix (shared/records/matrix.ts). */
  matrix: (doc: Y.Doc) => doc.getMap<unknown>('matrix'),
  /** item id (cluster or note) → marked for the target period (shared/records/shortlist.ts). */
  shortlist: (doc: Y.Doc) => doc.getMap<unknown>('shortlist'),
  /** comment id → comment on a note or a cluster (shared/records/comment.ts). Optional: absent until used. */
  comments: (doc: Y.Doc) => doc.getMap<unknown>('comments'),
  /** `${targetId}|${emoji}|${personId}` → true: one person's reaction (shared/records/comment.ts). */
  reactions: (doc: Y.Doc) => doc.getMap<unknown>('reactions'),
  /** initiative id → draft initiative of the implementation plan (shared/records/initiative.ts). */
  initiatives: (doc: Y.Doc) => doc.getMap<unknown>('initiatives'),
  /** previous initiative id → 「前期からの継続」 card with its verification (shared/records/continued.ts). */
  continued: (doc: Y.Doc) => doc.getMap<unknown>('continued'),
};

export const settingsRoots = {
  meta: (doc: Y.Doc) => doc.getMap<unknown>('meta'),
  pillars: (doc: Y.Doc) => doc.getMap<unknown>('pillars'),
  laneLabels: (doc: Y.Doc) => doc.getMap<unknown>('laneLabels'),
  /** The matrix's axis and quadrant labels and the shortlist's target-period label (facilitator's). */
  prioritization: (doc: Y.Doc) => doc.getMap<unknown>('prioritization'),
  /** How the matrix places items: by hand or at a revealed scoring round's medians (shared/records/matrixPlacement.ts). */
  matrixPlacement: (doc: Y.Doc) => doc.getMap<unknown>('matrixPlacement'),
  /** item id → true: kept at its place by hand while the matrix shows the medians (shared/records/matrixPlacement.ts). */
  matrixPins: (doc: Y.Doc) => doc.getMap<unknown>('matrixPins'),
  /** The meeting plan: meeting id → meeting (shared/records/meeting.ts). */
  meetings: (doc: Y.Doc) => doc.getMap<unknown>('meetings'),
  /** Tasks due between meetings: task id → task (shared/records/meetingTask.ts). */
  meetingTasks: (doc: Y.Doc) => doc.getMap<unknown>('meetingTasks'),
  /** Live facilitation: `currentMeetingId`. */
  facilitation: (doc: Y.Doc) => doc.getMap<unknown>('facilitation'),
  /** Written only by the server (shared/records/serverState.ts). */
  server: (doc: Y.Doc) => doc.getMap<unknown>('server'),
};
