import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { exportFileNames } from '../../server/export/fileName.js';
import { settingsRoots } from '../../shared/docs.js';
import { csvField, initiativesCsv, neutraliseFormula, notesCsv } from '../../shared/export/csv.js';
import { planMarkdown } from '../../shared/export/markdown.js';
import { inertLine } from '../../shared/export/markdownText.js';
import { buildPlanReport } from '../../shared/export/report.js';
import { reportNotes } from '../../shared/export/rows.js';
import { addNote, deleteNote } from '../../shared/ops/notes.js';
import { archivePillar } from '../../shared/ops/pillars.js';
import { authorNamesExported, setExportAuthorNames } from '../../shared/records/exportPolicy.js';
import { initialiseSettingsDoc } from '../../shared/template.js';
import { DEMO_EXPORTED_AT, DEMO_PILLARS, DEMO_TITLE } from '../tools/demoBoard.js';
import { buildTrickyBoard, EMPTY_PILLAR, parseCsv, TRICKY_NOTES } from './exportFixtures.js';
import { add } from './fixtures.js';

const report = (lang: 'ja' | 'en' = 'ja') => {
  const { board, settings } = buildTrickyBoard();
  return buildPlanReport(board, settings, { exportedAt: DEMO_EXPORTED_AT, lang });
};

describe('the plan report', () => {
  it('lists the pillars in order, the empty one included, with groups and their notes by lane', () => {
    const plan = report();
    expect(plan.title).toBe(DEMO_TITLE);
    expect(plan.exportedDate).toBe('令和3年11月25日 (2021年11月25日)');
    expect(plan.exportedIsoDate).toBe('2021-11-25');
    expect(plan.pillars.map((p) => p.title)).toEqual([
      '市民サービスの向上',
      '業務の効率化',
      '人材育成',
      EMPTY_PILLAR.title,
    ]);
    const empty = plan.pillars[3]!;
    expect([empty.noteCount, empty.clusters.length, empty.loose.length]).toEqual([0, 0, 0]);
    const online = plan.pillars[0]!.clusters[0]!;
    expect(online.title).toBe('オンライン申請の拡大');
    expect(online.lanes.map((l) => l.label)).toEqual(['課題', '達成目標', 'アイデア']);
    expect(reportNotes(plan)).toHaveLength(24 + Object.keys(TRICKY_NOTES).length);
  });

  it('gives each item the dots of the latest revealed round, its quadrant and its shortlist mark', () => {
    const plan = report();
    expect(plan.votesRound).toBe(2);
    const online = plan.pillars[0]!.clusters[0]!;
    expect(online.item).toMatchObject({ votes: 10, quadrantLabel: 'すぐ取り組む', shortlisted: true });
    // A note in a group counts for its group: its row shows the group's dots.
    expect(online.lanes[0]!.notes[0]!.item.votes).toBe(10);
    const loose = reportNotes(plan).find((n) => n.id === 'n04')!;
    expect(loose.item).toMatchObject({ votes: 0, quadrantLabel: '見送り', shortlisted: false });
    expect(loose.clusterTitle).toBeNull();
  });

  it('lists initiatives by pillar then 高/中/低, with labels in Japanese and fiscal years in both forms', () => {
    const plan = report();
    expect(
      plan.initiativeList.map((i) => [i.fields.title, i.priorityLabel, i.statusLabel, i.fiscalYearsLabel]),
    ).toEqual([
      ['主な手続きのオンライン申請', '高', '検討中', '令和4〜5年度 (2022〜2023年度)'],
      ['窓口の待ち時間の短縮', '中', '案', '令和5年度 (2023年度)'],
      ['回覧・会議のペーパーレス化', '高', '確定', '令和4年度 (2022年度)'],
      ['デジタル推進リーダーの育成', '中', '案', '令和4〜5年度 (2022〜2023年度)'],
    ]);
    expect(plan.planPeriod).toBe('令和4〜5年度 (2022〜2023年度)');
    expect(plan.initiatives.map((g) => g.pillarTitle)).toContain(EMPTY_PILLAR.title);
    expect(plan.initiativeList[0]!.source).toMatchObject({ label: 'オンライン申請の拡大', votes: 10, gone: false });
    const fed = reportNotes(plan).find((n) => n.id === 'n03')!;
    expect(fed.initiativeTitles).toEqual(['主な手続きのオンライン申請']);
  });

  it('lists every revealed round, oldest first, ranking ties together', () => {
    const plan = report();
    expect(plan.rounds.map((r) => r.title)).toEqual(['第1回', '第2回']);
    const tied = plan.rounds[0]!.rows.filter((r) => r.tied);
    expect(tied.map((r) => [r.rank, r.count])).toEqual([
      [2, 7],
      [2, 7],
    ]);
    expect(plan.rounds[0]!.rows[3]!.rank).toBe(4);
    expect(plan.rounds[1]!.detail).toContain('11人が投票');
  });

  it('lists an archived pillar that still has notes after the active ones, and unknown pillars last', () => {
    const { board, settings } = buildTrickyBoard();
    archivePillar(settings, DEMO_PILLARS.people, 5);
    add(board, { id: 'stray', text: '柱が分からない付箋', pillarId: 'gone-pillar' });
    const plan = buildPlanReport(board, settings, { exportedAt: DEMO_EXPORTED_AT });
    expect(plan.pillars.map((p) => p.title)).toEqual([
      '市民サービスの向上',
      '業務の効率化',
      EMPTY_PILLAR.title,
      '人材育成（アーカイブ済み）',
      '柱なし',
    ]);
    expect(plan.pillars[4]!.loose[0]!.notes.map((n) => n.text)).toEqual(['柱が分からない付箋']);
  });

  it('shows an initiative whose item is gone with the dots and quadrant recorded when it was made', () => {
    const { board, settings } = buildTrickyBoard();
    for (const id of ['n20', 'n22', 'n23']) deleteNote(board, id, 5);
    const plan = buildPlanReport(board, settings, { exportedAt: DEMO_EXPORTED_AT });
    const leaders = plan.initiativeList.find((i) => i.fields.title === 'デジタル推進リーダーの育成')!;
    expect(leaders.source).toMatchObject({ gone: true, votes: 6, roundNumber: 2, quadrantLabel: 'すぐ取り組む' });
    expect(leaders.source!.label).toBe('（元の項目は削除されています）');
  });

  it('speaks English when asked (the fiscal years then read FY…)', () => {
    const plan = report('en');
    expect(plan.initiativeList[0]!.priorityLabel).toBe('High');
    expect(plan.initiativeList[2]!.fiscalYearsLabel).toBe('FY2022 (Reiwa 4)');
  });
});

describe("the facilitator's author-name setting", () => {
  it('is off on a new board: no export names who wrote a note until the facilitator turns it on', () => {
    const { board, settings } = buildTrickyBoard();
    setExportAuthorNames(settings, false);
    const plan = buildPlanReport(board, settings, { exportedAt: DEMO_EXPORTED_AT });
    expect(plan.authorNames).toBe(false);
    expect(reportNotes(plan).every((note) => note.authorName === '')).toBe(true);
    const [, ...rows] = parseCsv(notesCsv(plan).slice(1));
    expect(rows.every((row) => row[4] === '')).toBe(true);
    const md = planMarkdown(plan);
    for (const name of ['鈴木', '田中', '試験']) expect(md).not.toContain(name);
    const fresh = new Y.Doc();
    initialiseSettingsDoc(fresh, '新しいボード');
    expect(authorNamesExported(fresh)).toBe(false);
  });
});

describe('CSV', () => {
  it('starts with the byte-order mark and ends every record with CRLF', () => {
    const csv = notesCsv(report());
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(() => parseCsv(csv.slice(1))).not.toThrow();
  });

  it('reads back to the same cells, commas, quotes, line breaks and emoji included', () => {
    const plan = report();
    const [header, ...rows] = parseCsv(notesCsv(plan).slice(1));
    expect(header).toEqual([
      '柱',
      '列',
      'グループ',
      '付箋',
      '書いた人',
      '票数（グループ単位）',
      '区画',
      '取り組み候補',
      '取組案',
      '作成日',
    ]);
    expect(rows).toHaveLength(reportNotes(plan).length);
    const byText = (text: string) => rows.find((row) => row[3] === text);
    for (const key of ['comma', 'quotes', 'lines', 'emoji', 'heading', 'link', 'html'] as const) {
      expect(byText(TRICKY_NOTES[key]), key).toBeDefined();
    }
    expect(byText(TRICKY_NOTES.comma)![4]).toBe('試験, "太郎"');
    expect(rows.find((row) => row[3] === '手続きのために平日の昼間に来庁しなければならない')).toEqual([
      '市民サービスの向上',
      '課題',
      'オンライン申請の拡大',
      '手続きのために平日の昼間に来庁しなければならない',
      '鈴木',
      '10',
      'すぐ取り組む',
      'はい',
      '主な手続きのオンライン申請',
      '令和3年8月19日 (2021年8月19日)',
    ]);
  });

  it('prefixes every formula-like cell with an apostrophe, and only those', () => {
    const [, ...rows] = parseCsv(notesCsv(report()).slice(1));
    const texts = rows.map((row) => row[3]);
    for (const key of ['sum', 'phone', 'minus', 'at', 'fullWidth'] as const) {
      expect(texts, key).toContain(`'${TRICKY_NOTES[key]}`);
      expect(texts, key).not.toContain(TRICKY_NOTES[key]);
    }
    expect(texts).toContain(TRICKY_NOTES.emoji);
    expect(neutraliseFormula('\tcmd')).toBe("'\tcmd");
    expect(neutraliseFormula('\r=1')).toBe("'\r=1");
    expect(neutraliseFormula('＠x')).toBe("'＠x");
    expect(neutraliseFormula('\0=1+1')).toBe("'\0=1+1");
    expect(neutraliseFormula('a=1')).toBe('a=1');
    expect(csvField(-1)).toBe('-1');
    expect(csvField('=1,2')).toBe(`"'=1,2"`);
  });

  it('neutralises a formula character hidden behind leading spaces or invisible characters', () => {
    for (const blank of [' ', '  ', '\u3000', '\u200B', '\u00A0', '\uFEFF', '\u2060', '\n', ' \u200B\u3000']) {
      for (const start of ['=', '+', '-', '@', '＝', '\t', '\r']) {
        const text = `${blank}${start}1+1`;
        expect(neutraliseFormula(text), JSON.stringify(text)).toBe(`'${text}`);
      }
    }
    expect(neutraliseFormula(' 住民票')).toBe(' 住民票');
    expect(neutraliseFormula('\u3000窓口 = 2')).toBe('\u3000窓口 = 2');
    expect(csvField('\u3000=HYPERLINK("x")')).toBe(`"'\u3000=HYPERLINK(""x"")"`);
  });

  it('writes one row per initiative with every field', () => {
    const [header, ...rows] = parseCsv(initiativesCsv(report()).slice(1));
    expect(header).toHaveLength(15);
    expect(rows).toHaveLength(4);
    expect(rows[0]).toContain('令和4〜5年度 (2022〜2023年度)');
    expect(rows[0]).toContain(
      '利用件数の多い手続きから順に、マイナンバーカードで本人確認できる電子申請に切り替える。\n申請の入口を市のホームページにまとめる。',
    );
    expect(rows[2]!.slice(0, 3)).toEqual(['業務の効率化', '高', '回覧・会議のペーパーレス化']);
    expect(rows[2]).toContain('令和4年度 (2022年度)');
  });
});

describe('Markdown (議事録メモ)', () => {
  it('has the minutes structure: title, initiatives, shortlist, pillars with groups, results, as lists', () => {
    const md = planMarkdown(report());
    const headings = md.split('\n').filter((line) => line.startsWith('#'));
    expect(headings[0]).toBe(`# ${DEMO_TITLE} 議事録メモ`);
    for (const heading of [
      '## 取組案',
      '## 取り組み候補: 令和4〜5年度 (2022〜2023年度)に取り組む',
      '## 柱ごとの付箋とグループ',
      `### ${EMPTY_PILLAR.title}`,
      '## 投票結果',
      '### 第1回',
    ]) {
      expect(headings).toContain(heading);
    }
    expect(md).toContain(
      '\n- グループ: オンライン申請の拡大（10票・すぐ取り組む・★取り組み候補）\n  - 課題\n    - 手続き',
    );
    expect(md).toContain('この柱にはまだ付箋がありません。');
    expect(md).toContain('\n- 回覧・会議のペーパーレス化（優先度: 高・状況: 確定）\n');
    expect(md).toContain('\n  - 実施時期: 令和4年度 (2022年度)\n');
    expect(md).toContain('\n  - 取組内容:\n    - 利用件数の多い');
    expect(md).toContain('\n- 2位（同率）: ペーパーレス化（グループ・業務の効率化）7票\n');
  });

  it('keeps every line of a note in its list item, without a trailing backslash', () => {
    const md = planMarkdown(report());
    expect(md).toContain('    - 1行目の課題 — 試験, "太郎"（0票・未配置）\n      - 2行目: 詳しく\n      - 3行目\n');
  });

  it('changes only the first character of a line that would start a block, to its full-width form', () => {
    for (const [typed, written] of [
      ['# 見出し', '＃ 見出し'],
      ['### 見出し', '＃## 見出し'],
      ['- 箇条', '－ 箇条'],
      ['+ 箇条', '＋ 箇条'],
      ['* 箇条', '＊ 箇条'],
      ['> 引用', '＞ 引用'],
      ['[x]: http://evil.example/', '［x]: http://evil.example/'],
      ['<div>', '＜div>'],
      ['| a | b |', '｜ a | b |'],
      ['```js', '｀｀｀js'],
      ['~~~', '～～～'],
      ['===', '＝=='],
      ['---', '－--'],
      ['___', '＿＿＿'],
      ['1. 番号', '１. 番号'],
      ['12) 番号', '１2) 番号'],
      ['    コード', 'コード'],
      // Not a construct: left as typed.
      ['-1', '-1'],
      ['#タグ', '#タグ'],
      ['(1) 窓口', '(1) 窓口'],
      ['2021.4 の資料', '2021.4 の資料'],
      ['a < b', 'a < b'],
    ]) {
      expect(inertLine(typed!), typed).toBe(written);
    }
  });

  it('breaks inline constructs with full-width forms only where they would form one, and keeps URLs as typed', () => {
    for (const [typed, written] of [
      ['*強調* と **太字**', '＊強調＊ と ＊＊太字＊＊'],
      ['2*3 は 6', '2*3 は 6'],
      ['_強調_ と snake_case_name', '＿強調＿ と snake_case_name'],
      ['~~取り消し~~', '～～取り消し～～'],
      ['`code` を使う', '｀code｀ を使う'],
      ['<b>太字</b> と <http://x.example>', '＜b>太字＜/b> と ＜http://x.example>'],
      ['[ここ](http://evil.example/a_b_c) ![画像](x.png)', '［ここ］(http://evil.example/a_b_c) !［画像］(x.png)'],
      ['&copy; &#169; & あ', '＆copy; ＆#169; & あ'],
      ['\\* と C:\\Users\\x と末尾\\', '＼* と C:\\Users\\x と末尾＼'],
      ['詳しくは https://example.com/a_b_c*d*e を参照', '詳しくは https://example.com/a_b_c*d*e を参照'],
      ['http://example.com と www.example.com/x_y_z', 'http://example.com と www.example.com/x_y_z'],
    ]) {
      expect(inertLine(typed!), typed).toBe(written);
    }
  });

  it('writes a board full of hostile text with no backslash escape and no heading deeper than ###', () => {
    const { board, settings } = buildTrickyBoard();
    HOSTILE_LINES.forEach((text, i) => {
      const note = { id: `h-${i}`, pillarId: DEMO_PILLARS.efficiency, lane: 'idea' as const, text, author: 'x' };
      const added = addNote(board, { ...note, authorName: '# 名前 *強調*', now: 1_700_000_000_000 + i });
      if (!added.ok) throw new Error(added.error);
    });
    // One pairing character in the note and one in its author: on one line together they could pair.
    const single = { id: 'h-single', pillarId: DEMO_PILLARS.efficiency, lane: 'idea' as const, author: 'x' };
    const added = addNote(board, { ...single, text: '2*3 と a_b と ~1 と `x', authorName: '4*5_ ~ `', now: 1 });
    if (!added.ok) throw new Error(added.error);
    const labels = settingsRoots.prioritization(settings);
    labels.set('quadrant.doNow', '<img src=x onerror=alert(1)> [x](javascript:alert(1)) **b**');
    labels.set('quadrant.skip', '*見送り');
    labels.set('targetPeriod', '# 見出し <b>');
    settingsRoots.meta(settings).set('title', '## タイトル *強調*');
    const md = planMarkdown(buildPlanReport(board, settings, { exportedAt: DEMO_EXPORTED_AT, lang: 'ja' }));
    expectMinutesRules(md);
    expect(md).toContain('2＊3 と a_b と ～1 と ｀x — 4＊5＿ ～ ｀');
    expect(md).toContain('http://evil.example/');
    expect(md).toContain('www.example.com/a_b');
  });

  it('is named 議事録メモ_<board>_<date>.md (ASCII Minutes-memo_…); the Word plan keeps 実施計画(案)', () => {
    expect(exportFileNames('md', '庁内部会', 'b1', 0, 'md')).toEqual({
      name: '議事録メモ_庁内部会_1970-01-01.md',
      ascii: 'Minutes-memo_b1_1970-01-01.md',
    });
    expect(exportFileNames('docx', '庁内部会', 'b1', 0, 'docx').name).toBe('実施計画(案)_庁内部会_1970-01-01.docx');
  });
});

/** Every way a line can start a Markdown construct or hold an escape or inline construct, in one board. */
const HOSTILE_LINES = [
  ...Object.values(TRICKY_NOTES),
  '### 見出し\n#### もっと深い\n###### 最深',
  '- 箇条\n+ 箇条\n* 箇条\n1) 番号\n> 引用\n| a | b |\n|---|---|',
  '```\nコード\n```\n~~~\n<div>HTML</div>\n<!-- コメント -->',
  '[ref]: http://evil.example/\n[ref] と [x][ref] と ![img](http://evil.example/i.png)',
  '*強調* **太字** _下線_ __太字__ ~~取り消し~~ `コード`',
  '\\# \\- \\+ http\\://example\\.com 末尾\\',
  '<http://evil.example> <a@b.example> &amp; &#169; www.example.com/a_b',
  '上の行\n---\n下の行\n===\n* * *\n- - -',
  '        深いインデント\n\t\tタブ',
];

/**
 * The minutes memo's rules, line by line (no CommonMark parser is installed here): headings only `#`..`###`
 * from the exporter, every other line blank, a paragraph or a list item, and no text that starts a block, holds
 * an inline construct or a backslash escape.
 */
function expectMinutesRules(md: string): void {
  for (const line of md.split('\n')) {
    expect(line, line).not.toMatch(/^#{4,}/);
    expect(line, line).not.toMatch(/\\[!-/:-@[-`{-~]|\\$/);
    const content = line.replace(/^(#{1,3} |( {2})*- )/, '');
    expect(content, line).not.toMatch(
      /^(#{1,6}(\s|$)|[-+*](\s|$)|[>[|]|<[A-Za-z/!?]|```|~~~|[-=*_]+\s*$|\d+[.)](\s|$)|\s)/,
    );
    expect(line, line).not.toMatch(/\]\(|<[A-Za-z/!?]|&#?[A-Za-z0-9]+;/);
    const outsideUrls = line.replace(/(https?:\/\/|www\.)\S+/g, '');
    for (const c of ['*', '`', '~']) expect(outsideUrls.split(c).length - 1, `${c} in ${line}`).toBeLessThan(2);
    expect(outsideUrls, line).not.toMatch(/(^|[^\p{L}\p{N}])_[^_]*_/u);
  }
}
