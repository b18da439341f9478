import * as Y from 'yjs';
import { boardRoots, settingsRoots } from './docs.js';
import { BOARD_SCHEMA_VERSION, checkSchemaVersion, SETTINGS_SCHEMA_VERSION } from './records/meta.js';
import { addSeedMeetings } from './template.js';

/**
 * Forward migrations, one per version step, keyed by the version they migrate *from*. Version 0 is a
 * document without a version (made by another tool); version 1 is the first schema of this app.
 */
type Migration = (doc: Y.Doc) => void;

/**
 * v3 → v4: notes record who trashed them (`deletedBy`, `deletedByName`). A note already in the trash was
 * trashed by someone no one recorded: it gets the unknown deleter (`deletedBy: ''`), so every reader sees the
 * same explicit "unknown" rather than guessing from the note's author.
 */
export function recordUnknownDeleters(doc: Y.Doc): void {
  boardRoots.notes(doc).forEach((value) => {
    if (!(value instanceof Y.Map)) return;
    const deletedAt = value.get('deletedAt');
    if (typeof deletedAt !== 'number' || !Number.isFinite(deletedAt)) return;
    if (typeof value.get('deletedBy') !== 'string') value.set('deletedBy', '');
  });
}

const boardMigrations: Record<number, Migration> = {
  0: () => {
    // v0 → v1: the v1 note shape is what other tools are documented to write; nothing to rewrite.
  },
  1: () => {
    // v1 → v2: clusters (`clusters`, `place.clusterId`), the matrix and the shortlist are new, optional
    // records; nothing to rewrite. The version tells an older app not to write into a board it cannot show.
  },
  2: () => {
    // v2 → v3: draft initiatives (`initiatives`) are a new, optional record; nothing to rewrite.
  },
  3: recordUnknownDeleters,
};

const settingsMigrations: Record<number, Migration> = {
  0: () => {
    // v0 → v1: same records; only the version is recorded.
  },
  1: (doc) => {
    // v1 → v2: the prioritisation labels and the voting rounds are new, optional records; a board made
    // before the meeting plan existed gets the seed's four meetings.
    if (settingsRoots.meetings(doc).size === 0) addSeedMeetings(doc);
  },
};

export type MigrationOutcome = 'current' | 'migrated' | 'too-new';

function migrate(
  doc: Y.Doc,
  meta: Y.Map<unknown>,
  current: number,
  steps: Record<number, Migration>,
  origin: unknown,
): MigrationOutcome {
  const check = checkSchemaVersion(meta, current);
  if (check.kind === 'current') return 'current';
  if (check.kind === 'too-new') return 'too-new';
  doc.transact(() => {
    for (let version = check.from; version < current; version++) steps[version]?.(doc);
    meta.set('schemaVersion', current);
  }, origin);
  return 'migrated';
}

export function migrateBoardDoc(doc: Y.Doc, origin: unknown = null): MigrationOutcome {
  return migrate(doc, boardRoots.meta(doc), BOARD_SCHEMA_VERSION, boardMigrations, origin);
}

export function migrateSettingsDoc(doc: Y.Doc, origin: unknown = null): MigrationOutcome {
  return migrate(doc, settingsRoots.meta(doc), SETTINGS_SCHEMA_VERSION, settingsMigrations, origin);
}
