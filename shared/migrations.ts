import * as Y from 'yjs';
import { boardRoots, settingsRoots } from './docs.js';
import { parseFiscalYearRange } from './fiscalYear.js';
import { renamePeriodInMeetings } from './ops/period.js';
import { BOARD_SCHEMA_VERSION, checkSchemaVersion, SETTINGS_SCHEMA_VERSION } from './records/meta.js';
import { asPeriod, checkPeriod, defaultPeriod, type FiscalPeriod, readStoredPeriod } from './records/period.js';
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

/** What a board made before the period was a field showed: the kickoff deck's 令和4〜5年度. */
const KICKOFF_DECK_PERIOD: FiscalPeriod = { first: 2022, last: 2023 };

/**
 * v2 → v3: the period becomes a field (`meta.period`), read from the free-text label the facilitator could
 * type (`prioritization.targetPeriod`, kept but no longer read): its fiscal years when it names some, else the
 * default for `now` — the server passes the board's creation time — (the two fiscal years after that day's;
 * a board that never set a label showed the kickoff deck's 令和4〜5年度 whenever it was made). The meeting plan's 「令和4〜5年度に取り組む」 (the seed's text, never updated
 * when the label changed) follows the period.
 */
export function structurePeriod(doc: Y.Doc, now: number): void {
  const labels = settingsRoots.prioritization(doc);
  if (readStoredPeriod(doc) === null) {
    const label = labels.get('targetPeriod');
    const parsed = typeof label === 'string' ? parseFiscalYearRange(label) : null;
    const period = parsed && checkPeriod(parsed) === null ? parsed : defaultPeriod(now);
    settingsRoots.meta(doc).set('period', period);
  }
  const period = asPeriod(settingsRoots.meta(doc).get('period'));
  if (period) renamePeriodInMeetings(doc, KICKOFF_DECK_PERIOD, period);
  // The label is kept as typed (nothing a person wrote is lost); since schema 3 nothing reads it.
}

const settingsMigrations = (now: number): Record<number, Migration> => ({
  0: () => {
    // v0 → v1: same records; only the version is recorded.
  },
  1: (doc) => {
    // v1 → v2: the prioritisation labels and the voting rounds are new, optional records; a board made
    // before the meeting plan existed gets the seed's four meetings.
    if (settingsRoots.meetings(doc).size === 0) addSeedMeetings(doc, KICKOFF_DECK_PERIOD);
  },
  2: (doc) => structurePeriod(doc, now),
});

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

/** `now` (the server: the board's creation time) decides the default period of a board that never named one. */
export function migrateSettingsDoc(doc: Y.Doc, origin: unknown = null, now: number = Date.now()): MigrationOutcome {
  return migrate(doc, settingsRoots.meta(doc), SETTINGS_SCHEMA_VERSION, settingsMigrations(now), origin);
}
