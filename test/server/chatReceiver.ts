import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A chat's incoming webhook on this machine, over TLS: a test certificate authority (given to the server as
 * WEBHOOK_CA_FILE, as a city hall's internal CA would be) and a certificate it signed for localhost. Records each
 * posted body and answers with the statuses queued in `statuses` (then 200); -1 drips an answer that never ends.
 */
export async function startChatReceiver() {
  const dir = mkdtempSync(join(tmpdir(), 'board-chat-'));
  const file = (name: string) => join(dir, name);
  const run = (...args: string[]) => execFileSync('openssl', args, { stdio: 'ignore' });
  run(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '1',
    '-subj',
    '/CN=Test Chat CA',
    '-keyout',
    file('ca.key'),
    '-out',
    file('ca.pem'),
  );
  run(
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-subj',
    '/CN=localhost',
    '-keyout',
    file('chat.key'),
    '-out',
    file('chat.csr'),
  );
  writeFileSync(file('ext.cnf'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\n');
  run(
    'x509',
    '-req',
    '-in',
    file('chat.csr'),
    '-CA',
    file('ca.pem'),
    '-CAkey',
    file('ca.key'),
    '-CAcreateserial',
    '-days',
    '1',
    '-extfile',
    file('ext.cnf'),
    '-out',
    file('chat.pem'),
  );
  const bodies: Array<{ method?: string; contentType?: string; json: unknown }> = [];
  const statuses: number[] = [];
  const server: Server = createServer(
    { key: readFileSync(file('chat.key')), cert: readFileSync(file('chat.pem')) },
    (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        bodies.push({
          method: req.method,
          contentType: req.headers['content-type'],
          json: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown,
        });
        const status = statuses.shift() ?? 200;
        // -1: a receiver that drips its answer's head a byte every 100 ms and never ends it: the connection is never
        // idle, so only a deadline on the whole post cuts it off.
        if (status === -1) {
          const socket = res.socket!;
          socket.write('HTTP/1.1 200 OK\r\nX-Slow: ');
          const drip = setInterval(() => (socket.destroyed ? clearInterval(drip) : socket.write('a')), 100);
          socket.on('close', () => clearInterval(drip));
          return;
        }
        res.statusCode = status;
        res.end('ok');
      });
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    bodies,
    statuses,
    caFile: file('ca.pem'),
    url: `https://localhost:${port}/hooks/board`,
    close: () => {
      server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
