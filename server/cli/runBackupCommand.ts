import { BackupError } from '../storage/backup.js';

/**
 * Runs a backup or restore command and exits with its code: a BackupError (a refusal the person can act on)
 * is printed as `<verb> failed: <reason>` with exit code 1; anything else is a bug, printed whole.
 */
export function runBackupCommand(
  verb: 'backup' | 'restore' | 'migrate-to-postgres',
  command: () => Promise<number>,
): void {
  command()
    .catch((error: unknown) => {
      if (!(error instanceof BackupError)) throw error;
      console.error(`${verb} failed: ${error.message}`);
      return 1;
    })
    .then(
      (code) => process.exit(code),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
}

/** The rows of a copied database whose checksum does not match, as lines to print (none when all match). */
export function damagedRowLines(rows: readonly string[], note: string): string[] {
  if (rows.length === 0) return [];
  return [`warning: ${rows.length} stored rows do not match their checksum${note}:`, ...rows.map((row) => `  ${row}`)];
}
