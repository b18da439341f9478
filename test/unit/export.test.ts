import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { csvField, initiativesCsv, neutraliseFormula, notesCsv } from '../../shared/export/csv.js';
import { planMarkdown } from '../../shared/export/markdown.js';
import { buildPlanReport } from '../../shared/export/report.js';
import { reportNotes } from '../../shared/export/rows.js';
import { deleteNote } from '../../shared/ops/notes.js';
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
