import * as Y from 'yjs';
import { addNote } from '../../shared/ops/notes.js';
import { addPillar } from '../../shared/ops/pillars.js';
import { buildDemoBoard, DEMO_PILLARS } from '../tools/demoBoard.js';

/** Notes that break naive exporters: CSV syntax, line breaks, emoji, spreadsheet formulas, Markdown syntax. */
export const TRICKY_NOTES = {
  comma: '窓口, 電話, メールの3つで受け付ける',
  quotes: '「"ワンストップ"窓口」と呼ぶ',
  lines: '1行目の課題\n2行目: 詳しく\r\n3行目',
  emoji: 'スマホで申請 📱👍 できるように',
  sum: '=SUM(A1:A9)',
  phone: '+81 852-00-0000 に問い合わせが集中',
  minus: '-1',
  at: '@channel で全員に知らせる',
  fullWidth: '＝HYPERLINK("http://example.invalid")',
  heading: '# 見出しにしたい',
  link: '[ここをクリック](http://evil.example/)',
  html: '<script>alert("x")</script> & <b>太字</b>',
  setext: '上の行\n===\n---',
  list: '1. 番号付き\n> 引用\n    コードブロック',
  control: '制御文字\u0001\u0007入り',
} as const;

export const EMPTY_PILLAR = { id: 'p4', title: '情報セキュリティ' } as const;

/** The demo board, plus the tricky notes (loose, in 市民サービスの向上 → アイデア) and a pillar with no notes. */
export function buildTrickyBoard(): { board: Y.Doc; settings: Y.Doc } {
  const { board, settings } = buildDemoBoard();
  const added = addPillar(settings, EMPTY_PILLAR);
  if (!added.ok) throw new Error(added.error);
  Object.entries(TRICKY_NOTES).forEach(([key, text], i) => {
    const note = { id: `t-${key}`, pillarId: DEMO_PILLARS.citizens, lane: 'idea' as const, text, author: 'x' };
    const result = addNote(board, {
      ...note,
      authorName: '試験, "太郎"',
      now: Date.parse('2021-09-01T09:00:00+09:00') + i,
    });
    if (!result.ok) throw new Error(`${key}: ${result.error}`);
  });
  return { board, settings };
}

export function encoded(docs: { board: Y.Doc; settings: Y.Doc }) {
  return { board: Y.encodeStateAsUpdate(docs.board), settings: Y.encodeStateAsUpdate(docs.settings) };
}

/**
 * A tiny RFC 4180 reader for the tests: records split by CRLF, fields by commas, quoted fields may hold
 * commas, doubled quotes and line breaks. Throws on anything a strict reader would refuse.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] === '"' && field === '') {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quoted field');
        if (text[i] === '"' && text[i + 1] === '"') {
          field += '"';
          i += 2;
        } else if (text[i] === '"') {
          i++;
          break;
        } else field += text[i++];
      }
      if (i < text.length && text[i] !== ',' && text[i] !== '\r') throw new Error(`text after a quote at ${i}`);
      continue;
    }
    if (text[i] === ',') {
      record.push(field);
      field = '';
      i++;
    } else if (text[i] === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 2;
    } else if (text[i] === '\n' || text[i] === '\r' || text[i] === '"') {
      throw new Error(`bare ${JSON.stringify(text[i])} outside quotes at ${i}`);
    } else field += text[i++];
  }
  if (field !== '' || record.length > 0) throw new Error('the last record does not end with CRLF');
  return records;
}
