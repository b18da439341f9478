/**
 * A y-websocket client without a Y.Doc: it sends and answers exactly the frames a stock WebsocketProvider
 * sends (step 1 on open, step 2 answering the server's step 1, updates), but only looks at what it receives.
 * Hundreds of full Y.Docs applying every keystroke would saturate the two cores the servers are measured on.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';

const EMPTY_STATE_VECTOR = new Uint8Array([0]);
/** An update carrying nothing (what an empty Y.Doc answers a step 1 with). */
const EMPTY_UPDATE = new Uint8Array([0, 0]);

export interface RawClientHandlers {
  /** A sync step 2 or update arrived; `payload` is the Yjs update. */
  onUpdate?(payload: Uint8Array, kind: 'step2' | 'update'): void;
  /** The server's step 1: answered with `answer(stateVector)` (default: nothing to send). */
  answer?(stateVector: Uint8Array): Uint8Array;
}

export function syncFrame(subType: 0 | 1 | 2, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, subType);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

export class RawClient {
  readonly ws: WebSocket;
  readonly opened: Promise<void>;

  constructor(url: string, handlers: RawClientHandlers, stateVector: Uint8Array = EMPTY_STATE_VECTOR) {
    this.ws = new WebSocket(url, { perMessageDeflate: false });
    this.ws.binaryType = 'nodebuffer';
    this.opened = new Promise((resolve, reject) => {
      this.ws.once('open', () => {
        this.ws.send(syncFrame(0, stateVector));
        resolve();
      });
      this.ws.once('error', reject);
    });
    this.ws.on('error', () => {});
    this.ws.on('message', (data: Buffer) => {
      const frame = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
      const decoder = decoding.createDecoder(frame);
      if (decoding.readVarUint(decoder) !== 0) return; // awareness and auth are not measured
      const subType = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (subType === 0) {
        this.send(syncFrame(1, handlers.answer?.(payload) ?? EMPTY_UPDATE));
      } else {
        handlers.onUpdate?.(payload, subType === 1 ? 'step2' : 'update');
      }
    });
  }

  send(frame: Uint8Array): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(frame);
  }

  close(): void {
    this.ws.terminate();
  }
}

/** Epoch milliseconds with sub-millisecond resolution, comparable between processes on one machine. */
export function nowMs(): number {
  return performance.timeOrigin + performance.now();
}

/** The marker an edit carries: `⌚<epoch ms>;` — found in the raw update bytes without decoding them. */
export const MARK = '⌚';
const MARK_BYTES = Buffer.from(MARK, 'utf8');

/** Every send time carried by the markers in `payload`. */
export function markedTimes(payload: Uint8Array): number[] {
  const bytes = Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
  const times: number[] = [];
  let at = bytes.indexOf(MARK_BYTES);
  while (at >= 0) {
    const end = bytes.indexOf(0x3b, at); // ';'
    if (end < 0) break;
    const value = Number(bytes.subarray(at + MARK_BYTES.length, end).toString('latin1'));
    if (Number.isFinite(value)) times.push(value);
    at = bytes.indexOf(MARK_BYTES, end);
  }
  return times;
}
