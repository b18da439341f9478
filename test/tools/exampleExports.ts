/**
 * `npm run examples`: writes the example exports of the demo board into docs/examples/ (plan.docx,
 * plan.xlsx, notes.csv, initiatives.csv, board.md, data.json), through the same renderDocument the server uses.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as Y from 'yjs';
import { type DocumentFormat, renderDocument } from '../../server/export/renderDocument.js';
import { buildDemoBoard, DEMO_EXPORTED_AT } from './demoBoard.js';

const OUT = 'docs/examples';
const FILES: [DocumentFormat, string][] = [
  ['docx', 'plan.docx'],
  ['xlsx', 'plan.xlsx'],
  ['csv', 'notes.csv'],
  ['csv-initiatives', 'initiatives.csv'],
  ['md', 'board.md'],
  ['data', 'data.json'],
];

const { board, settings } = buildDemoBoard();
const input = {
  boardId: 'demo',
  board: Y.encodeStateAsUpdate(board),
  settings: Y.encodeStateAsUpdate(settings),
  exportedAt: DEMO_EXPORTED_AT,
};
mkdirSync(OUT, { recursive: true });
for (const [format, name] of FILES) {
  const rendered = await renderDocument(format, input);
  writeFileSync(join(OUT, name), rendered.bytes);
  console.log(`${join(OUT, name)}  ${rendered.bytes.byteLength.toLocaleString('en')} bytes  ${rendered.contentType}`);
}
