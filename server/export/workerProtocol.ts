import type { ImportedBoard } from '../import/readBackup.js';
import type { ExportJob } from './exportJob.js';
import type { RenderedDocument } from './renderDocument.js';

/** The messages between the main thread (exportWorkers.ts) and a worker thread (renderWorker.ts). */
export type WorkerTask = { kind: 'export'; job: ExportJob } | { kind: 'import'; file: Uint8Array };

export interface WorkerRequest {
  id: number;
  task: WorkerTask;
}

export type WorkerResult = { kind: 'export'; rendered: RenderedDocument } | { kind: 'import'; imported: ImportedBoard };

export type WorkerAnswer =
  | { id: number; ok: true; result: WorkerResult }
  | { id: number; ok: false; error: string; refusal: { status: number; message: string; code: string | null } | null };

/** A view over a whole, unshared ArrayBuffer can be transferred; anything else is copied into one first. */
export function ownBuffer(bytes: Uint8Array): Uint8Array {
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  return whole && !(bytes.buffer instanceof SharedArrayBuffer) ? bytes : new Uint8Array(bytes);
}

/** Set in a worker's `workerData`: only then does renderWorker.ts answer messages on its parent port. */
export const EXPORT_WORKER_MARK = 'digital-city-hall-export-worker';
