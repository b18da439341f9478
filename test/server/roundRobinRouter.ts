import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net';

/**
 * The small router in front of several server processes, as a load balancer without board affinity would be:
 * each new TCP connection goes to the next backend in turn, skipping one that refuses it (a killed process).
 * Whatever process a connection lands on, the processes pass it to the board's owner themselves.
 */
export async function startRoundRobinRouter(backendPorts: () => number[]) {
  const sockets = new Set<Socket>();
  let next = 0;
  const server: Server = createServer((client) => {
    // Counted from the start: `close` ends a connection still looking for a backend too.
    sockets.add(client);
    client.once('close', () => sockets.delete(client));
    client.pause();
    const ports = backendPorts();
    const tryBackend = (attempt: number) => {
      if (attempt >= ports.length) return void client.destroy();
      const port = ports[(next + attempt) % ports.length]!;
      const upstream = tcpConnect(port, '127.0.0.1');
      upstream.once('error', () => tryBackend(attempt + 1));
      upstream.once('connect', () => {
        next = (next + attempt + 1) % Math.max(1, ports.length);
        upstream.removeAllListeners('error');
        sockets.add(client).add(upstream);
        const drop = () => {
          client.destroy();
          upstream.destroy();
          sockets.delete(client);
          sockets.delete(upstream);
        };
        client.on('error', drop).on('close', drop);
        upstream.on('error', drop).on('close', drop);
        client.pipe(upstream).pipe(client);
        client.resume();
      });
    };
    tryBackend(0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/ws`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
