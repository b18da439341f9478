import { type Lang, type MessageKey, translator } from '../../shared/i18n/index.js';
import type { ExportFormat } from './exportJob.js';

/**
 * What each export is called in its file name: the plan's formats share one name (実施計画(案)); the Markdown
 * is the minutes memo (議事録メモ, ASCII Minutes-memo).
 */
const NAME_KEYS: Record<ExportFormat, MessageKey> = {
  docx: 'export.fileName.plan',
  xlsx: 'export.fileName.plan',
  md: 'export.fileName.minutes',
  'csv-initiatives': 'export.fileName.plan',
  csv: 'export.fileName.notes',
  data: 'export.fileName.data',
  json: 'export.fileName.backup',
};

/** The export's day in Japan (UTC+9, no daylight saving): what the people of the working group call today. */
export function exportDay(exportedAt: number): string {
  return new Date(exportedAt + 9 * 3600_000).toISOString().slice(0, 10);
}

/** Longest title part of a file name, in characters (code points). */
const TITLE_PART_MAX = 80;

/**
 * A title as part of a file name: no path separators, reserved characters (Windows) or control characters, and
 * no format characters (\p{Cf}: bidirectional overrides such as U+202E would show 「請求書‮xcod.exe」 as
 * 「請求書exe.docx」). Cut by code points: a cut inside a surrogate pair would make encodeURIComponent throw.
 */
function safeTitle(title: string): string {
  const cleaned = title
    .replace(/\p{Cf}/gu, '')
    .replace(/[\\/:*?"<>|\p{Cc}]/gu, '_')
    .replace(/\s+/g, ' ')
    .trim();
  return Array.from(cleaned).slice(0, TITLE_PART_MAX).join('').trim();
}

/** RFC 5987: percent-encode everything but attr-char (encodeURIComponent leaves ' ( ) * as they are). */
const rfc5987 = (value: string) =>
  encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** An English name part in ASCII: 「Minutes memo」 → Minutes-memo. */
const asciiLabel = (key: MessageKey) =>
  translator('en')(key)
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/**
 * The file name people see, e.g. 「実施計画(案)_デジタル市役所_2026-11-26.docx」 — for a person using the app in
 * English (`lang` 'en') 「Implementation-plan-draft_デジタル市役所_2026-11-26.docx」 — and an ASCII one for clients
 * that ignore `filename*` ("Implementation-plan-draft_<board id>_2026-11-26.docx").
 */
export function exportFileNames(
  format: ExportFormat,
  title: string,
  boardId: string,
  exportedAt: number,
  extension: string,
  lang: Lang = 'ja',
): { name: string; ascii: string } {
  const day = exportDay(exportedAt);
  const key = NAME_KEYS[format];
  const label = lang === 'ja' ? translator('ja')(key) : asciiLabel(key);
  const parts = [label, safeTitle(title), day].filter((part) => part !== '');
  const asciiId = boardId.replace(/[^A-Za-z0-9_-]/g, '');
  return { name: `${parts.join('_')}.${extension}`, ascii: `${asciiLabel(key)}_${asciiId}_${day}.${extension}` };
}

/** `attachment; filename="<ascii>"; filename*=UTF-8''<percent-encoded name>`. */
export function contentDisposition(names: { name: string; ascii: string }): string {
  return `attachment; filename="${names.ascii}"; filename*=UTF-8''${rfc5987(names.name)}`;
}
