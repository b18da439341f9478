import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { settingsRoots } from '../../shared/docs.js';
import { TITLE_MAX } from '../../shared/limits.js';
import {
  addPillar,
  archivePillar,
  movePillar,
  renamePillar,
  restorePillar,
  saveSettingsTexts,
  setBoardTitle,
  setLaneLabel,
} from '../../shared/ops/pillars.js';
import { readLaneLabels } from '../../shared/records/lane.js';
import { activePillars, allPillars, boardTitle } from '../../shared/selectors.js';
import { contentOf, newSettings, PILLAR_CITIZENS, PILLAR_EFFICIENCY, PILLAR_PEOPLE, storedPillar } from './fixtures.js';

const titles = (doc: Y.Doc) => activePillars(doc).map((p) => p.title);
const BAD_TITLES: [string, string][] = [
  ['', 'titleEmpty'],
  ['  \u3000 ', 'titleEmpty'],
  ['長'.repeat(TITLE_MAX + 1), 'titleTooLong'],
];

describe('addPillar', () => {
  it('adds a pillar at the end, or at an index, with a trimmed title', () => {
    const doc = newSettings();
    expect(addPillar(doc, { id: 'p4', title: ' 防災 ' })).toEqual({ ok: true, value: 'p4' });
    addPillar(doc, { id: 'p5', title: '子育て支援', index: 0 });
    expect(titles(doc)).toEqual(['子育て支援', '市民サービスの向上', '業務の効率化', '人材育成', '防災']);
    expect(storedPillar(doc, 'p4').toJSON()).toMatchObject({ title: '防災' });
  });

  it.each(BAD_TITLES)('refuses the title %j with %s and changes nothing', (title, error) => {
    const doc = newSettings();
    const before = contentOf(doc);
    expect(addPillar(doc, { id: 'p4', title })).toEqual({ ok: false, error });
    expect(contentOf(doc)).toBe(before);
  });
});

describe('renamePillar', () => {
  it('renames a pillar and keeps its place', () => {
    const doc = newSettings();
    expect(renamePillar(doc, PILLAR_EFFICIENCY, ' 業務改革 ')).toEqual({ ok: true, value: null });
    expect(titles(doc)).toEqual(['市民サービスの向上', '業務改革', '人材育成']);
  });

  it.each(BAD_TITLES)('refuses the title %j with %s and changes nothing', (title, error) => {
    const doc = newSettings();
    const before = contentOf(doc);
    expect(renamePillar(doc, PILLAR_CITIZENS, title)).toEqual({ ok: false, error });
    expect(contentOf(doc)).toBe(before);
  });

  it('reports a missing pillar', () => {
    expect(renamePillar(newSettings(), 'nope', 'x')).toEqual({ ok: false, error: 'pillarNotFound' });
  });
});

describe('movePillar', () => {
  it('puts a pillar at an index among the other visible pillars', () => {
    const doc = newSettings();
    movePillar(doc, PILLAR_PEOPLE, 0);
    expect(titles(doc)).toEqual(['人材育成', '市民サービスの向上', '業務の効率化']);
    movePillar(doc, PILLAR_PEOPLE, 1);
    expect(titles(doc)).toEqual(['市民サービスの向上', '人材育成', '業務の効率化']);
    movePillar(doc, PILLAR_CITIZENS, 2);
    expect(titles(doc)).toEqual(['人材育成', '業務の効率化', '市民サービスの向上']);
  });

  it('reports a missing pillar', () => {
    expect(movePillar(newSettings(), 'nope', 0)).toEqual({ ok: false, error: 'pillarNotFound' });
  });
});

describe('archivePillar and restorePillar', () => {
  it('hides an archived pillar and brings it back at its old place', () => {
    const doc = newSettings();
    expect(archivePillar(doc, PILLAR_EFFICIENCY, 7000)).toEqual({ ok: true, value: null });
    expect(titles(doc)).toEqual(['市民サービスの向上', '人材育成']);
    expect(allPillars(doc).find((p) => p.id === PILLAR_EFFICIENCY)).toMatchObject({ archivedAt: 7000 });
    expect(settingsRoots.pillars(doc).has(PILLAR_EFFICIENCY)).toBe(true);
    expect(restorePillar(doc, PILLAR_EFFICIENCY)).toEqual({ ok: true, value: null });
    expect(titles(doc)).toEqual(['市民サービスの向上', '業務の効率化', '人材育成']);
    expect(storedPillar(doc, PILLAR_EFFICIENCY).has('archivedAt')).toBe(false);
  });

  it('refuses to archive the last visible pillar', () => {
    const doc = newSettings();
    archivePillar(doc, PILLAR_CITIZENS);
    archivePillar(doc, PILLAR_EFFICIENCY);
    const before = contentOf(doc);
    expect(archivePillar(doc, PILLAR_PEOPLE)).toEqual({ ok: false, error: 'lastPillar' });
    expect(contentOf(doc)).toBe(before);
  });

  it('reports a missing pillar', () => {
    expect(archivePillar(newSettings(), 'nope')).toEqual({ ok: false, error: 'pillarNotFound' });
    expect(restorePillar(newSettings(), 'nope')).toEqual({ ok: false, error: 'pillarNotFound' });
  });
});

describe('setLaneLabel', () => {
  it('renames a lane kind for the whole board', () => {
    const doc = newSettings();
    expect(setLaneLabel(doc, 'goal', ' 目指す姿 ')).toEqual({ ok: true, value: null });
    expect(readLaneLabels(settingsRoots.laneLabels(doc))).toEqual({
      problem: '課題',
      goal: '目指す姿',
      idea: 'アイデア',
    });
  });

  it.each(BAD_TITLES)('refuses the label %j with %s and changes nothing', (label, error) => {
    const doc = newSettings();
    const before = contentOf(doc);
    expect(setLaneLabel(doc, 'idea', label)).toEqual({ ok: false, error });
    expect(contentOf(doc)).toBe(before);
  });
});

describe('setBoardTitle', () => {
  it('sets the trimmed board title', () => {
    const doc = newSettings();
    expect(setBoardTitle(doc, ' デジタル市役所 部会 ')).toEqual({ ok: true, value: null });
    expect(boardTitle(doc)).toBe('デジタル市役所 部会');
  });

  it.each(BAD_TITLES)('refuses the title %j with %s and changes nothing', (title, error) => {
    const doc = newSettings();
    const before = contentOf(doc);
    expect(setBoardTitle(doc, title)).toEqual({ ok: false, error });
    expect(contentOf(doc)).toBe(before);
  });
});

describe('saveSettingsTexts', () => {
  it('saves the title, pillar names and lane labels as one trimmed change', () => {
    const doc = newSettings();
    let updates = 0;
    doc.on('update', () => updates++);
    const result = saveSettingsTexts(doc, {
      title: ' 庁内DX部会 ',
      pillarTitles: { [PILLAR_CITIZENS]: '住民サービス' },
      laneLabels: { idea: '解決のアイデア' },
    });
    expect(result).toEqual({ ok: true });
    expect(updates).toBe(1);
    expect(boardTitle(doc)).toBe('庁内DX部会');
    expect(titles(doc)[0]).toBe('住民サービス');
    expect(readLaneLabels(settingsRoots.laneLabels(doc)).idea).toBe('解決のアイデア');
  });

  it('refuses the whole change when one text is bad, and names that field', () => {
    const doc = newSettings();
    const before = contentOf(doc);
    const result = saveSettingsTexts(doc, {
      title: '新しい名前',
      pillarTitles: { [PILLAR_CITIZENS]: '住民サービス', [PILLAR_PEOPLE]: ' ' },
    });
    expect(result).toEqual({ ok: false, field: `pillar:${PILLAR_PEOPLE}`, error: 'titleEmpty' });
    expect(contentOf(doc)).toBe(before);
    expect(saveSettingsTexts(doc, { pillarTitles: { gone: '名前' } })).toEqual({
      ok: false,
      field: 'pillar:gone',
      error: 'pillarNotFound',
    });
    expect(contentOf(doc)).toBe(before);
  });
});
