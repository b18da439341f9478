import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  applyTextChanges,
  type DeltaOp,
  diffText,
  rebaseChange,
  type TextChange,
  transformIndex,
} from '../../shared/textDiff.js';
import { seededRandom } from './fixtures.js';

function apply(text: string, change: TextChange | null): string {
  if (!change) return text;
  return text.slice(0, change.index) + change.insert + text.slice(change.index + change.deleteCount);
}

function splitsSurrogatePair(text: string, index: number): boolean {
  if (index <= 0 || index >= text.length) return false;
  const code = text.charCodeAt(index - 1);
  return code >= 0xd800 && code <= 0xdbff;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** A Y.Text whose remote changes are recorded as the deltas its observers really receive. */
function recordedText(initial: string) {
  const doc = new Y.Doc();
  const ytext = doc.getText('text');
  ytext.insert(0, initial);
  const deltas: DeltaOp[][] = [];
  ytext.observe((event) => {
    deltas.push(event.delta as DeltaOp[]);
  });
  return { doc, ytext, deltas };
}

describe('diffText', () => {
  it('returns null when nothing changed', () => {
    expect(diffText('市民サービス', '市民サービス')).toBeNull();
  });

  it('keeps the common prefix and suffix out of the change', () => {
    expect(diffText('市民サービスの向上', '市民のサービスの向上')).toEqual({ index: 2, deleteCount: 0, insert: 'の' });
    expect(diffText('業務の効率化', '業務効率化')).toEqual({ index: 2, deleteCount: 1, insert: '' });
    expect(diffText('窓口の待ち時間', '窓口の混雑時間')).toEqual({ index: 3, deleteCount: 2, insert: '混雑' });
  });

  it('appends and prepends with an empty delete', () => {
    expect(diffText('人材', '人材育成')).toEqual({ index: 2, deleteCount: 0, insert: '育成' });
    expect(diffText('育成', '人材育成')).toEqual({ index: 0, deleteCount: 0, insert: '人材' });
  });

  it('replaces an emoji as a whole, never half of its surrogate pair', () => {
    // 😀 and 😁 share their high surrogate: a naive prefix would cut the pair in two.
    expect(diffText('a😀b', 'a😁b')).toEqual({ index: 1, deleteCount: 2, insert: '😁' });
    // 😀 and 🙀 share their low surrogate: a naive suffix would cut the pair in two.
    expect(diffText('😀', '🙀')).toEqual({ index: 0, deleteCount: 2, insert: '🙀' });
  });

  it('never splits a surrogate pair and always turns before into after (seeded, 3000 pairs)', () => {
    const random = seededRandom(20240601);
    const alphabet = ['a', 'b', '市', '民', '😀', '😁', '🙀', '𠮷'];
    const word = () => {
      let out = '';
      const length = Math.floor(random() * 6);
      for (let i = 0; i < length; i++) out += alphabet[Math.floor(random() * alphabet.length)];
      return out;
    };
    for (let i = 0; i < 3000; i++) {
      const before = word();
      const after = word();
      const change = diffText(before, after);
      expect(apply(before, change)).toBe(after);
      if (!change) continue;
      expect(splitsSurrogatePair(before, change.index)).toBe(false);
      expect(splitsSurrogatePair(before, change.index + change.deleteCount)).toBe(false);
      expect(change.insert).not.toMatch(LONE_SURROGATE);
    }
  });
});

describe('transformIndex', () => {
  it('moves an index right by text inserted before it and left by text deleted before it', () => {
    expect(transformIndex(5, [{ retain: 2 }, { insert: 'abc' }])).toBe(8);
    expect(transformIndex(5, [{ retain: 1 }, { delete: 2 }])).toBe(3);
    expect(transformIndex(5, [{ retain: 6 }, { insert: 'x' }])).toBe(5);
  });

  it('clamps an index inside a deleted range to the start of the range', () => {
    expect(transformIndex(4, [{ retain: 2 }, { delete: 5 }])).toBe(2);
  });

  it('leaves an index before an insertion at the same place unless asked to stick to the end', () => {
    expect(transformIndex(3, [{ retain: 3 }, { insert: 'xy' }])).toBe(3);
    expect(transformIndex(3, [{ retain: 3 }, { insert: 'xy' }], true)).toBe(5);
  });

  it('counts an embedded object as one position', () => {
    expect(transformIndex(2, [{ insert: { image: 'x' } }])).toBe(3);
  });
});

describe('diffText with the caret where typing began', () => {
  it('places text typed before identical characters where it was typed, not after them', () => {
    expect(diffText('ああ', 'あああ')).toEqual({ index: 2, deleteCount: 0, insert: 'あ' });
    expect(diffText('ああ', 'あああ', 0)).toEqual({ index: 0, deleteCount: 0, insert: 'あ' });
    expect(diffText('ああ', 'あああ', 1)).toEqual({ index: 1, deleteCount: 0, insert: 'あ' });
  });

  it('still finds a change that starts before the limit', () => {
    expect(diffText('abcdef', 'abXdef', 5)).toEqual({ index: 2, deleteCount: 1, insert: 'X' });
  });
});

describe('rebaseChange', () => {
  it('rebases a local insert through a remote insert made earlier in the text', () => {
    const { ytext, deltas } = recordedText('市民サービス');
    const local = diffText('市民サービス', '市民サービスの向上');
    ytext.insert(0, '【重要】');
    const rebased = rebaseChange(local!, deltas);
    expect(applyTextChanges(ytext.toString(), rebased)).toBe('【重要】市民サービスの向上');
  });

  it('keeps both texts when an IME composition ends after remote edits to the same note', () => {
    // The editor holds its local value during the composition; Y.Text receives colleagues' edits meanwhile.
    const remote = new Y.Doc();
    const { doc, ytext, deltas } = recordedText('窓口の待ち時間');
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc));
    const remoteText = remote.getText('text');
    const base = ytext.toString();
    const composed = '窓口の待ち時間を短縮';
    // Colleague: a prefix and a deletion of the word "の", as real updates from another document.
    const sendRemote = (edit: () => void) => {
      const before = Y.encodeStateVector(doc);
      edit();
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote, before));
    };
    sendRemote(() => remoteText.insert(0, '【課題】'));
    sendRemote(() => remoteText.delete(6, 1));
    expect(ytext.toString()).toBe('【課題】窓口待ち時間');
    expect(deltas).toHaveLength(2);

    const rebased = rebaseChange(diffText(base, composed)!, deltas);
    ytext.doc!.transact(() => {
      for (const change of rebased) {
        ytext.delete(change.index, change.deleteCount);
        ytext.insert(change.index, change.insert);
      }
    });
    expect(ytext.toString()).toBe('【課題】窓口待ち時間を短縮');
  });

  it('does not delete remote text typed right before the range a local edit replaces', () => {
    const { ytext, deltas } = recordedText('abcdef');
    const local: TextChange = { index: 2, deleteCount: 2, insert: 'XY' }; // replace "cd"
    ytext.insert(2, 'R');
    ytext.insert(5, 'S'); // right after "cd", now at 3..5
    const rebased = rebaseChange(local, deltas);
    expect(applyTextChanges(ytext.toString(), rebased)).toBe('abRXYSef');
  });

  it('keeps remote text typed inside the range a local edit replaces', () => {
    const { ytext, deltas } = recordedText('abcdef');
    const local: TextChange = { index: 1, deleteCount: 3, insert: 'X' }; // replace "bcd" (an IME conversion)
    ytext.insert(2, 'Q'); // a colleague types between "b" and "c"
    const rebased = rebaseChange(local, deltas);
    expect(applyTextChanges(ytext.toString(), rebased)).toBe('aXQef');
  });

  it('keeps remote text typed inside a replaced range that a colleague also partly deleted', () => {
    const { ytext, deltas } = recordedText('abcdefgh');
    const local: TextChange = { index: 1, deleteCount: 5, insert: '市民' }; // replace "bcdef"
    ytext.delete(3, 1); // "d" → "abcefgh"
    ytext.insert(2, 'Q'); // → "abQcefgh"
    ytext.insert(5, 'R'); // → "abQceRfgh"
    const rebased = rebaseChange(local, deltas);
    expect(applyTextChanges(ytext.toString(), rebased)).toBe('a市民QRgh');
  });

  it('shrinks the replaced range when a colleague deleted part of it', () => {
    const { ytext, deltas } = recordedText('abcdef');
    ytext.delete(3, 2); // "de": "d" was in the local range
    const rebased = rebaseChange({ index: 2, deleteCount: 2, insert: 'X' }, deltas);
    expect(applyTextChanges(ytext.toString(), rebased)).toBe('abXf');
  });

  it('keeps every remote insertion, inside or outside the local range, and the local text (seeded, 2000 cases)', () => {
    const random = seededRandom(7);
    const pick = (n: number) => Math.floor(random() * n);
    for (let round = 0; round < 2000; round++) {
      const base = 'abcdefghij'.slice(0, 3 + pick(8));
      const index = pick(base.length + 1);
      const deleteCount = pick(Math.min(3, base.length - index) + 1);
      const local: TextChange = { index, deleteCount, insert: ['市民', 'X', ''][pick(3)]! };
      if (deleteCount === 0 && local.insert === '') continue;
      const { doc, ytext, deltas } = recordedText(base);
      const rangeStart = Y.createRelativePositionFromTypeIndex(ytext, index, 0);
      const rangeEnd = Y.createRelativePositionFromTypeIndex(ytext, index + deleteCount, -1);
      const inserted: string[] = [];
      for (let k = 0; k < 1 + pick(3); k++) {
        const start = Y.createAbsolutePositionFromRelativePosition(rangeStart, doc)!.index;
        const end = Y.createAbsolutePositionFromRelativePosition(rangeEnd, doc)!.index;
        const outside = (i: number, isInsert: boolean) =>
          deleteCount === 0 || i < start || i >= end || (isInsert && i === start);
        const positions = Array.from({ length: ytext.length + 1 }, (_, i) => i);
        if (random() < 0.6) {
          const at = positions; // anywhere, inside the replaced range too
          const text = `R${k}`;
          ytext.insert(at[pick(at.length)]!, text);
          inserted.push(text);
        } else {
          const at = positions.filter((i) => i < ytext.length && outside(i, false));
          if (at.length > 0) ytext.delete(at[pick(at.length)]!, 1);
        }
      }
      const current = ytext.toString();
      const rebased = rebaseChange(local, deltas);
      let length = current.length;
      for (const change of rebased) {
        expect(change.index).toBeGreaterThanOrEqual(0);
        expect(change.index + change.deleteCount).toBeLessThanOrEqual(length);
        length += change.insert.length - change.deleteCount;
      }
      // Every original character of the range is deleted once, none of anybody else's.
      expect(rebased.reduce((sum, change) => sum + change.deleteCount, 0)).toBe(deleteCount);
      const result = applyTextChanges(current, rebased);
      for (const text of inserted) if (current.includes(text)) expect(result).toContain(text);
      expect(result).toContain(local.insert);
    }
  });
});
