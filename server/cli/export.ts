import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openAuditLog } from '../audit.js';
import { ConfigError, readConfig } from '../config.js';
import { collectExport } from '../export/collect.js';
import { EXPORT_FORMATS, isExportFormat, renderExport } from '../export/exportJob.js';
import { HttpError } from '../httpUtil.js';
import { openScoringStore } from '../scoringStore.js';
import { openPostgresStorage } from '../storage/postgresStorage.js';
import { openStorage, StorageCorruptionError } from '../storage.js';
import { openVotingStore } from '../votingStore.js';

/**
 * `npm run export -- <boardId> --format docx|xlsx|csv|csv-initiatives|md|json --out FILE [--data DIR]`:
 * one export of a board, read straight from the SQLite database of DATA_DIR (as the server is configured;
 * `--data` overrides it), rendered in this process. Safe while the server runs (WAL: a consistent read);
 * edits the server has not committed yet are not in it.
 */
const USAGE = `usage: npm run export -- <boardId> --format ${EXPORT_FORMATS.join('|')} --out FILE [--data DIR]`;

async function main(): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse();
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const boardId = positionals[0];
  const format = values.format ?? null;
  const problem =
    positionals.length !== 1
      ? 'give exactly one board id'
      : !isExportFormat(format)
        ? `--format must be one of ${EXPORT_FORMATS.join(', ')}`
        : !values.out
          ? '--out FILE is required'
          : null;
  if (problem || !boardId || !values.out || !isExportFormat(format)) {
    console.error(`${problem}\n${USAGE}`);
    return 2;
  }
  let dataDir: string;
  let databaseUrl: string | null;
  try {
    const config = readConfig();
    dataDir = values.data ? resolve(values.data) : config.dataDir;
    // --data names an SQLite folder; otherwise the server's own storage (DATABASE_URL when set).
    databaseUrl = values.data ? null : config.databaseUrl;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    return 2;
  }
  if (!databaseUrl && !existsSync(join(dataDir, 'board.sqlite'))) {
    console.error(`export failed: no database in ${dataDir} (set DATA_DIR or --data)`);
    return 1;
  }
  const storage = databaseUrl ? await openPostgresStorage({ url: databaseUrl }) : openStorage({ dataDir });
  try {
    if (!(await storage.getBoard(boardId))) {
      console.error(`export failed: no board with the id ${boardId} in ${dataDir}`);
      return 1;
    }
    const votingStore = openVotingStore(storage.sql, storage.guard);
    const scoringStore = openScoringStore(storage.sql, storage.guard);
    const source = {
      documents: storage,
      boards: storage,
      audit: openAuditLog(storage.sql),
      sealedRounds: (id: string) => votingStore.sealedRounds(id),
      sealedScoringRounds: (id: string) => scoringStore.sealedRounds(id),
    };
    const { job } = await collectExport(source, boardId, format, Date.now());
    const rendered = await renderExport(job);
    writeFileSync(values.out, rendered.bytes);
    console.log(`exported ${boardId} as ${format} to ${resolve(values.out)} (${rendered.bytes.byteLength} bytes)`);
    return 0;
  } catch (error) {
    if (error instanceof HttpError && error.code === 'export-too-new') {
      console.error(`export failed: ${error.message}`);
      return 1;
    }
    if (!(error instanceof StorageCorruptionError)) throw error;
    console.error(`export failed: ${error.message}; restore the board from a backup`);
    return 1;
  } finally {
    await storage.close();
  }
}

function parse() {
  return parseArgs({
    allowPositionals: true,
    options: {
      format: { type: 'string' },
      out: { type: 'string' },
      data: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
