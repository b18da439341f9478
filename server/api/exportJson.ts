import type { IncomingMessage, ServerResponse } from 'node:http';
import * as Y from 'yjs';
import { BOARD_SCHEMA_VERSION, SETTINGS_SCHEMA_VERSION } from '../../shared/records/meta.js';
import type { DocKind } from '../../shared/roles.js';
import { boardTitle } from '../../shared/selectors.js';
import { HttpError, sendJson } from '../httpUtil.js';
import { type ApiContext, authorize } from './context.js';

/** The format name and version of a JSON backup: a reader refuses what it does not know. */
export const BACKUP_FORMAT = 'digital-city-hall-board';
export const BACKUP_VERSION = 1;

/** The committed state of a document: from its loaded room, else from storage (verified rows only). */
function documentState(context: ApiContext, boardId: string, doc: DocKind): Uint8Array {
  const live = context.rooms.get(boardId, doc);
  if (live) return live.fullState();
  const stored = context.documents.loadDocument(boardId, doc).updates;
  return stored.length === 1 ? stored[0]! : Y.mergeUpdates(stored);
}

/**
 * `GET /api/boards/<id>/export?format=json` (facilitator): the whole board as a JSON backup — both Yjs
 * documents as base64 updates (exact: applying them gives the same documents), their schema versions, and the
 * audit log. Issue 6 adds the other formats and the import; the shape here is what they build on.
 */
export function exportBoard(context: ApiContext, req: IncomingMessage, res: ServerResponse, boardId: string): void {
  authorize(context, req, boardId, ['facilitator']);
  const format = new URL(req.url ?? '/', 'http://localhost').searchParams.get('format') ?? 'json';
  if (format !== 'json') throw new HttpError(400, 'format must be json (the other formats come later)');
  const board = context.boards.getBoard(boardId);
  const documents = {
    board: documentState(context, boardId, 'board'),
    settings: documentState(context, boardId, 'settings'),
  };
  const settings = new Y.Doc();
  Y.applyUpdate(settings, documents.settings);
  const title = boardTitle(settings) || board?.title || '';
  settings.destroy();
  const backup = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: new Date().toISOString(),
    board: { id: boardId, title, createdAt: board?.createdAt ?? null },
    schemaVersions: { board: BOARD_SCHEMA_VERSION, settings: SETTINGS_SCHEMA_VERSION },
    documents: {
      board: Buffer.from(documents.board).toString('base64'),
      settings: Buffer.from(documents.settings).toString('base64'),
    },
    auditLog: context.audit.list(boardId, Number.MAX_SAFE_INTEGER),
  };
  const filename = `board-${boardId}-${backup.exportedAt.slice(0, 10)}.json`;
  res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  sendJson(res, 200, backup);
}
