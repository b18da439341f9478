import * as Y from 'yjs';
import { settingsRoots } from '../shared/docs.js';
import { TITLE_MAX } from '../shared/limits.js';
import { migrateBoardDoc, migrateSettingsDoc } from '../shared/migrations.js';
import { boardTitle } from '../shared/selectors.js';
import { HttpError } from './httpUtil.js';
import type { SnapshotStates } from './snapshotStore.js';

/**
 * Makes two documents the documents of a NEW board, in place: migrated to the current schema, with the
 * server-applied state (`server`: lock, archive, timer, voting rounds) and live facilitation (follow-me,
 * spotlight) cleared — that state belongs to the board whose server recorded it, and the new board's SQLite
 * has none of it (its voting rounds are mirrored again from its own rows) — and the title set.
 * Returns 'too-new' (changing nothing) for documents of a newer schema than this code.
 */
export function prepareNewBoardDocs(board: Y.Doc, settings: Y.Doc, title: string): 'ok' | 'too-new' {
  if (migrateBoardDoc(board) === 'too-new' || migrateSettingsDoc(settings) === 'too-new') return 'too-new';
  settings.transact(() => {
    const server = settingsRoots.server(settings);
    for (const key of [...server.keys()]) server.delete(key);
    // Live facilitation belongs to the meeting it happened in: a new board follows nobody and points at nothing.
    const facilitation = settingsRoots.facilitation(settings);
    facilitation.delete('followMe');
    facilitation.delete('spotlight');
    settingsRoots.meta(settings).set('title', title);
  });
  return 'ok';
}

/** The documents of a new board made from a snapshot (see prepareNewBoardDocs). */
export function documentsFromSnapshot(
  states: SnapshotStates,
  title: string | null,
  snapshotName: string,
): { title: string; board: Uint8Array; settings: Uint8Array } {
  const board = new Y.Doc();
  const settings = new Y.Doc();
  try {
    Y.applyUpdate(board, states.board);
    Y.applyUpdate(settings, states.settings);
    const newTitle = title ?? `${boardTitle(settings)}（${snapshotName}）`.slice(0, TITLE_MAX);
    if (prepareNewBoardDocs(board, settings, newTitle) === 'too-new') {
      throw new HttpError(409, 'this snapshot was written by a newer version of the server; update the server');
    }
    return { title: newTitle, board: Y.encodeStateAsUpdate(board), settings: Y.encodeStateAsUpdate(settings) };
  } finally {
    board.destroy();
    settings.destroy();
  }
}
