import { describe, expect, it } from 'vitest';
import { splitHighlights } from '../../client/suggestions/Highlighted.js';

const marked = (text: string, words: string[]) =>
  splitHighlights(text, words)
    .filter((segment) => segment.shared)
    .map((segment) => segment.text);

describe('the shared words marked in a note (spellings after NFKC and lower case)', () => {
  it('marks every occurrence of each word, in the note’s own spelling', () => {
    expect(marked('押印のために出勤、押印を待つ', ['押印', '出勤'])).toEqual(['押印', '出勤', '押印']);
  });

  it('finds a word the server gives normalised in the note as written: full width, half width, upper case', () => {
    expect(marked('ＲＰＡで自動化', ['rpa'])).toEqual(['ＲＰＡ']);
    expect(marked('ﾊﾝｺ文化', ['ハンコ'])).toEqual(['ﾊﾝｺ']);
    expect(marked('Remote WORK is hard', ['work'])).toEqual(['WORK']);
  });

  it('keeps the whole text, in order, and marks nothing for no words or words not there', () => {
    const text = '窓口の待ち時間が長い';
    expect(
      splitHighlights(text, ['待ち時間'])
        .map((s) => s.text)
        .join(''),
    ).toBe(text);
    expect(splitHighlights(text, [])).toEqual([{ text, shared: false }]);
    expect(marked(text, ['押印', ''])).toEqual([]);
  });
});
