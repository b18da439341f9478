import { z } from 'zod';

/** How exports and imports are run (env variables in docs/api.md "Configuration"). */
export interface ExportSettings {
  /** Worker threads rendering exports at once (EXPORT_WORKERS). */
  workers: number;
  /** Exports that may wait for a worker; one more is refused with 503 `export-busy` (EXPORT_QUEUE_MAX). */
  queueMax: number;
  /** A render running longer is stopped (its worker terminated) and answered 503 (EXPORT_TIMEOUT_MS). */
  timeoutMs: number;
  /** Largest backup file `POST /api/boards/import` accepts (MAX_IMPORT_BYTES). */
  maxImportBytes: number;
}

/** One worker: the machines this runs on have two cores, and live boards need the other. */
export const DEFAULT_EXPORT_SETTINGS: ExportSettings = {
  workers: 1,
  queueMax: 8,
  timeoutMs: 60_000,
  maxImportBytes: 50 * 1024 * 1024,
};

function wholeNumber(name: string, min: number, max: number) {
  const message = `${name} must be a whole number between ${min} and ${max}`;
  return z
    .string()
    .trim()
    .regex(/^\d+$/, message)
    .transform(Number)
    .refine((n) => n >= min && n <= max, message)
    .optional();
}

/** zod shape of the export variables, spread into the configuration's schema. */
export const EXPORT_ENV = {
  EXPORT_WORKERS: wholeNumber('EXPORT_WORKERS', 1, 16),
  EXPORT_QUEUE_MAX: wholeNumber('EXPORT_QUEUE_MAX', 0, 1000),
  EXPORT_TIMEOUT_MS: wholeNumber('EXPORT_TIMEOUT_MS', 1, 3_600_000),
  MAX_IMPORT_BYTES: wholeNumber('MAX_IMPORT_BYTES', 1024, 1024 * 1024 * 1024),
};

export function exportSettingsFromEnv(parsed: {
  EXPORT_WORKERS?: number;
  EXPORT_QUEUE_MAX?: number;
  EXPORT_TIMEOUT_MS?: number;
  MAX_IMPORT_BYTES?: number;
}): ExportSettings {
  return {
    workers: parsed.EXPORT_WORKERS ?? DEFAULT_EXPORT_SETTINGS.workers,
    queueMax: parsed.EXPORT_QUEUE_MAX ?? DEFAULT_EXPORT_SETTINGS.queueMax,
    timeoutMs: parsed.EXPORT_TIMEOUT_MS ?? DEFAULT_EXPORT_SETTINGS.timeoutMs,
    maxImportBytes: parsed.MAX_IMPORT_BYTES ?? DEFAULT_EXPORT_SETTINGS.maxImportBytes,
  };
}
