import { describe, expect, it } from 'vitest';
import { exportFileNames } from '../../server/export/fileName.js';
import { settingsRoots } from '../../shared/docs.js';
import { planMarkdown } from '../../shared/export/markdown.js';
import { inertLine } from '../../shared/export/markdownText.js';
import { buildPlanReport } from '../../shared/export/report.js';
import { addNote } from '../../shared/ops/notes.js';
import { DEMO_EXPORTED_AT, DEMO_PILLARS, DEMO_TITLE } from '../tools/demoBoard.js';
import { buildTrickyBoard, EMPTY_PILLAR, TRICKY_NOTES } from './exportFixtures.js';

const report = () => {
  const { board, settings } = buildTrickyBoard();
  return buildPlanReport(board, settings, { exportedAt: DEMO_EXPORTED_AT, lang: 'ja' });
};

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
    settingsRoots.meta(settings).set('title', '## タイトル *強調*');
    const md = planMarkdown(buildPlanReport(board, settings, { exportedAt: DEMO_EXPORTED_AT, lang: 'ja' }));
    expectMinutesRules(md);
    expect(md).toContain('2＊3 と a_b と ～1 と ｀x — 4＊5＿ ～ ｀');
    expect(md).toContain('http://evil.example/');
    expect(md).toContain('www.example.com/a_b');
  });

  it('is named 議事録メモ_<board>_<date>.md (Minutes-memo_… in English and in ASCII); the Word plan keeps 実施計画(案)', () => {
    expect(exportFileNames('md', '庁内部会', 'b1', 0, 'md')).toEqual({
      name: '議事録メモ_庁内部会_1970-01-01.md',
      ascii: 'Minutes-memo_b1_1970-01-01.md',
    });
    expect(exportFileNames('docx', '庁内部会', 'b1', 0, 'docx').name).toBe('実施計画(案)_庁内部会_1970-01-01.docx');
    // Someone using the app in English gets the English name (the content stays Japanese).
    expect(exportFileNames('md', '庁内部会', 'b1', 0, 'md', 'en').name).toBe('Minutes-memo_庁内部会_1970-01-01.md');
    expect(exportFileNames('data', '庁内部会', 'b1', 0, 'json', 'en').name).toBe('Data_庁内部会_1970-01-01.json');
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
