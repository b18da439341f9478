import type * as Y from 'yjs';

/** The named roots of the two documents. Other tools rely on these names (docs/schema.md). */
export const boardRoots = {
  meta: (doc: Y.Doc) => doc.getMap<unknown>('meta'),
  notes: (doc: Y.Doc) => doc.getMap<unknown>('notes'),
};

export const settingsRoots = {
  meta: (doc: Y.Doc) => doc.getMap<unknown>('meta'),
  pillars: (doc: Y.Doc) => doc.getMap<unknown>('pillars'),
  laneLabels: (doc: Y.Doc) => doc.getMap<unknown>('laneLabels'),
  /** Written only by the server (shared/records/serverState.ts). */
  server: (doc: Y.Doc) => doc.getMap<unknown>('server'),
};
