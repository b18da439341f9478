import * as Y from 'yjs';
import { z } from 'zod';
import { boardRoots, settingsRoots } from '../../shared/docs.js';
import { BOARD_ID_PATTERN, TITLE_MAX } from '../../shared/limits.js';
import { BOARD_SCHEMA_VERSION, SETTINGS_SCHEMA_VERSION } from '../../shared/records/meta.js';
import { SCORE_REASON_MAX, writeScoringRounds } from '../../shared/records/scoring.js';
import { readVotingRounds, writeVotingRounds } from '../../shared/records/voting.js';
import { boardTitle } from '../../shared/selectors.js';
import { BACKUP_FORMAT, BACKUP_VERSION } from '../export/backup.js';
import { HttpError } from '../httpUtil.js';
import { publicScoringRound, type SealedScoringRound } from '../scoringStore.js';
import { prepareNewBoardDocs } from '../snapshotRestore.js';
import { publicRound, type SealedRound } from '../votingStore.js';

/** The refusal codes of `POST /api/boards/import` (docs/api.md "Import"): each is a 400 and creates nothing. */
export type ImportRefusal = 'import-not-backup' | 'import-too-new' | 'import-truncated' | 'import-invalid';

const refuse = (code: ImportRefusal, message: string) => new HttpError(400, message, code);

const count = z.number().int().min(0);
const NO_CONTROLS = /^[^\p{Cc}\p{Cf}]*$/u;
/** An item or pillar id of the board (nanoid-like). */
const id = z.string().max(64);
const sealedRoundSchema = z.object({
  number: z.number().int().min(1),
  status: z.enum(['closed', 'revealed']),
  budget: z.number().int().min(1),
  cap: z.number().int().min(1).nullable(),
  openedAt: z.number(),
  closedAt: z.number(),
  revealedAt: z.number().nullable(),
  voters: count,
  totals: z
    .array(
      z.object({
        itemId: id,
        kind: z.enum(['cluster', 'note']),
        pillarId: id.nullable(),
        // A note's text or a group's title as it was at the close (both far shorter on this app's boards).
        label: z.string().max(20_000),
        count,
      }),
    )
    .max(100_000),
});

const scoreValue = z.number().int().min(1).max(5);
const quartile = z.number().min(1).max(5);
const scoringItemSchema = z.object({
  itemId: id,
  kind: z.enum(['cluster', 'note']),
  pillarId: id.nullable(),
  label: z.string().max(20_000),
});
const axisSchema = z.object({ median: quartile, q1: quartile, q3: quartile, iqr: z.number().min(0).max(4) });
const sealedScoringRoundSchema = z.object({
  number: z.number().int().min(1),
  status: z.enum(['closed', 'revealed']),
  scope: z.enum(['shortlist', 'all']),
  items: z.array(scoringItemSchema).max(100_000),
  openedAt: z.number(),
  closedAt: z.number(),
  revealedAt: z.number().nullable(),
  scorers: count,
  results: z
    .array(
      scoringItemSchema.extend({
        summary: z
          .object({ count: count.min(1), effect: axisSchema, ease: axisSchema, disagreement: z.number().min(0).max(4) })
          .nullable(),
        reasons: z
          .array(z.object({ effect: scoreValue, ease: scoreValue, text: z.string().max(SCORE_REASON_MAX) }))
          .max(100_000),
      }),
    )
    .max(100_000),
});

const backupSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  // Bounded and without control characters: they reach the audit log and the server log (no CR/LF injection).
  exportedAt: z.iso.datetime({ offset: true }).max(40),
  board: z.object({
    id: z.string().regex(BOARD_ID_PATTERN, 'not a board id'),
    title: z.string().max(TITLE_MAX).regex(NO_CONTROLS, 'control characters'),
    createdAt: z.number().nullable(),
  }),
  schemaVersions: z.object({ board: count, settings: count }),
  documents: z.object({ board: z.string(), settings: z.string() }),
  // Version 1 had no voting rounds; the open round is never in a backup.
  votingRounds: z
    .array(sealedRoundSchema)
    .max(10_000)
    .refine((rounds) => new Set(rounds.map((r) => r.number)).size === rounds.length, 'votingRounds: a number twice')
    .optional(),
  // Versions 1 and 2 had no scoring rounds; the open round is never in a backup.
  scoringRounds: z
    .array(sealedScoringRoundSchema)
    .max(10_000)
    .refine((rounds) => new Set(rounds.map((r) => r.number)).size === rounds.length, 'scoringRounds: a number twice')
    .optional(),
  auditLog: z.array(z.unknown()).optional(),
});

export interface ImportedBoard {
  title: string;
  sourceBoardId: string;
  exportedAt: string;
  version: number;
  /** Migrated, with the old board's server-only state cleared: ready to store as a new board. */
  board: Uint8Array;
  settings: Uint8Array;
  votingRounds: SealedRound[];
  scoringRounds: SealedScoringRound[];
}

/** A JSON text that begins like one of our backups but does not parse was cut off (or damaged) on its way. */
function looksLikeOurBackup(text: string): boolean {
  return /^\s*\{/.test(text) && text.slice(0, 300).includes(`"${BACKUP_FORMAT}"`);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    if (looksLikeOurBackup(text)) {
      throw refuse('import-truncated', 'the backup file is incomplete (cut off): download it again');
    }
    throw refuse('import-not-backup', 'this file is not a board backup (JSON) of this app');
  }
}

/**
 * Padded base64. Linear on purpose: a grouped pattern like `(?:[A-Za-z0-9+/]{4})*` recurses per group in V8 and
 * throws RangeError (stack overflow) on a few megabytes, i.e. on every board over ~3 MB.
 */
const isBase64 = (text: string) => text.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(text);

/** Applies one document of the file; anything that does not decode whole is a damaged file. */
function decodeDocument(base64: string, which: 'board' | 'settings'): Y.Doc {
  const damaged = () => refuse('import-truncated', `the ${which} document in the backup is damaged: download it again`);
  if (!isBase64(base64)) throw damaged();
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, Buffer.from(base64, 'base64'));
  } catch {
    doc.destroy();
    throw damaged();
  }
  // An update that refers to changes it does not hold stays pending: part of the document is missing.
  if (doc.store.pendingStructs !== null || doc.store.pendingDs !== null) {
    doc.destroy();
    throw damaged();
  }
  return doc;
}

/** The revealed rounds a version-1 backup shows in its settings document, as sealed rounds. */
function revealedRoundsOf(settings: Y.Doc): SealedRound[] {
  return readVotingRounds(settings).flatMap((round) =>
    round.status === 'revealed' && round.totals !== null
      ? [
          {
            number: round.number,
            status: 'revealed' as const,
            budget: round.budget,
            cap: round.cap,
            openedAt: round.openedAt,
            closedAt: round.closedAt ?? round.openedAt,
            revealedAt: round.revealedAt,
            voters: round.voters ?? 0,
            totals: round.totals,
          },
        ]
      : [],
  );
}

/** A board document has a versioned `meta` and no pillars; a settings document a title and pillars. */
function isBoardPair(board: Y.Doc, settings: Y.Doc): boolean {
  const boardMeta = board.share.has('meta') ? boardRoots.meta(board) : null;
  const settingsMeta = settings.share.has('meta') ? settingsRoots.meta(settings) : null;
  return (
    typeof boardMeta?.get('schemaVersion') === 'number' &&
    !board.share.has('pillars') &&
    typeof settingsMeta?.get('schemaVersion') === 'number' &&
    typeof settingsMeta.get('title') === 'string' &&
    settings.share.has('pillars')
  );
}

/**
 * Validates a backup file completely and prepares the new board's documents; throws a 400 with its refusal
 * code before anything is stored. An older schema version is migrated; a newer one is refused.
 */
export function readBackup(text: string): ImportedBoard {
  const json = parseJson(text.replace(/^\uFEFF/, ''));
  if (typeof json !== 'object' || json === null || (json as { format?: unknown }).format !== BACKUP_FORMAT) {
    throw refuse('import-not-backup', 'this file is not a board backup (JSON) of this app');
  }
  const { version } = json as { version?: unknown };
  if (typeof version === 'number' && Number.isInteger(version) && version > BACKUP_VERSION) {
    throw refuse('import-too-new', `this backup (version ${version}) was made by a newer version of the app`);
  }
  const parsed = backupSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw refuse('import-invalid', `the backup is not valid: ${issue?.path.join('.') || 'file'}: ${issue?.message}`);
  }
  const backup = parsed.data;
  if (backup.schemaVersions.board > BOARD_SCHEMA_VERSION || backup.schemaVersions.settings > SETTINGS_SCHEMA_VERSION) {
    throw refuse('import-too-new', 'this backup holds a board of a newer version of the app: update the server');
  }
  const board = decodeDocument(backup.documents.board, 'board');
  let settings: Y.Doc | null = null;
  try {
    settings = decodeDocument(backup.documents.settings, 'settings');
    if (!isBoardPair(board, settings)) throw refuse('import-invalid', 'the backup does not hold a board');
    const title = (backup.board.title.trim() || boardTitle(settings) || backup.board.id).slice(0, TITLE_MAX);
    // Version 1 kept the results only in the document's mirror: its revealed rounds become sealed rounds
    // (closed ones showed no totals there, so they cannot be recreated), read before the mirror is cleared.
    const votingRounds = backup.version === 1 ? revealedRoundsOf(settings) : (backup.votingRounds ?? []);
    if (prepareNewBoardDocs(board, settings, title) === 'too-new') {
      throw refuse('import-too-new', 'this backup holds a board of a newer version of the app: update the server');
    }
    // The new board's document shows its rounds at once, exactly as the mirror would write them from the rows:
    // exports read the document (as the screen does), also before any settings room has loaded.
    const scoringRounds = backup.scoringRounds ?? [];
    settings.transact(() => {
      writeVotingRounds(settings!, votingRounds.map(publicRound));
      writeScoringRounds(settings!, scoringRounds.map(publicScoringRound));
    });
    return {
      title,
      sourceBoardId: backup.board.id,
      exportedAt: backup.exportedAt,
      version: backup.version,
      board: Y.encodeStateAsUpdate(board),
      settings: Y.encodeStateAsUpdate(settings),
      votingRounds,
      scoringRounds,
    };
  } finally {
    board.destroy();
    settings?.destroy();
  }
}
