import type { IncomingMessage, ServerResponse } from 'node:http';
import { ExportBusyError, ExportTimeoutError } from '../export/exportWorkers.js';
import { HttpError, sendJson } from '../httpUtil.js';
import type { ImportedBoard } from '../import/readBackup.js';
import { readUpload } from '../import/readUpload.js';
import { logAdminEvent } from './adminLog.js';
import { mayCreateBoards, storeNewBoard } from './boards.js';
import type { ApiContext } from './context.js';

/**
 * `POST /api/boards/import` (body: a JSON backup; ADMIN_TOKEN as for `POST /api/boards`): a NEW board with
 * new id and links holding the backup's documents and its closed and revealed voting and scoring rounds. Not imported:
 * the old board's people, links, lock, archive and audit log (the new board's log starts with `board.import`).
 * An import is admitted (or refused at once, 503 `import-busy`) before its body is read; the body is read
 * into one buffer, validated completely in a worker thread (a 50 MiB file must not stall the live boards),
 * then the board, its rounds and its audit entry are written in one transaction on the main thread.
 */
export async function importBoard(context: ApiContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  context.creation.check(req, res, 'import');
  if (!mayCreateBoards(context, req)) {
    throw new HttpError(401, 'importing a board needs Authorization: Bearer <ADMIN_TOKEN>');
  }
  const release = context.creation.admitImport(req, res);
  let imported: ImportedBoard;
  try {
    imported = await readInWorker(context, await readUpload(req, context.maxImportBytes));
  } finally {
    release();
  }
  // The board, its rounds and its `board.import` entry in one transaction: a failure (507 on a full disk)
  // leaves nothing behind, never a board the client was told was not created.
  const created = await context.sql.transaction(async (tx) => {
    const board = await storeNewBoard(context, imported.title, imported, context.boards.within(tx));
    await context.voting.importRounds(tx, board.id, imported.votingRounds);
    await context.scoring.importRounds(tx, board.id, imported.scoringRounds);
    const importer = { role: 'facilitator' as const, personId: null, name: null };
    await context.audit.within(tx).recordInTransaction(board.id, importer, 'board.import', {
      sourceBoardId: imported.sourceBoardId,
      exportedAt: imported.exportedAt,
      backupVersion: imported.version,
      votingRounds: imported.votingRounds.length,
      scoringRounds: imported.scoringRounds.length,
    });
    return board;
  });
  logAdminEvent(
    context,
    req,
    'board.imported',
    `board ${created.id}: imported from a backup of board ${imported.sourceBoardId}`,
    {
      board: created.id,
      sourceBoard: imported.sourceBoardId,
    },
  );
  sendJson(res, 201, created);
}

async function readInWorker(context: ApiContext, file: Uint8Array): Promise<ImportedBoard> {
  try {
    return await context.exportWorkers.readBackup(file);
  } catch (error) {
    if (error instanceof ExportBusyError) {
      throw new HttpError(
        503,
        'the server is busy with other exports or imports; try again in a moment',
        'import-busy',
      );
    }
    if (error instanceof ExportTimeoutError) {
      context.log(error.message);
      throw new HttpError(503, 'reading the backup took too long and was stopped', 'import-timeout');
    }
    throw error;
  }
}
