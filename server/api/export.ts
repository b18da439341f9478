import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseLang } from '../../shared/i18n/index.js';
import { ROLES } from '../../shared/roles.js';
import { collectExport } from '../export/collect.js';
import { EXPORT_FORMATS, isExportFormat } from '../export/exportJob.js';
import { ExportBusyError, ExportTimeoutError } from '../export/exportWorkers.js';
import { contentDisposition, exportFileNames } from '../export/fileName.js';
import { HttpError } from '../httpUtil.js';
import { logAdminEvent } from './adminLog.js';
import { type ApiContext, actorOf, authorize } from './context.js';

/**
 * `GET /api/boards/<id>/export?format=docx|xlsx|csv|csv-initiatives|md|data|json[&lang=ja|en]` (docs/api.md "Exports"). The
 * facilitator may download every format; participants and viewers the documents (never the JSON backup, which
 * holds the audit log and the sealed counts of unrevealed rounds) when the facilitator allowed it. The main
 * thread only collects the committed states; a worker thread renders them.
 */
export async function exportBoard(
  context: ApiContext,
  req: IncomingMessage,
  res: ServerResponse,
  boardId: string,
): Promise<void> {
  const access = await authorize(context, req, boardId, ROLES);
  const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
  const format = query.get('format');
  // The language of the person's screen names the file (its content is Japanese): absent means Japanese.
  const lang = query.has('lang') ? parseLang(query.get('lang')) : 'ja';
  if (lang === null) throw new HttpError(400, 'lang must be ja or en', 'export-lang');
  if (!isExportFormat(format)) {
    throw new HttpError(400, `format must be one of ${EXPORT_FORMATS.join(', ')}`, 'export-format');
  }
  // Before anything is collected: a refused request costs nothing. Participants and viewers share at most
  // half the queue, so they cannot lock the facilitator out (docs/api.md "Exports and import").
  const lane = access.role === 'facilitator' ? 'facilitator' : 'others';
  if (!context.exportWorkers.accepts(lane)) throw busy();
  const exportedAt = Date.now();
  const { job, title } = await collectExport(exportSource(context), boardId, format, exportedAt, (facts) => {
    if (access.role === 'facilitator') return;
    if (format === 'json') {
      throw new HttpError(403, 'only the facilitator can download the JSON backup', 'export-not-allowed');
    }
    if (!facts.participantExports) {
      throw new HttpError(403, 'the facilitator has not allowed downloads on this board', 'export-not-allowed');
    }
  });
  let rendered: Awaited<ReturnType<ApiContext['exportWorkers']['run']>>;
  try {
    rendered = await context.exportWorkers.run(job, lane);
  } catch (error) {
    if (error instanceof ExportBusyError) throw busy();
    if (error instanceof ExportTimeoutError) {
      context.log(`board ${boardId}: ${error.message}`);
      throw new HttpError(503, 'the export took too long and was stopped', 'export-timeout');
    }
    throw error;
  }
  // Named before the audit entry: the log says a file was exported only once its answer can be built.
  const disposition = contentDisposition(exportFileNames(format, title, boardId, exportedAt, rendered.extension, lang));
  await context.audit.record(boardId, actorOf(access, req), 'board.export', { format });
  logAdminEvent(context, req, 'board.exported', `board ${boardId} exported as ${format}`, {
    board: boardId,
    access,
    format,
  });
  res.writeHead(200, {
    'Content-Type': rendered.contentType,
    'Content-Length': rendered.bytes.byteLength,
    'Content-Disposition': disposition,
    'Cache-Control': 'no-store',
  });
  res.end(rendered.bytes);
}

export function exportSource(context: ApiContext) {
  return {
    rooms: context.rooms,
    documents: context.documents,
    boards: context.boards,
    audit: context.audit,
    sealedRounds: (id: string) => context.voting.sealedRounds(id),
    sealedScoringRounds: (id: string) => context.scoring.sealedRounds(id),
  };
}

const busy = () => new HttpError(503, 'the server is busy with other exports; try again in a moment', 'export-busy');
