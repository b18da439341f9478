import type { RawData, WebSocket } from 'ws';

// What the server does with a raw `ws` socket, shared by the endpoint (websocket.ts) and a connection
// speaking the protocol (protocol.ts): both close sockets, and both must do it the same careful way.

/** Close reasons are limited to 123 bytes by the websocket protocol. */
export function closeSafely(ws: WebSocket, code: number, reason: string): void {
  let text = reason;
  while (Buffer.byteLength(text) > 123) text = text.slice(0, -1);
  if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) ws.close(code, text);
  // A socket paused by flow control must be read again, or the client's closing handshake is never seen.
  if (ws.isPaused) ws.resume();
}

export function frameBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
