import type { MessageKey } from '../../shared/i18n/index';
import type { Role } from '../../shared/roles';
import type { ExportFormat } from '../lib/api';

/** The read-only documents, in the order the dialog offers them (the server's DOCUMENT_FORMATS). */
export const DOCUMENT_EXPORTS = [
  'docx',
  'xlsx',
  'csv',
  'csv-initiatives',
  'md',
  'data',
] as const satisfies ExportFormat[];

export const EXPORT_LABEL_KEYS: Record<ExportFormat, MessageKey> = {
  docx: 'export.format.docx',
  xlsx: 'export.format.xlsx',
  csv: 'export.format.csv',
  'csv-initiatives': 'export.format.csv-initiatives',
  md: 'export.format.md',
  data: 'export.format.data',
  json: 'export.format.json',
};

export const EXPORT_HELP_KEYS: Record<ExportFormat, MessageKey> = {
  docx: 'export.help.docx',
  xlsx: 'export.help.xlsx',
  csv: 'export.help.csv',
  'csv-initiatives': 'export.help.csv-initiatives',
  md: 'export.help.md',
  data: 'export.help.data',
  json: 'export.help.json',
};

/**
 * What this person may download, as the server decides it (docs/api.md): the facilitator everything; a
 * participant or viewer the documents when the facilitator allowed them, never the JSON backup. Offering only
 * these spares people a refusal; the server checks again.
 */
export function offeredExports(role: Role, participantExports: boolean): readonly ExportFormat[] {
  if (role === 'facilitator') return [...DOCUMENT_EXPORTS, 'json'];
  return participantExports ? DOCUMENT_EXPORTS : [];
}
