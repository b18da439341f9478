import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

/**
 * What the page may use of the browser: nothing that reaches a camera, a microphone, a location, a payment or a
 * device, and the clipboard only to write (the "copy link" buttons). An injected script gains nothing there.
 */
export const PERMISSIONS_POLICY = [
  'accelerometer=()',
  'camera=()',
  'clipboard-read=()',
  'clipboard-write=(self)',
  'display-capture=()',
  'fullscreen=(self)',
  'geolocation=()',
  'gyroscope=()',
  'hid=()',
  'magnetometer=()',
  'microphone=()',
  'midi=()',
  'payment=()',
  'serial=()',
  'usb=()',
].join(', ');

/**
 * Sent only when this server speaks TLS itself (TLS_CERT/TLS_KEY): browsers then refuse plain http for a
 * year. Without includeSubDomains, so a city hall's other hosts are not forced onto HTTPS by this one. Behind
 * a proxy, the proxy sends it (docs/deploy/README.md).
 */
export const STRICT_TRANSPORT_SECURITY = 'max-age=31536000';

/** The headers that concern the transport rather than the page, added around the request handler. */
export function withTransportHeaders(handler: RequestListener, tls: boolean): RequestListener {
  if (!tls) return handler;
  return (req: IncomingMessage, res: ServerResponse) => {
    res.setHeader('Strict-Transport-Security', STRICT_TRANSPORT_SECURITY);
    handler(req, res);
  };
}

/** The statuses Node's parser leads to before a request exists (its `clientError` event). */
function clientErrorStatus(error: Error & { code?: string }): [number, string] {
  if (error.code === 'HPE_HEADER_OVERFLOW') return [431, 'Request Header Fields Too Large'];
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') return [408, 'Request Timeout'];
  return [400, 'Bad Request'];
}

/**
 * An answer written straight to a socket, where no ServerResponse exists (a malformed request, an upgrade to
 * an unknown path): it carries the same security headers as every other answer, then the connection closes.
 */
export function rawAnswer(
  socket: Duplex,
  status: number,
  reason: string,
  headers: Readonly<Record<string, string>>,
): void {
  if (!socket.writable) return;
  const lines = [`HTTP/1.1 ${status} ${reason}`, 'Connection: close', 'Content-Length: 0'];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  // Destroyed once written: a client that never closes its side must not keep the socket.
  socket.end(`${lines.join('\r\n')}\r\n\r\n`, () => socket.destroy());
}

/** Answers a request Node could not parse (the `clientError` event) with its status and the security headers. */
export function answerClientError(
  error: Error & { code?: string },
  socket: Duplex,
  headers: Readonly<Record<string, string>>,
): number {
  const [status, reason] = clientErrorStatus(error);
  rawAnswer(socket, status, reason, headers);
  return status;
}
