import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createInitiativeFromItem, deleteInitiative, setInitiativeText } from '../../shared/ops/initiatives.js';
import { applyNoteTextChange, deleteNote } from '../../shared/ops/notes.js';
import { readText, type TextRules, writeText, writeTextChanges } from '../../shared/ops/text.js';
import { LOCAL_ORIGIN } from '../../shared/origin.js';
import { getNote } from '../../shared/selectors.js';
import { add, newBoard, newSettings } from './fixtures.js';

const RULES: TextRules = { maxLength: 10, tooLong: 'textTooLong' };

/** A record holding one collaborative text under 'text', in a doc of its own. */
function recordWith(content: string | Y.Text): { doc: Y.Doc; record: Y.Map<unknown> } {
  const doc = new Y.Doc();
  const record = doc.getMap<Y.Map<unknown>>('records');
  const map = new Y.Map<unknown>();
  record.set('r', map);
  map.set('text', typeof content === 'string' ? new Y.Text(content) : content);
  return { doc, record: map };
}

describe('writeTextChanges', () => {
  it('applies changes in order in one transaction with the given origin', () => {
    const { doc, record } = recordWith('窓口の待ち時間');
    const origins: unknown[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
    const result = writeTextChanges(
      doc,
      record,
      'text',
      [
        { index: 3, deleteCount: 4, insert: '' },
        { index: 3, deleteCount: 0, insert: '混雑' },
      ],
      RULES,
    );
    expect(result).toEqual({ ok: true, value: null });
    expect(readText(record, 'text')).toBe('窓口の混雑');
    expect(origins).toEqual([LOCAL_ORIGIN]);
  });

  it('clamps a change reaching past the end to the text as it is', () => {
    const { doc, record } = recordWith('abc');
    expect(writeTextChanges(doc, record, 'text', [{ index: 9, deleteCount: 5, insert: 'd' }], RULES).ok).toBe(true);
    expect(readText(record, 'text')).toBe('abcd');
  });

  it("refuses with the caller's refusal, changing nothing, when the text would grow past the limit", () => {
    const { doc, record } = recordWith('123456789');
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    const rules: TextRules = { maxLength: 10, tooLong: 'titleTooLong' };
    expect(writeTextChanges(doc, record, 'text', [{ index: 0, deleteCount: 0, insert: 'ab' }], rules)).toEqual({
      ok: false,
      error: 'titleTooLong',
    });
    expect(readText(record, 'text')).toBe('123456789');
    expect(updates).toEqual([]);
  });

  it('lets a text already past its limit (concurrent typing) be shortened, not lengthened', () => {
    const { doc, record } = recordWith('x'.repeat(15));
    expect(writeTextChanges(doc, record, 'text', [{ index: 0, deleteCount: 2, insert: 'y' }], RULES).ok).toBe(true);
    expect(writeTextChanges(doc, record, 'text', [{ index: 0, deleteCount: 0, insert: 'z' }], RULES).ok).toBe(false);
    expect(readText(record, 'text')).toBe(`y${'x'.repeat(13)}`);
  });

  it('turns a plain string another tool stored into a collaborative text, counting it towards the limit', () => {
    const { doc, record } = recordWith('');
    record.set('text', '12345678');
    expect(writeTextChanges(doc, record, 'text', [{ index: 8, deleteCount: 0, insert: 'abc' }], RULES).ok).toBe(false);
    expect(record.get('text')).toBe('12345678');
    expect(writeTextChanges(doc, record, 'text', [{ index: 8, deleteCount: 0, insert: '9' }], RULES).ok).toBe(true);
    expect(record.get('text')).toBeInstanceOf(Y.Text);
    expect(readText(record, 'text')).toBe('123456789');
  });
});

describe('writeText', () => {
  it('writes the smallest change, so a concurrent edit elsewhere in the text survives', () => {
    const { doc, record } = recordWith('申請書が紙');
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    const otherRecord = other.getMap<Y.Map<unknown>>('records').get('r') as Y.Map<unknown>;
    expect(writeText(doc, record, 'text', '申請書が紙のみ', RULES).ok).toBe(true);
    expect(writeText(other, otherRecord, 'text', '電子申請書が紙', RULES).ok).toBe(true);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other));
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    expect(readText(record, 'text')).toBe('電子申請書が紙のみ');
    expect(readText(otherRecord, 'text')).toBe('電子申請書が紙のみ');
  });

  it('refuses a text longer than the limit and writes nothing when the text is unchanged', () => {
    const { doc, record } = recordWith('同じ');
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    expect(writeText(doc, record, 'text', 'x'.repeat(11), RULES)).toEqual({ ok: false, error: 'textTooLong' });
    expect(writeText(doc, record, 'text', '同じ', RULES)).toEqual({ ok: true, value: null });
    expect(updates).toEqual([]);
  });
});

describe("each caller's own rules", () => {
  it('lets a note in the trash take text (it is edited there), but not an initiative in the trash', () => {
    const board = newBoard();
    add(board, { id: 'n1', text: '窓口の待ち時間' });
    deleteNote(board, 'n1');
    expect(applyNoteTextChange(board, 'n1', { index: 0, deleteCount: 0, insert: '本庁' }).ok).toBe(true);
    expect(getNote(board, 'n1')?.text).toBe('本庁窓口の待ち時間');

    const settings = newSettings();
    add(board, { id: 'n2', text: '予約制' });
    const made = createInitiativeFromItem(board, settings, {
      id: 'i1',
      itemId: 'n2',
      personId: 'p',
      roundNumber: null,
    });
    expect(made.ok).toBe(true);
    deleteInitiative(board, 'i1');
    expect(setInitiativeText(board, 'i1', 'content', '予約')).toEqual({ ok: false, error: 'initiativeNotFound' });
  });
});
