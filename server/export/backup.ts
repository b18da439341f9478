import * as Y from 'yjs';
import { boardRoots, settingsRoots } from '../../shared/docs.js';
import { readSchemaVersion } from '../../shared/records/meta.js';
import type { AuditEntry } from '../audit.js';
import type { SealedScoringRound } from '../scoringStore.js';
import type { SealedRound } from '../votingStore.js';
import type { BackupExtras } from './exportJob.js';

/** The format name and version of a JSON backup: a reader refuses what it does not know. */
export const BACKUP_FORMAT = 'digital-city-hall-board';
/**
 * 2 added `votingRounds` (closed and revealed rounds with their sealed totals); 3 added `scoringRounds` (closed
 * and revealed scoring rounds with their results). 1 and 2 are still imported.
 */
export const BACKUP_VERSION = 3;

/** The JSON backup (docs/api.md "JSON backup"). */
export interface Backup {
  format: typeof BACKUP_FORMAT;
  version: number;
  exportedAt: string;
  board: { id: string; title: string; createdAt: number | null };
  /** The versions the two documents carry (`meta.schemaVersion`), as stored. */
  schemaVersions: { board: number; settings: number };
  /** Each document's committed state as one base64 Yjs update: applied to an empty Y.Doc it gives the document. */
  documents: { board: string; settings: string };
  votingRounds: SealedRound[];
  scoringRounds: SealedScoringRound[];
  auditLog: AuditEntry[];
}

function schemaVersionOf(state: Uint8Array, meta: (doc: Y.Doc) => Y.Map<unknown>): number {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    return readSchemaVersion(meta(doc));
  } finally {
    doc.destroy();
  }
}

const base64 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

export function buildBackup(
  job: { boardId: string; board: Uint8Array; settings: Uint8Array; exportedAt: number },
  extras: BackupExtras,
): Backup {
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: new Date(job.exportedAt).toISOString(),
    board: { id: job.boardId, title: extras.title, createdAt: extras.createdAt },
    schemaVersions: {
      board: schemaVersionOf(job.board, boardRoots.meta),
      settings: schemaVersionOf(job.settings, settingsRoots.meta),
    },
    documents: { board: base64(job.board), settings: base64(job.settings) },
    votingRounds: extras.votingRounds,
    scoringRounds: extras.scoringRounds,
    auditLog: extras.auditLog,
  };
}
