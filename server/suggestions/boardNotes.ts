import type * as Y from 'yjs';
import { listNotes, readClusters, shownClusterId } from '../../shared/selectors.js';
import type { BoardNote } from './workerProtocol.js';

/**
 * The board's live, placed notes as the room's Y.Doc holds them (never as a client says), through the shared
 * selectors, for the analysis worker. Clustered notes are kept (they weigh in the board's word statistics) and
 * marked, so the worker never proposes to move them. Runs on the main thread: a read, no tokenising (a few
 * milliseconds for 3,000 notes).
 */
export function readBoardNotes(doc: Y.Doc): BoardNote[] {
  const clusters = readClusters(doc);
  const notes: BoardNote[] = [];
  for (const note of listNotes(doc)) {
    if (note.deletedAt !== null || note.place === null) continue;
    notes.push({
      id: note.id,
      text: note.text,
      pillarId: note.place.pillarId,
      lane: note.place.lane,
      clustered: shownClusterId(note, clusters) !== null,
    });
  }
  return notes;
}
