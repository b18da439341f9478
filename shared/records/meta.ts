import type * as Y from 'yjs';

/**
 * Schema versions of the two documents. A document written by a newer app than this code is refused
 * (read-only in the client, not loaded by the server) rather than silently corrupted.
 */
export const BOARD_SCHEMA_VERSION = 4;
export const SETTINGS_SCHEMA_VERSION = 3;

export type SchemaCheck =
  | { kind: 'current' }
  | { kind: 'needs-migration'; from: number }
  | { kind: 'too-new'; version: number };

/** A document with no version yet is treated as version 0 (created by another tool; migrate it). */
export function readSchemaVersion(meta: Y.Map<unknown>): number {
  const value = meta.get('schemaVersion');
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : 0;
}

export function checkSchemaVersion(meta: Y.Map<unknown>, current: number): SchemaCheck {
  const version = readSchemaVersion(meta);
  if (version === current) return { kind: 'current' };
  if (version > current) return { kind: 'too-new', version };
  return { kind: 'needs-migration', from: version };
}
