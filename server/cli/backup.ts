import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { backupDatabase, type DatabaseSummary } from '../storage/backup.js';
import { damagedRowLines, runBackupCommand } from './runBackupCommand.js';

/**
 * `npm run backup -- --out DIR [--force]`: copies DATA_DIR/board.sqlite into DIR with SQLite's online backup.
 * Safe while the server runs (the copy is one consistent moment; writers are not blocked).
 */
const USAGE = 'usage: npm run backup -- --out DIR [--force]   (reads DATA_DIR, default ./data)';

function describeCopy(summary: DatabaseSummary): string {
  return [
    `${summary.file}: ${summary.boards} boards, ${summary.bytes} bytes, integrity check ok`,
    ...damagedRowLines(summary.damagedRows, ' (copied as they are)'),
  ].join('\n');
}

async function main(): Promise<number> {
  let values: { out?: string; force?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: { out: { type: 'string' }, force: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!values.out) {
    console.error(`--out DIR is required\n${USAGE}`);
    return 2;
  }
  if (process.env.DATABASE_URL) {
    // The data is in PostgreSQL: its own tools copy it consistently while the servers run.
    console.error(
      'DATABASE_URL is set: the boards are in PostgreSQL. Use pg_dump -Fc and pg_restore (docs/deploy/scaling.md, ' +
        '"Backup"); this command backs up an SQLite data folder.',
    );
    return 2;
  }
  const dataDir = resolve(process.env.DATA_DIR || './data');
  const summary = await backupDatabase(dataDir, values.out, values.force ?? false);
  console.log(`backed up ${dataDir} to ${describeCopy(summary)}`);
  return 0;
}

runBackupCommand('backup', main);
