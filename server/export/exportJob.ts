import type { AuditEntry } from '../audit.js';
import type { SealedScoringRound } from '../scoringStore.js';
import type { SealedRound } from '../votingStore.js';
import { buildBackup } from './backup.js';
import { DOCUMENT_FORMATS, type RenderedDocument, renderDocument } from './renderDocument.js';

/** Every format `GET /api/boards/<id>/export` and `npm run export` know: the documents and the JSON backup. */
export const EXPORT_FORMATS = [...DOCUMENT_FORMATS, 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function isExportFormat(value: string | null): value is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(value ?? '');
}

/** What the JSON backup carries beside the two documents: read from SQLite on the main thread. */
export interface BackupExtras {
  title: string;
  createdAt: number | null;
  /** Newest first, the whole log. */
  auditLog: AuditEntry[];
  /** Closed and revealed rounds with their sealed totals; open rounds and ballots are never exported. */
  votingRounds: SealedRound[];
  /** Closed and revealed scoring rounds with their results; open rounds and scores are never exported. */
  scoringRounds: SealedScoringRound[];
}

/**
 * One export to render: plain data that crosses to a worker thread (the two states are transferred, not
 * copied). The main thread only collects it; decoding the documents and rendering happen in `renderExport`.
 */
export interface ExportJob {
  format: ExportFormat;
  boardId: string;
  /** Full Yjs updates of the board and settings documents (committed state). */
  board: Uint8Array;
  settings: Uint8Array;
  /** ms since the epoch. */
  exportedAt: number;
  /** Only for `json`. */
  backup?: BackupExtras;
}

/** Renders one export; the same function runs in the worker threads and in `npm run export`. */
export async function renderExport(job: ExportJob): Promise<RenderedDocument> {
  if (job.format === 'json') {
    if (!job.backup) throw new Error('a JSON backup needs its extras (audit log, voting rounds)');
    return {
      bytes: new TextEncoder().encode(JSON.stringify(buildBackup(job, job.backup))),
      contentType: 'application/json; charset=utf-8',
      extension: 'json',
    };
  }
  return renderDocument(job.format, {
    boardId: job.boardId,
    board: job.board,
    settings: job.settings,
    exportedAt: job.exportedAt,
  });
}
