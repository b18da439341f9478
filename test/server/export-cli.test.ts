import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listNotes } from '../../shared/selectors.js';
import { type BackupJson, decodeDocuments, documentExportsBuilt } from './exportHelpers.js';
import { type CreatedBoard, createBoard, startTestServer, tempDataDir } from './helpers.js';
import { addNotes, boardWriter, settled } from './votingHelpers.js';

const run = promisify(execFile);
const TSX = join(process.cwd(), 'node_modules/.bin/tsx');

/** `npm run export -- …` without npm: the same script, as a child process with its own exit code. */
async function exportCommand(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(TSX, ['server/cli/export.ts', ...args], {
      // No shared compile cache: several tsx processes filling it at once right after a change can race.
      env: { ...process.env, TSX_DISABLE_CACHE: '1', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('npm run export', () => {
  const data = tempDataDir();
  const out = tempDataDir();
  let board: CreatedBoard;
  beforeAll(async () => {
    const server = await startTestServer({ dataDir: data.dir });
    board = await createBoard(server.url, 'コマンドで書き出す');
    const writer = await boardWriter(server.wsUrl, board);
    addNotes(writer.doc, writer.pillarId, ['cli-note']);
    await settled(writer, server.url, board);
    writer.destroy();
    await server.close();
  });
  afterAll(() => {
    data.remove();
    out.remove();
  });

  it('writes the JSON backup of a board from the data folder (--data or DATA_DIR)', async () => {
    const file = join(out.dir, 'backup.json');
    const result = await exportCommand([board.id, '--format', 'json', '--out', file, '--data', data.dir]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`exported ${board.id} as json`);
    const backup = JSON.parse(readFileSync(file, 'utf8')) as BackupJson;
    expect(backup).toMatchObject({ version: 3, board: { id: board.id, title: 'コマンドで書き出す' } });
    expect(listNotes(decodeDocuments(backup).board).map((n) => n.id)).toEqual(['cli-note']);
    const viaEnv = join(out.dir, 'env.json');
    expect((await exportCommand([board.id, '--format', 'json', '--out', viaEnv], { DATA_DIR: data.dir })).code).toBe(0);
    expect(existsSync(viaEnv)).toBe(true);
  });

  // With the exporters merged a document is written; with renderDocument's stub the command fails (exit 1).
  it('renders a document format in the process through renderDocument', async () => {
    const file = join(out.dir, 'plan.md');
    const result = await exportCommand([board.id, '--format', 'md', '--out', file, '--data', data.dir]);
    if (await documentExportsBuilt()) {
      expect(result.code, result.stderr).toBe(0);
      expect(readFileSync(file, 'utf8')).toContain('コマンドで書き出す');
    } else {
      expect(result.code, result.stderr).toBe(1);
      expect(result.stderr).toContain('not built yet');
      expect(existsSync(file)).toBe(false);
    }
  });

  it('refuses bad arguments (exit 2, usage) and an unknown board or folder (exit 1), writing nothing', async () => {
    const file = join(out.dir, 'never.json');
    const badFormat = await exportCommand([board.id, '--format', 'pdf', '--out', file, '--data', data.dir]);
    expect(badFormat.code, badFormat.stderr).toBe(2);
    expect(badFormat.stderr).toContain('usage: npm run export');
    expect((await exportCommand([board.id, '--format', 'json', '--data', data.dir])).code).toBe(2);
    expect((await exportCommand(['--format', 'json', '--out', file, '--data', data.dir])).code).toBe(2);
    const unknown = await exportCommand(['nosuchboard1', '--format', 'json', '--out', file, '--data', data.dir]);
    expect(unknown.code, unknown.stderr).toBe(1);
    expect(unknown.stderr).toContain('no board with the id nosuchboard1');
    const noData = await exportCommand([board.id, '--format', 'json', '--out', file, '--data', join(out.dir, 'none')]);
    expect(noData.code, noData.stderr).toBe(1);
    expect(noData.stderr).toContain('no database');
    expect(existsSync(file)).toBe(false);
  });
});
