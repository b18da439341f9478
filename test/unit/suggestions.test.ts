import { beforeAll, describe, expect, it } from 'vitest';
import { BoardIndex } from '../../server/suggestions/boardIndex';
import { loadTokenizer } from '../../server/suggestions/dictionary';
import { averageLinkageMerges, cutMerges } from '../../server/suggestions/grouping';
import { foldLongVowel, normalizeText, termKey, toKatakana } from '../../server/suggestions/normalize';
import { type AnalysedNote, findSimilar, groupingThreshold, suggestGroups } from '../../server/suggestions/suggest';
import { noteTerms, type Tokenize } from '../../server/suggestions/tokenize';

let tokenize: Tokenize;
beforeAll(async () => {
  tokenize = await loadTokenizer();
});

const keys = (text: string) => [...noteTerms(tokenize, text).counts.keys()].filter((key) => !key.startsWith('#'));

function board(texts: Record<string, string>, pillarId = 'p1', lane = 'problem'): AnalysedNote[] {
  return Object.entries(texts).map(([id, text]) => ({ id, pillarId, lane, terms: noteTerms(tokenize, text) }));
}

describe('normalisation', () => {
  it('folds full-width letters, half-width katakana and case', () => {
    expect(normalizeText('ＲＰＡ導入')).toBe('rpa導入');
    expect(normalizeText('ﾊﾝｺ文化')).toBe('ハンコ文化');
    expect(normalizeText('  FAX \n 廃止 ')).toBe('fax 廃止');
  });

  it('folds hiragana to katakana and a final long vowel mark', () => {
    expect(toKatakana('はんこ')).toBe('ハンコ');
    expect(foldLongVowel('サーバー')).toBe('サーバ');
    expect(foldLongVowel('ルール')).toBe('ルール');
    expect(termKey('コンピューター')).toBe(termKey('コンピュータ'));
  });
});

describe('tokenisation of administrative terms', () => {
  it('reads the spellings of a seal as one word', () => {
    for (const text of ['押印が必要', 'ハンコが必要', 'はんこが必要', '判子が必要', 'ﾊﾝｺが必要', '印鑑が必要']) {
      expect(keys(text)).toContain(termKey('押印'));
    }
  });

  it('reads online application, approval and paperless in their usual words', () => {
    expect(keys('オンライン申請を増やす')).toContain(termKey('電子申請'));
    expect(keys('ネットで申し込めない')).toContain(termKey('電子申請'));
    expect(keys('稟議書が回ってこない')).toContain(termKey('決裁'));
    expect(keys('決済に時間がかかる')).toContain(termKey('決裁'));
    expect(keys('紙削減')).toEqual(keys('ペーパーレス化'));
    expect(keys('ＲＰＡで自動化')).toContain('rpa');
  });

  it('keeps payments apart from the typo of approval (キャッシュレス決済 is not 決裁)', () => {
    expect(keys('キャッシュレス決済の導入')).not.toContain(termKey('決裁'));
  });

  it('drops stop words and particles, and keeps base forms of verbs', () => {
    const terms = keys('押印のために出勤することがある');
    expect(terms).toContain(termKey('出勤'));
    for (const stop of ['ため', 'する', 'こと', 'ある', 'の']) expect(terms).not.toContain(termKey(stop));
    expect(keys('書類を探した')).toContain(termKey('検索'));
  });

  it('gives no terms for emoji, URLs or an empty note', () => {
    expect(keys('')).toEqual([]);
    expect(keys('👍👍🎉')).toEqual([]);
    expect(keys('https://example.jp/a?b=c')).toEqual([]);
  });

  it('adds character bigrams for Japanese words the dictionary does not know, not for Latin words', () => {
    // オンラン (a typo of オンライン) still shares ラン with it.
    expect([...noteTerms(tokenize, 'オンランで手続き').counts.keys()]).toContain('#ラン');
    expect([...noteTerms(tokenize, 'LGWAN端末').counts.keys()].some((key) => key.startsWith('#'))).toBe(false);
  });
});

describe('grouping', () => {
  it('merges reciprocal nearest neighbours by average linkage and cuts at the threshold', () => {
    // Notes 0–1 and 2–3 are close pairs; the pairs are far apart.
    const s = [1, 0.9, 0.1, 0.1, 0.9, 1, 0.1, 0.1, 0.1, 0.1, 1, 0.8, 0.1, 0.1, 0.8, 1];
    const merges = averageLinkageMerges(Float32Array.from(s), 4);
    expect(merges).toHaveLength(3);
    const groups = cutMerges(merges, 4, 0.5).map((group) => group.members.sort());
    expect(groups.sort()).toEqual([
      [0, 1],
      [2, 3],
    ]);
    expect(cutMerges(merges, 4, 0.05)).toHaveLength(1);
    expect(cutMerges(merges, 4, 0.95)).toHaveLength(0);
  });

  it('groups a small board by topic, with a title and the shared words', () => {
    const notes = board({
      a: '紙の決裁が多い',
      b: '稟議書が回ってくるのに1週間かかる',
      c: 'ハンコをもらうために出勤する',
      d: '押印のために出勤する',
      e: 'テレワークができない',
      f: '在宅勤務の環境がない',
      g: '庁舎の駐車場が狭い',
    });
    const groups = suggestGroups(new BoardIndex(notes), notes, 0.5);
    const sets = groups.map((group) => [...group.noteIds].sort().join(''));
    expect(sets).toContain('ef');
    expect(sets.some((set) => set.includes('c') && set.includes('d'))).toBe(true);
    expect(sets.join('')).not.toContain('g');
    const seals = groups.find((group) => group.noteIds.includes('d'))!;
    expect(seals.terms).toContain('押印');
    expect(seals.title).toContain('押印');
    // The reason, highlighted as each note writes it.
    expect(seals.highlights.c).toContain('ハンコ');
    expect(seals.highlights.d).toContain('押印');
    for (const group of groups) expect(group.score).toBeGreaterThan(0);
  });

  it('moves from fine to coarse with the granularity', () => {
    expect(groupingThreshold(0)).toBeGreaterThan(groupingThreshold(0.5));
    expect(groupingThreshold(0.5)).toBeGreaterThan(groupingThreshold(1));
    expect(groupingThreshold(1)).toBeGreaterThan(0);
  });

  it('gives one group for identical notes and none for empty ones', () => {
    const same = board(Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`n${i}`, '紙の決裁が多い'])));
    const groups = suggestGroups(new BoardIndex(same), same, 0.5);
    expect(groups).toHaveLength(1);
    expect(groups[0]!.noteIds).toHaveLength(50);
    expect(groups[0]!.score).toBe(1);
    const empty = board({ a: '', b: '🎉', c: 'https://example.jp' });
    expect(suggestGroups(new BoardIndex(empty), empty, 1)).toEqual([]);
  });

  it('finds the notes most like a text being typed, with the words they share', () => {
    const notes = board({
      a: '紙の決裁が多い',
      b: 'ハンコをもらうために出勤する',
      c: 'テレワークができない',
      d: '会議が長い',
    });
    const found = findSimilar(new BoardIndex(notes), notes, noteTerms(tokenize, '押印のための出勤をなくしたい'));
    expect(found[0]!.id).toBe('b');
    expect(found[0]!.terms).toContain('押印');
    expect(found[0]!.highlights).toEqual(expect.arrayContaining(['ハンコ', '出勤']));
    expect(found.length).toBeLessThanOrEqual(3);
    expect(findSimilar(new BoardIndex(notes), notes, noteTerms(tokenize, '🎉'))).toEqual([]);
  });
});

describe('the per-board cache of analysed notes', () => {
  it('re-analyses only the notes whose text changed, and reuses the index while only the typed note changes', async () => {
    const { BoardAnalyses } = await import('../../server/suggestions/boardAnalyses');
    const { SentBoards } = await import('../../server/suggestions/sentBoards');
    let calls = 0;
    const counting: Tokenize = (text) => {
      calls++;
      return tokenize(text);
    };
    const worker = new BoardAnalyses(counting);
    const sent = new SentBoards();
    const send = (boardId: string, list: typeof notes, excludeId: string | null = null) =>
      worker.analyse(sent.changesFor(boardId, list).changes, excludeId);
    const notes = Array.from({ length: 100 }, (_, i) => ({
      id: `n${i}`,
      text: `紙の決裁が多い ${i}`,
      pillarId: 'p',
      lane: 'problem',
      clustered: false,
    }));
    const first = send('b1', notes);
    expect(calls).toBe(100);
    // Nothing changed: nothing sent, the same index.
    expect(sent.changesFor('b1', notes).changes.changed).toEqual([]);
    expect(send('b1', notes)).toBe(first);
    // One note edited: only it is sent and analysed again; one deleted: it is gone from the index.
    calls = 0;
    const edited = notes.map((note) => (note.id === 'n5' ? { ...note, text: 'テレワークができない' } : note));
    const { changes } = sent.changesFor('b1', edited.slice(0, 99));
    expect(changes.changed.map((note) => note.id)).toEqual(['n5']);
    expect(changes.removed).toEqual(['n99']);
    const index = worker.analyse(changes);
    expect(calls).toBe(1);
    expect(index).not.toBe(first);
    expect(index.notes).toHaveLength(99);
    // The note being typed changes at each keystroke: left out, the index is reused as it is.
    const typing = send('b1', edited.slice(0, 99), 'n3');
    for (const text of ['押', '押印', '押印の']) {
      const keystroke = edited.slice(0, 99).map((note) => (note.id === 'n3' ? { ...note, text } : note));
      expect(send('b1', keystroke, 'n3')).toBe(typing);
    }
    // A note moved to another lane: a new index, no new analysis.
    calls = 0;
    const moved = edited.slice(0, 99).map((note) => (note.id === 'n7' ? { ...note, lane: 'goal' } : note));
    expect(send('b1', moved).notes.find((note) => note.id === 'n7')!.lane).toBe('goal');
    expect(calls).toBe(1); // n3's last text, analysed once it is no longer left out
    // Sent whole again (the main side forgot the board): notes not in it are gone from the worker too.
    const again = worker.analyse({ boardId: 'b1', changed: moved.slice(0, 10), removed: [], full: true });
    expect(again.notes).toHaveLength(10);
  });
});

describe('bad input gives sensible groups or none, never an error', () => {
  it('groups a board written in English by its words', () => {
    const notes = board({
      a: 'Too many paper forms at the counter',
      b: 'Paper forms should be online',
      c: 'Remote work is not allowed',
      d: 'We cannot work from home (remote work)',
      e: 'Parking lot is too small',
    });
    const sets = suggestGroups(new BoardIndex(notes), notes, 0.5).map((group) => [...group.noteIds].sort().join(''));
    expect(sets).toContain('cd');
    expect(sets.join('')).not.toContain('e');
  });

  it('handles 3,000 identical notes and a note at the length limit', () => {
    const same = board(Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`n${i}`, 'ハンコが多い'])));
    const groups = suggestGroups(new BoardIndex(same), same, 0.5);
    expect(groups).toHaveLength(1);
    expect(groups[0]!.noteIds).toHaveLength(3000);
    const long = board({ a: '紙の決裁が多い。'.repeat(250), b: '紙の決裁が多い' });
    expect(long[0]!.terms.counts.size).toBeGreaterThan(0);
    expect(suggestGroups(new BoardIndex(long), long, 0.5)[0]!.noteIds.sort()).toEqual(['a', 'b']);
  });
});

describe('what the main thread has sent the worker', () => {
  it('forgets the least recently asked board past 32, and sends a forgotten board whole again', async () => {
    const { SentBoards } = await import('../../server/suggestions/sentBoards');
    const sent = new SentBoards();
    const notes = [{ id: 'a', text: '押印', pillarId: 'p', lane: 'problem', clustered: false }];
    const evicted: string[] = [];
    for (let i = 0; i < 33; i++) evicted.push(...sent.changesFor(`b${i}`, notes).evicted);
    expect(evicted).toEqual(['b0']);
    expect(sent.changesFor('b1', notes).changes).toMatchObject({ changed: [], full: false });
    expect(sent.changesFor('b0', notes).changes).toMatchObject({ changed: notes, full: true });
    sent.reset();
    expect(sent.changesFor('b1', notes).changes.full).toBe(true);
  });
});
