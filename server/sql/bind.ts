import type { SqlValue } from './types.js';

/** Both drivers bind Buffers as blobs (BLOB, BYTEA): a Uint8Array is viewed as one, without a copy. */
export function bindParams(params: readonly SqlValue[] = []): unknown[] {
  return params.map((value) =>
    value instanceof Uint8Array && !Buffer.isBuffer(value)
      ? Buffer.from(value.buffer, value.byteOffset, value.byteLength)
      : value,
  );
}
