import { parentPort } from 'node:worker_threads';
import { type ExportJob, renderExport } from './exportJob.js';

/**
 * The entry of an export worker thread (server/export/exportWorkers.ts): renders one job at a time and posts
 * the bytes back (transferred). A failure is posted as a message; the main thread logs it and answers 500.
 */
export interface WorkerRequest {
  id: number;
  job: ExportJob;
}

export type WorkerAnswer =
  | { id: number; ok: true; bytes: Uint8Array; contentType: string; extension: string }
  | { id: number; ok: false; error: string };

/** A view over a whole, unshared ArrayBuffer can be transferred; anything else is copied into one first. */
export function ownBuffer(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 &&
    bytes.byteLength === bytes.buffer.byteLength &&
    !(bytes.buffer instanceof SharedArrayBuffer)
    ? bytes
    : new Uint8Array(bytes);
}

const port = parentPort;
if (port) {
  port.on('message', async ({ id, job }: WorkerRequest) => {
    try {
      const rendered = await renderExport(job);
      const bytes = ownBuffer(rendered.bytes);
      const answer: WorkerAnswer = {
        id,
        ok: true,
        bytes,
        contentType: rendered.contentType,
        extension: rendered.extension,
      };
      port.postMessage(answer, [bytes.buffer as ArrayBuffer]);
    } catch (error) {
      const answer: WorkerAnswer = {
        id,
        ok: false,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      };
      port.postMessage(answer);
    }
  });
}
