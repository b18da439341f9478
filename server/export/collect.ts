import * as Y from 'yjs';
import { participantExportsAllowed } from '../../shared/records/exportPolicy.js';
import type { DocKind } from '../../shared/roles.js';
import { boardTitle } from '../../shared/selectors.js';
import type { AuditLog } from '../audit.js';
import type { Rooms } from '../rooms.js';
import type { SealedScoringRound } from '../scoringStore.js';
import type { BoardStore, DocumentStore } from '../storage.js';
import type { SealedRound } from '../votingStore.js';
import type { ExportFormat, ExportJob } from './exportJob.js';

/** Where an export reads a board: the live rooms when loaded (the server), else SQLite (also `npm run export`). */
export interface ExportSource {
  rooms?: Pick<Rooms, 'get'>;
  documents: DocumentStore;
  boards: BoardStore;
  audit: Pick<AuditLog, 'list'>;
  sealedRounds: (boardId: string) => Promise<SealedRound[]>;
  sealedScoringRounds: (boardId: string) => Promise<SealedScoringRound[]>;
}

/**
 * The committed state of a document: from its loaded room (which applies an update only once it is stored),
 * else from storage (verified rows only; a damaged row throws StorageCorruptionError).
 */
export async function committedState(
  source: Pick<ExportSource, 'rooms' | 'documents'>,
  boardId: string,
  doc: DocKind,
): Promise<Uint8Array> {
  const live = source.rooms?.get(boardId, doc);
  if (live) return live.fullState();
  const stored = (await source.documents.loadDocument(boardId, doc)).updates;
  return stored.length === 1 ? stored[0]! : Y.mergeUpdates(stored);
}

/** What the main thread needs from the settings document: its title and the export policy. */
export function settingsFacts(settings: Uint8Array): { title: string; participantExports: boolean } {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, settings);
    return { title: boardTitle(doc), participantExports: participantExportsAllowed(doc) };
  } finally {
    doc.destroy();
  }
}

/**
 * Collects one export: the two committed states and, for the JSON backup, the audit log and sealed voting
 * rounds. Cheap (no board decoding): the rendering happens elsewhere (a worker thread).
 */
export async function collectExport(
  source: ExportSource,
  boardId: string,
  format: ExportFormat,
  exportedAt: number,
  /** Throws to refuse, once the settings are read and before the board document is. */
  allow: (facts: { participantExports: boolean }) => void = () => {},
): Promise<{ job: ExportJob; title: string }> {
  const settings = await committedState(source, boardId, 'settings');
  const facts = settingsFacts(settings);
  allow(facts);
  const board = await committedState(source, boardId, 'board');
  const record = await source.boards.getBoard(boardId);
  const title = facts.title || record?.title || '';
  const job: ExportJob = { format, boardId, board, settings, exportedAt };
  if (format === 'json') {
    job.backup = {
      title,
      createdAt: record?.createdAt ?? null,
      auditLog: await source.audit.list(boardId, Number.MAX_SAFE_INTEGER),
      votingRounds: await source.sealedRounds(boardId),
      scoringRounds: await source.sealedScoringRounds(boardId),
    };
  }
  return { job, title };
}
