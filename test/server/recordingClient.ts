import * as decoding from 'lib0/decoding';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { APP_PROTOCOL_VERSION, MESSAGE } from '../../shared/protocol.js';
import { type PrivateScoringState, readPrivateScoringState } from '../../shared/records/scoring.js';
import { type PrivateVotingState, readPrivateVotingState } from '../../shared/records/voting.js';
import type { TestServer } from './helpers.js';

/**
 * A stock provider speaking as our client (it asks for our own messages) whose socket keeps every raw frame it
 * receives, and the private voting and scoring states it was told: what the secrecy tests search.
 */
export function recordingClient(server: TestServer, room: string, token: string) {
  const frames: Buffer[] = [];
  class RecordingSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols);
      this.on('message', (data: Buffer) => frames.push(Buffer.from(data)));
    }
  }
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(server.wsUrl, room, doc, {
    WebSocketPolyfill: RecordingSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: { token, app: APP_PROTOCOL_VERSION },
  });
  provider.messageHandlers[MESSAGE.stored] = () => {};
  const states: PrivateVotingState[] = [];
  const scoring: PrivateScoringState[] = [];
  provider.messageHandlers[MESSAGE.voting] = (_encoder, decoder) => {
    states.push(readPrivateVotingState(JSON.parse(decoding.readVarString(decoder))));
  };
  provider.messageHandlers[MESSAGE.scoring] = (_encoder, decoder) => {
    scoring.push(readPrivateScoringState(JSON.parse(decoding.readVarString(decoder))));
  };
  return {
    frames,
    states,
    scoring,
    doc,
    provider,
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Whether the bytes (or text) contain the string's UTF-8 bytes. */
export const contains = (haystack: Buffer | string, needle: string) =>
  (typeof haystack === 'string' ? Buffer.from(haystack) : haystack).includes(Buffer.from(needle));
