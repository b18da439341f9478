import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { restoreDatabase } from '../storage/backup.js';
import { damagedRowLines, runBackupCommand } from './runBackupCommand.js';

/**
 * `npm run restore -- DIR [--force [--purge]]`: copies a backup made by `npm run backup` into DATA_DIR. Stop the
 * server first. A non-empty DATA_DIR needs --force; its database files are then moved aside, not deleted, unless
 * --purge asks for them to be deleted once the restore succeeded (docs/security.md "Erasure").
 */
const USAGE =
  'usage: npm run restore -- DIR [--force [--purge]]   (writes DATA_DIR, default ./data; stop the server first)';

async function main(): Promise<number> {
  let parsed: { values: { force?: boolean; purge?: boolean; help?: boolean }; positionals: string[] };
  try {
    parsed = parseArgs({
      options: { force: { type: 'boolean' }, purge: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
    });
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  if (parsed.values.help) {
    console.log(USAGE);
    return 0;
  }
  const [backup, ...extra] = parsed.positionals;
  if (!backup || extra.length > 0) {
    console.error(`give exactly one backup directory\n${USAGE}`);
    return 2;
  }
  if (parsed.values.purge && !parsed.values.force) {
    console.error(`--purge deletes the database --force replaces: give both\n${USAGE}`);
    return 2;
  }
  if (process.env.DATABASE_URL) {
    // The data is in PostgreSQL: its own tools copy it consistently while the servers run.
    console.error(
      'DATABASE_URL is set: the boards are in PostgreSQL. Use pg_dump -Fc and pg_restore (docs/deploy/scaling.md, ' +
        '"Backup"); this command restores an SQLite data folder.',
    );
    return 2;
  }
  const dataDir = resolve(process.env.DATA_DIR || './data');
  const { force = false, purge = false } = parsed.values;
  const result = await restoreDatabase(resolve(backup), dataDir, force, purge);
  if (result.replacedTo) console.log(`moved the replaced database to ${result.replacedTo}`);
  else if (purge) console.log('deleted the replaced database (--purge)');
  console.log(`restored ${resolve(backup)} into ${result.file}: ${result.boards} boards, integrity check ok`);
  for (const line of damagedRowLines(result.damagedRows, '')) console.log(line);
  return 0;
}

runBackupCommand('restore', main);
