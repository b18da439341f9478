import { parentPort, workerData } from 'node:worker_threads';
import { HttpError } from '../httpUtil.js';
import { readBackup } from '../import/readBackup.js';
import { renderExport } from './exportJob.js';
import {
  EXPORT_WORKER_MARK,
  ownBuffer,
  type WorkerAnswer,
  type WorkerRequest,
  type WorkerResult,
  type WorkerTask,
} from './workerProtocol.js';

/**
 * The entry of a worker thread (server/export/exportWorkers.ts): renders an export, or reads a backup file
 * to import, one at a time, and posts the result back (its bytes transferred). A refusal of the file is posted
 * as such (the route answers 400 with its code); any other failure as an error (logged, 500).
 */
async function perform(task: WorkerTask): Promise<{ result: WorkerResult; transfer: ArrayBuffer[] }> {
  if (task.kind === 'export') {
    const rendered = await renderExport(task.job);
    const bytes = ownBuffer(rendered.bytes);
    return { result: { kind: 'export', rendered: { ...rendered, bytes } }, transfer: [bytes.buffer as ArrayBuffer] };
  }
  const text = new TextDecoder().decode(task.file);
  // The bytes are not needed once decoded: let them go before parsing, so a 50 MiB file is not held three times.
  task.file = new Uint8Array(0);
  const read = readBackup(text);
  const imported = { ...read, board: ownBuffer(read.board), settings: ownBuffer(read.settings) };
  return {
    result: { kind: 'import', imported },
    transfer: [imported.board.buffer as ArrayBuffer, imported.settings.buffer as ArrayBuffer],
  };
}

const port = parentPort;
// Imported elsewhere (e.g. by a test runner's own worker thread) it must not answer that thread's messages.
if (port && workerData === EXPORT_WORKER_MARK) {
  port.on('message', async ({ id, task }: WorkerRequest) => {
    try {
      const { result, transfer } = await perform(task);
      port.postMessage({ id, ok: true, result } satisfies WorkerAnswer, transfer);
    } catch (error) {
      const refusal =
        error instanceof HttpError ? { status: error.status, message: error.message, code: error.code } : null;
      const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
      port.postMessage({ id, ok: false, error: text, refusal } satisfies WorkerAnswer);
    }
  });
}
