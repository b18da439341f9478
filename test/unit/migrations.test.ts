import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { boardRoots, settingsRoots } from '../../shared/docs.js';
import { migrateBoardDoc, migrateSettingsDoc } from '../../shared/migrations.js';
import {
  BOARD_SCHEMA_VERSION,
  checkSchemaVersion,
  readSchemaVersion,
  SETTINGS_SCHEMA_VERSION,
} from '../../shared/records/meta.js';
import { getNote } from '../../shared/selectors.js';
import { contentOf, newBoard, newSettings } from './fixtures.js';

/** A board written by another tool before versions existed: notes in the documented shape, no schemaVersion. */
function versionZeroBoard(): Y.Doc {
  const doc = new Y.Doc();
  const note = new Y.Map<unknown>();
  boardRoots.notes(doc).set('old', note);
  note.set('text', new Y.Text('古い付箋'));
  note.set('place', { pillarId: 'p1', lane: 'problem', order: 'a0' });
  return doc;
}

describe('readSchemaVersion and checkSchemaVersion', () => {
  it('treats a missing or invalid version as 0', () => {
    const meta = new Y.Doc().getMap<unknown>('meta');
    expect(readSchemaVersion(meta)).toBe(0);
    for (const value of ['1', -1, 1.5, Number.NaN]) {
      meta.set('schemaVersion', value);
      expect(readSchemaVersion(meta)).toBe(0);
    }
  });

  it('says whether a document is current, older or newer than the code', () => {
    const meta = new Y.Doc().getMap<unknown>('meta');
    meta.set('schemaVersion', 3);
    expect(checkSchemaVersion(meta, 3)).toEqual({ kind: 'current' });
    expect(checkSchemaVersion(meta, 5)).toEqual({ kind: 'needs-migration', from: 3 });
    expect(checkSchemaVersion(meta, 2)).toEqual({ kind: 'too-new', version: 3 });
  });
});

describe('migrateBoardDoc', () => {
  it('migrates a version 0 board to the current version and keeps its notes', () => {
    const doc = versionZeroBoard();
    const origins: unknown[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
    expect(migrateBoardDoc(doc, 'migration')).toBe('migrated');
    expect(boardRoots.meta(doc).get('schemaVersion')).toBe(BOARD_SCHEMA_VERSION);
    expect(getNote(doc, 'old')).toMatchObject({ text: '古い付箋', place: { pillarId: 'p1' } });
    expect(origins).toEqual(['migration']);
  });

  it('migrates a version 1 board (before clusters) to the current version without rewriting its notes', () => {
    const doc = versionZeroBoard();
    boardRoots.meta(doc).set('schemaVersion', 1);
    const notesBefore = JSON.stringify(boardRoots.notes(doc).toJSON());
    expect(migrateBoardDoc(doc)).toBe('migrated');
    expect(boardRoots.meta(doc).get('schemaVersion')).toBe(BOARD_SCHEMA_VERSION);
    expect(JSON.stringify(boardRoots.notes(doc).toJSON())).toBe(notesBefore);
  });

  it('gives the notes trashed before version 4 an unknown deleter, and leaves live notes alone', () => {
    const doc = versionZeroBoard();
    boardRoots.meta(doc).set('schemaVersion', 3);
    const trashed = new Y.Map<unknown>();
    boardRoots.notes(doc).set('trashed', trashed);
    trashed.set('text', new Y.Text('古いごみ'));
    trashed.set('place', { pillarId: 'p1', lane: 'idea', order: 'a1' });
    trashed.set('deletedAt', 5000);
    expect(migrateBoardDoc(doc)).toBe('migrated');
    expect(boardRoots.meta(doc).get('schemaVersion')).toBe(4);
    expect(trashed.get('deletedBy')).toBe('');
    expect(getNote(doc, 'trashed')).toMatchObject({ deletedAt: 5000, deletedBy: '', deletedByName: '' });
    expect((boardRoots.notes(doc).get('old') as Y.Map<unknown>).has('deletedBy')).toBe(false);
  });

  it('leaves a current board alone', () => {
    const doc = newBoard();
    const before = contentOf(doc);
    expect(migrateBoardDoc(doc)).toBe('current');
    expect(contentOf(doc)).toBe(before);
  });

  it('refuses a board newer than the code and changes nothing', () => {
    const doc = versionZeroBoard();
    boardRoots.meta(doc).set('schemaVersion', BOARD_SCHEMA_VERSION + 1);
    const before = contentOf(doc);
    expect(migrateBoardDoc(doc)).toBe('too-new');
    expect(contentOf(doc)).toBe(before);
  });

  it('gives the same document on two replicas that migrate it at once', () => {
    const a = versionZeroBoard();
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    migrateBoardDoc(a);
    migrateBoardDoc(b);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(boardRoots.meta(a).toJSON()).toEqual(boardRoots.meta(b).toJSON());
    expect(boardRoots.meta(a).get('schemaVersion')).toBe(BOARD_SCHEMA_VERSION);
  });
});

describe('migrateSettingsDoc', () => {
  it('migrates a version 0 settings document and keeps its pillars', () => {
    const doc = new Y.Doc();
    const pillar = new Y.Map<unknown>();
    settingsRoots.pillars(doc).set('p1', pillar);
    pillar.set('title', '防災');
    pillar.set('order', 'a0');
    expect(migrateSettingsDoc(doc)).toBe('migrated');
    expect(settingsRoots.meta(doc).get('schemaVersion')).toBe(SETTINGS_SCHEMA_VERSION);
    expect(settingsRoots.pillars(doc).toJSON()).toEqual({ p1: { title: '防災', order: 'a0' } });
  });

  it('leaves a current settings document alone and refuses a too-new one unchanged', () => {
    const current = newSettings();
    const before = contentOf(current);
    expect(migrateSettingsDoc(current)).toBe('current');
    expect(contentOf(current)).toBe(before);
    settingsRoots.meta(current).set('schemaVersion', SETTINGS_SCHEMA_VERSION + 7);
    const newer = contentOf(current);
    expect(migrateSettingsDoc(current)).toBe('too-new');
    expect(contentOf(current)).toBe(newer);
  });
});
