import type { IncomingMessage } from 'node:http';
import { HttpError } from '../httpUtil.js';

/** Growth steps of a body sent without Content-Length (chunked): start small, double up to the limit. */
const FIRST_CHUNKED_CAPACITY = 1024 * 1024;

/**
 * An uploaded file read into ONE buffer, checked against `maxBytes` while it streams. With a Content-Length
 * (browsers and curl send one) the buffer has exactly that size from the start: no list of chunks to
 * concatenate, so a 50 MiB upload holds 50 MiB, and the buffer owns its whole ArrayBuffer, so it is handed
 * to the import worker without a copy. A chunked body grows by doubling (at most twice its size briefly).
 */
export function readUpload(req: IncomingMessage, maxBytes: number): Promise<Uint8Array> {
  return new Promise((resolveUpload, reject) => {
    const tooBig = () => new HttpError(413, `request body over ${maxBytes} bytes`);
    const header = req.headers['content-length'];
    const declared = header === undefined ? null : Number(header);
    if (declared !== null && declared > maxBytes) return reject(tooBig());
    let buffer = new Uint8Array(declared ?? Math.min(FIRST_CHUNKED_CAPACITY, maxBytes));
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      if (size + chunk.length > buffer.length) {
        if (declared !== null || size + chunk.length > maxBytes) {
          req.destroy();
          return reject(
            declared !== null ? new HttpError(400, 'the body is longer than its Content-Length') : tooBig(),
          );
        }
        const grown = new Uint8Array(Math.min(maxBytes, Math.max(buffer.length * 2, size + chunk.length)));
        grown.set(buffer.subarray(0, size));
        buffer = grown;
      }
      buffer.set(chunk, size);
      size += chunk.length;
    });
    req.on('end', () => {
      if (size === buffer.length) return resolveUpload(buffer);
      // Chunked: the exact size for the worker (one copy, once); a short Content-Length body cannot end.
      resolveUpload(buffer.slice(0, size));
    });
    req.on('close', () => {
      if (!req.complete) reject(new HttpError(400, 'the upload was cut off before its end'));
    });
    req.on('error', reject);
  });
}
