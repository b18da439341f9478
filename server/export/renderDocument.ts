/**
 * The document exports (everything but the JSON backup) as one function of the board's two Yjs states, so
 * the HTTP route, the worker thread and `npm run export` produce the same bytes.
 *
 * CONTRACT (being built, issue 6): implemented by the exporters in shared/export/ and server/export/.
 */
export const DOCUMENT_FORMATS = ['docx', 'xlsx', 'csv', 'csv-initiatives', 'md'] as const;
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

export async function renderDocument(format: DocumentFormat, input: RenderInput): Promise<RenderedDocument> {
  throw new Error(`export format ${format} of ${input.boardId} is not built yet`);
}
