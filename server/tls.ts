import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type RequestListener, type Server, type ServerOptions } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';

/** PEM files for serving HTTPS (and so wss://) directly, without a reverse proxy. */
export interface TlsFiles {
  /** Certificate chain (PEM), e.g. `fullchain.pem`. */
  cert: string;
  /** Private key (PEM). */
  key: string;
}

export class TlsError extends Error {}

function readPem(path: string, what: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new TlsError(
      `cannot read the TLS ${what} ${path}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/**
 * An HTTP server, or an HTTPS server when `tls` names a certificate and key. Browsers allow offline storage
 * and service workers only in a secure context, which a LAN address gets only over HTTPS.
 */
export function createWebServer(
  handler: RequestListener,
  tls?: TlsFiles | null,
  /** Timeouts (server/slowConnections.ts); a TLS handshake gets the headers' time. */
  options: ServerOptions = {},
): Server {
  if (!tls) return createHttpServer(options, handler);
  const cert = readPem(tls.cert, 'certificate (TLS_CERT)');
  const key = readPem(tls.key, 'key (TLS_KEY)');
  try {
    return createHttpsServer({ ...options, handshakeTimeout: options.headersTimeout, cert, key }, handler);
  } catch (error) {
    throw new TlsError(
      `TLS_CERT / TLS_KEY are not a usable certificate and key: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
