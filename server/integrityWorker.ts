import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { damagedStoredRows } from './storage/checksum.js';
import { isDatabaseDamaged } from './storage/errors.js';

/**
 * The entry of the integrity check's worker thread (server/integrityCheck.ts): opens the database read-only
 * on its own connection, runs SQLite's `quick_check` (every page readable, every b-tree well formed) and
 * verifies the checksum of every stored update and snapshot, then posts what it found. A long check runs
 * here, not on the main thread, so the boards keep being served meanwhile.
 */

export interface IntegrityFindings {
  /** What `quick_check` said, `ok` excepted (at most 20 lines). */
  problems: string[];
  /** Documents whose stored rows do not match their checksum, as `<boardId>` or `<boardId>/settings`. */
  damagedDocuments: string[];
}

function check(file: string): IntegrityFindings {
  const problems: string[] = [];
  const damaged = new Set<string>();
  const db = new Database(file, { readonly: true, fileMustExist: true, timeout: 10_000 });
  try {
    try {
      for (const row of db.pragma('quick_check(20)') as Array<{ quick_check: string }>) {
        if (row.quick_check !== 'ok') problems.push(row.quick_check);
      }
    } catch (error) {
      // So damaged that the check itself stops (`database disk image is malformed`): that is its finding.
      if (!isDatabaseDamaged(error)) throw error;
      problems.push(`quick_check: ${error instanceof Error ? error.message : String(error)}`);
    }
    const name = (boardId: string, doc: string) => (doc === 'board' ? boardId : `${boardId}/${doc}`);
    try {
      for (const row of damagedStoredRows(db)) damaged.add(name(row.boardId, row.doc));
    } catch (error) {
      // Pages too damaged to read the rows: quick_check has said so already, or says it here.
      problems.push(`reading the stored documents failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  } finally {
    db.close();
  }
  return { problems, damagedDocuments: [...damaged] };
}

const { file } = workerData as { file: string };
try {
  parentPort?.postMessage({ kind: 'done', findings: check(file) });
} catch (error) {
  if (isDatabaseDamaged(error)) {
    // Not even openable as a database: the whole file is the finding.
    const problems = [`opening the database: ${error instanceof Error ? error.message : String(error)}`];
    parentPort?.postMessage({ kind: 'done', findings: { problems, damagedDocuments: [] } });
  } else parentPort?.postMessage({ kind: 'failed', reason: error instanceof Error ? error.message : String(error) });
}
