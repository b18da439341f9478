/**
 * Join storm: `count` clients connect at the same moment and ask for the whole board (an empty state vector,
 * as a fresh browser tab does). A client counts as synced once the update bytes it received reach
 * `expectBytes` (the board's full encoding, less a margin): the reference server may first answer with an
 * empty step 2 and send the board as an update once it has read it from disk, so both are counted.
 */
import * as Y from 'yjs';
import { nowMs, RawClient } from '../lib/rawClient';
import { failWorker, nextMessage, report, workerInput } from '../lib/workers';

export interface JoinInput {
  urls: string[];
  expectBytes: number;
}

export interface JoinResult {
  /** Per client: ms from the start until synced (NaN when it never was). */
  times: number[];
  /** Notes the first client's received updates hold, applied to a Y.Doc after the timing (a sanity check). */
  notesSeen: number;
}

async function main(): Promise<void> {
  const input = await workerInput<JoinInput>();
  await report('ready');
  const { startAt, timeoutMs } = await nextMessage<{ startAt: number; timeoutMs: number }>();
  await new Promise((done) => setTimeout(done, Math.max(0, startAt - nowMs())));
  const times = input.urls.map(() => Number.NaN);
  const firstPayloads: Uint8Array[] = [];
  let pending = input.urls.length;
  let allSynced: () => void = () => {};
  const finished = new Promise<void>((done) => (allSynced = done));
  const clients = input.urls.map((url, index) => {
    let bytes = 0;
    return new RawClient(url, {
      onUpdate(payload) {
        if (index === 0) firstPayloads.push(payload.slice());
        bytes += payload.byteLength;
        if (Number.isNaN(times[index]!) && bytes >= input.expectBytes) {
          times[index] = nowMs() - startAt;
          if (--pending === 0) allSynced();
        }
      },
    });
  });
  await Promise.race([finished, new Promise((done) => setTimeout(done, timeoutMs))]);
  for (const client of clients) client.close();
  const doc = new Y.Doc();
  for (const payload of firstPayloads) Y.applyUpdate(doc, payload);
  await report('result', { times, notesSeen: doc.getMap('notes').size } satisfies JoinResult);
  process.exit(0);
}

main().catch(failWorker);
