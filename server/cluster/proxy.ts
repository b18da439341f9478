import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect as netConnect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { connect as tlsConnect } from 'node:tls';

/**
 * The hop between server processes: a request or websocket for a board another process owns is passed to that
 * process as it came, and its answer back. A browser does not follow redirects during a websocket handshake, so
 * the connection is carried through, not redirected. `X-Board-Hop` marks a passed request: the owner handles it
 * itself rather than passing it on again (ownership that moved meanwhile is answered "try again").
 */
export const HOP_HEADER = 'x-board-hop';

/** The client's address, for the owner's logs and limits (TRUST_PROXY must name the other processes). */
function forwardedFor(req: IncomingMessage, clientAddress: string): string {
  const earlier = req.headers['x-forwarded-for'];
  const list = Array.isArray(earlier) ? earlier.join(', ') : earlier;
  return list ? `${list}, ${clientAddress}` : clientAddress;
}

function passedHeaders(req: IncomingMessage, clientAddress: string): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) headers[name] = value;
  headers['x-forwarded-for'] = forwardedFor(req, clientAddress);
  headers[HOP_HEADER] = '1';
  return headers;
}

/** Passes an HTTP request to the owner and its answer back, streaming both bodies. */
export function proxyRequest(req: IncomingMessage, res: ServerResponse, owner: string, clientAddress: string): void {
  const target = new URL(owner);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const upstream = send(
    {
      host: target.hostname,
      port: target.port || (target.protocol === 'https:' ? 443 : 80),
      method: req.method,
      path: req.url,
      headers: passedHeaders(req, clientAddress),
      // The processes of one deployment use the same certificate names as the public address, or plain HTTP
      // on a private network; a self-signed internal certificate is the operator's to configure (NODE_EXTRA_CA_CERTS).
    },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on('error', () => {
    if (res.headersSent) return void res.destroy();
    res.writeHead(503, { 'Content-Type': 'application/json; charset=utf-8', 'Retry-After': '1' });
    res.end(
      JSON.stringify({ error: 'the server holding this board cannot be reached; try again', code: 'board-moving' }),
    );
  });
  req.pipe(upstream);
}

/** Passes a websocket upgrade to the owner: the handshake as it came, then the bytes both ways. */
export function proxyUpgrade(
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  owner: string,
  clientAddress: string,
): void {
  const target = new URL(owner);
  const port = Number(target.port || (target.protocol === 'https:' ? 443 : 80));
  const upstream: Socket =
    target.protocol === 'https:'
      ? tlsConnect({ host: target.hostname, port, servername: target.hostname })
      : netConnect({ host: target.hostname, port });
  upstream.once(target.protocol === 'https:' ? 'secureConnect' : 'connect', () => {
    const lines = [`${req.method} ${req.url} HTTP/1.1`];
    for (const [name, value] of Object.entries(passedHeaders(req, clientAddress))) {
      for (const one of Array.isArray(value) ? value : [value]) lines.push(`${name}: ${one}`);
    }
    upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
    if (head.length > 0) upstream.write(head);
    upstream.pipe(socket);
    socket.pipe(upstream);
  });
  const close = () => {
    upstream.destroy();
    socket.destroy();
  };
  upstream.on('error', () => {
    // Not connected yet: the client hears "try again" (its stock client reconnects); else both ends close.
    if (upstream.bytesWritten === 0 && socket.writable) {
      socket.end(
        'HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nConnection: close\r\nContent-Length: 0\r\n\r\n',
      );
      return;
    }
    close();
  });
  upstream.on('close', close);
  socket.on('error', close);
  socket.on('close', close);
}
