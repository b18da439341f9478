import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';

/** Largest request body accepted (bytes). */
export const MAX_BODY_BYTES = 64 * 1024;

/** An answer with a status and a reason a person can act on. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** A machine-readable reason the client translates (sent as `code` beside `error`), e.g. VOTE_REFUSAL. */
    readonly code: string | null = null,
    /** More of the answer beside `error` and `code` (e.g. the board a repeated request already made). */
    readonly details: Record<string, unknown> | null = null,
  ) {
    super(message);
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

export async function readBody(req: IncomingMessage, maxBytes = MAX_BODY_BYTES): Promise<string> {
  return (await readBodyBytes(req, maxBytes)).toString('utf8');
}

/** The request body as bytes; over `maxBytes` (declared or sent) it is a 413 and the rest is not read. */
export function readBodyBytes(req: IncomingMessage, maxBytes = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolveBody, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > maxBytes) return reject(new HttpError(413, `request body over ${maxBytes} bytes`));
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        reject(new HttpError(413, `request body over ${maxBytes} bytes`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * Reads and validates a JSON body with one schema; a bad body is a 400 naming what is wrong (the first
 * problem, with its field), or `shape` when the body is not even an object.
 */
export async function readJson<Schema extends z.ZodType>(
  req: IncomingMessage,
  schema: Schema,
  shape: string,
  maxBytes = MAX_BODY_BYTES,
): Promise<z.output<Schema>> {
  const text = await readBody(req, maxBytes);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new HttpError(400, `the body is not valid JSON (${error instanceof Error ? error.message : 'parse error'})`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HttpError(400, issue?.path.length ? issue.message : `the body must be a JSON object ${shape}`);
  }
  return parsed.data;
}

export function methodNotAllowed(res: ServerResponse, allowed: string): void {
  res.setHeader('Allow', allowed);
  sendJson(res, 405, { error: `method not allowed; use ${allowed}` });
}
