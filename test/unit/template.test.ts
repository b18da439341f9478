import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { boardRoots, settingsRoots } from '../../shared/docs.js';
import { BOARD_SCHEMA_VERSION, SETTINGS_SCHEMA_VERSION } from '../../shared/records/meta.js';
import { activePillars, boardTitle, listNotes } from '../../shared/selectors.js';
import { initialiseBoardDoc, initialiseSettingsDoc, SEED_PILLAR_TITLES } from '../../shared/template.js';

describe('initialiseSettingsDoc', () => {
  it('starts a board with the three seed pillars in order', () => {
    const doc = new Y.Doc();
    initialiseSettingsDoc(doc, 'みんなにやさしいデジタル市役所計画');
    expect(SEED_PILLAR_TITLES).toEqual(['市民サービスの向上', '業務の効率化', '人材育成']);
    const pillars = activePillars(doc);
    expect(pillars.map((p) => p.title)).toEqual(['市民サービスの向上', '業務の効率化', '人材育成']);
    expect(new Set(pillars.map((p) => p.id)).size).toBe(3);
    expect(pillars.every((p) => p.archivedAt === null)).toBe(true);
  });

  it('labels the lanes 課題, 達成目標 and アイデア', () => {
    const doc = new Y.Doc();
    initialiseSettingsDoc(doc, 't');
    expect(settingsRoots.laneLabels(doc).toJSON()).toEqual({ problem: '課題', goal: '達成目標', idea: 'アイデア' });
  });

  it('records the title and the schema version in one transaction', () => {
    const doc = new Y.Doc();
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    initialiseSettingsDoc(doc, '庁内部会');
    expect(transactions).toBe(1);
    expect(boardTitle(doc)).toBe('庁内部会');
    expect(settingsRoots.meta(doc).get('schemaVersion')).toBe(SETTINGS_SCHEMA_VERSION);
  });

  it('uses the ids it is given', () => {
    const doc = new Y.Doc();
    const ids = ['x', 'y', 'z'];
    initialiseSettingsDoc(doc, 't', () => ids.shift()!);
    expect(activePillars(doc).map((p) => p.id)).toEqual(['x', 'y', 'z']);
  });
});

describe('initialiseBoardDoc', () => {
  it('starts an empty board at the current schema version', () => {
    const doc = new Y.Doc();
    initialiseBoardDoc(doc);
    expect(boardRoots.meta(doc).toJSON()).toEqual({ schemaVersion: BOARD_SCHEMA_VERSION });
    expect(listNotes(doc)).toEqual([]);
  });
});
