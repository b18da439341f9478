/**
 * The document exports (everything but the JSON backup: the plan's documents and the readable data) as one function of the board's two Yjs states, so
 * the HTTP route, the worker thread and `npm run export` produce the same bytes.
 *
 * The exporters read a plan report (shared/export/report.ts) built from copies of the documents, migrated to
 * the current schema first, exactly as a room migrates a stored board when it loads it.
 */
import * as Y from 'yjs';
import { initiativesCsv, notesCsv } from '../../shared/export/csv.js';
import { buildBoardData } from '../../shared/export/data.js';
import { planMarkdown } from '../../shared/export/markdown.js';
import { buildPlanReport, type PlanReport } from '../../shared/export/report.js';
import { migrateBoardDoc, migrateSettingsDoc } from '../../shared/migrations.js';
import { HttpError } from '../httpUtil.js';
import { renderDocx } from './docx.js';
import { renderXlsx } from './xlsx.js';

export const DOCUMENT_FORMATS = ['docx', 'xlsx', 'csv', 'csv-initiatives', 'md', 'data'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

export interface RenderInput {
  boardId: string;
  /** Full Yjs updates of the board and settings documents (as stored or as the live room holds them). */
  board: Uint8Array;
  settings: Uint8Array;
  /** When the export was made (ms since epoch): printed on the title page and in file names. */
  exportedAt: number;
}

export interface RenderedDocument {
  bytes: Uint8Array;
  /** e.g. `application/vnd.openxmlformats-officedocument.wordprocessingml.document`. */
  contentType: string;
  /** Without the dot: docx, xlsx, csv, md. */
  extension: string;
}

const utf8 = (text: string) => new TextEncoder().encode(text);

const RENDERERS: Record<Exclude<DocumentFormat, 'data'>, (report: PlanReport) => Promise<RenderedDocument>> = {
  docx: async (report) => ({
    bytes: await renderDocx(report),
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extension: 'docx',
  }),
  xlsx: async (report) => ({
    bytes: await renderXlsx(report),
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extension: 'xlsx',
  }),
  // TextEncoder writes the leading U+FEFF as the UTF-8 byte-order mark EF BB BF.
  csv: async (report) => ({ bytes: utf8(notesCsv(report)), contentType: 'text/csv; charset=utf-8', extension: 'csv' }),
  'csv-initiatives': async (report) => ({
    bytes: utf8(initiativesCsv(report)),
    contentType: 'text/csv; charset=utf-8',
    extension: 'csv',
  }),
  md: async (report) => ({
    bytes: utf8(planMarkdown(report)),
    contentType: 'text/markdown; charset=utf-8',
    extension: 'md',
  }),
};

/**
 * Decodes both states into fresh documents and migrates them. A board newer than this code is refused (409
 * `export-too-new`, passed on by the worker as a refusal), not a failure: updating the app is the answer.
 */
export function loadExportDocs(input: Pick<RenderInput, 'board' | 'settings'>): { board: Y.Doc; settings: Y.Doc } {
  const board = new Y.Doc();
  const settings = new Y.Doc();
  Y.applyUpdate(board, input.board);
  Y.applyUpdate(settings, input.settings);
  if (migrateBoardDoc(board) === 'too-new' || migrateSettingsDoc(settings) === 'too-new') {
    board.destroy();
    settings.destroy();
    throw new HttpError(
      409,
      'the board was made by a newer version of this app; update the app to export it',
      'export-too-new',
    );
  }
  return { board, settings };
}

export async function renderDocument(format: DocumentFormat, input: RenderInput): Promise<RenderedDocument> {
  const render = format === 'data' ? null : RENDERERS[format];
  if (format !== 'data' && !render) throw new Error(`unknown export format ${String(format)}`);
  const { board, settings } = loadExportDocs(input);
  try {
    if (!render) {
      // The readable data (shared/export/data.ts): the board's content as plain JSON, 2-space indented so a
      // person can read it too.
      const data = buildBoardData(board, settings, { boardId: input.boardId, exportedAt: input.exportedAt });
      return {
        bytes: utf8(`${JSON.stringify(data, null, 2)}\n`),
        contentType: 'application/json; charset=utf-8',
        extension: 'json',
      };
    }
    return await render(buildPlanReport(board, settings, { exportedAt: input.exportedAt }));
  } finally {
    board.destroy();
    settings.destroy();
  }
}
