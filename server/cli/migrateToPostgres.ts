import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { migrateToPostgres } from '../storage/migrateToPostgres.js';
import { describe } from '../storage/postgresStorage.js';
import { runBackupCommand } from './runBackupCommand.js';

/**
 * `npm run migrate-to-postgres -- [--data DIR] [--database-url URL]`: copies an SQLite data folder (DATA_DIR, default
 * ./data) into an empty PostgreSQL database (DATABASE_URL), with the server stopped. docs/deploy/scaling.md.
 */
const USAGE =
  'usage: npm run migrate-to-postgres -- [--data DIR] [--database-url postgres://…]   (default DATA_DIR or ./data, and DATABASE_URL)';

async function main(): Promise<number> {
  let values: { data?: string; 'database-url'?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        data: { type: 'string' },
        'database-url': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const dataDir = resolve(values.data ?? (process.env.DATA_DIR || './data'));
  const url = values['database-url'] ?? process.env.DATABASE_URL;
  if (!url || !/^postgres(ql)?:\/\//.test(url)) {
    console.error(`a postgres:// address is required (--database-url or DATABASE_URL)\n${USAGE}`);
    return 2;
  }
  const summary = await migrateToPostgres(dataDir, url);
  const tables = Object.entries(summary.rows)
    .filter(([, rows]) => rows > 0)
    .map(([table, rows]) => `${table} ${rows}`)
    .join(', ');
  console.log(`migrated ${dataDir} into ${describe(url)}: ${summary.boards} boards (${tables}); every table checked`);
  console.log(
    'start the servers with DATABASE_URL set; the data folder is kept (at this version’s schema) as the way back',
  );
  return 0;
}

runBackupCommand('migrate-to-postgres', main);
