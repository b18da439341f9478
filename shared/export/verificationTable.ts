import { firstNumber } from '../records/continued.js';
import type { PlanReport } from './reportTypes.js';
import { type Cell, dateOrBlank, type Table } from './rows.js';

/** A unit around a number, as literal text of an Excel number format (its quotes cannot be kept). */
const literal = (text: string) => (text === '' ? '' : `"${text.replace(/["\\]/g, '')}"`);

/**
 * The actual value as a cell: a number when it is one number, with at most words around it that hold no other
 * digit (「42」, 「1,200件」, 「約42手続き」: the number rule of shared/records/continued.ts `firstNumber`), so
 * the spreadsheet can compute with it and still shows it as typed; anything else stays text, never lost.
 */
export function actualCell(actual: string): Cell {
  const typed = actual.trim();
  const value = firstNumber(typed);
  if (value === null) return typed;
  const normal = typed.normalize('NFKC');
  const match = /^(\D*?)[-−]?\d[\d,，]*(?:[.．]\d+)?(\D*)$/.exec(normal);
  if (!match) return typed;
  const [, before = '', after = ''] = match;
  // A sign or a scale the number does not carry (「▲5」「−5」 are negative, 「1.2万件」 is 12,000): kept as text,
  // never summed as the wrong number.
  if (/[▲△−]/.test(normal) || /^\s*[万億千兆]/.test(after)) return typed;
  if (before === '' && after === '') return value;
  return { value, text: typed, format: `${literal(before)}General${literal(after)}` };
}

/**
 * 検証表: one row per 「前期からの継続」 card of this board, the previous period's initiatives and their
 * verification. 検証者 is a person's name: a column only when the facilitator lets the documents name people.
 */
export function verificationTable(report: PlanReport): Table {
  const { t } = report;
  const names = report.authorNames;
  return {
    header: [
      t('export.verification.title'),
      t('export.column.pillar'),
      t('export.verification.previousPeriod'),
      t('export.verification.indicator'),
      t('export.verification.target'),
      t('export.verification.actual'),
      t('export.verification.check'),
      t('export.verification.result'),
      t('export.verification.comment'),
      t('export.verification.verifiedAt'),
      ...(names ? [t('export.verification.verifiedBy')] : []),
    ],
    rows: report.continued.map((card) => [
      card.title,
      card.pillarTitle,
      card.previousPeriod,
      card.indicator,
      card.targetValue,
      actualCell(card.actual),
      card.actualNotNumeric ? t('export.verification.checkMark') : '',
      card.resultLabel,
      card.comment,
      dateOrBlank(card.verifiedAt, card.verifiedDate),
      ...(names ? [card.verifiedByName] : []),
    ]),
    widths: [28, 18, 30, 24, 16, 16, 12, 10, 48, 14, ...(names ? [14] : [])],
  };
}
