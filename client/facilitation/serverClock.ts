import { fetchServerTime } from '../lib/api';
import { createStore, type ReadStore } from '../lib/store';

/**
 * How far the server's clock is ahead of this PC's (ms), so every screen shows the same time left on the
 * meeting timer whatever its own clock says. Measured once per page (again after a failure, at most every
 * 30 s): of three samples, the one with the shortest round trip wins, its server time taken as the middle of
 * the trip. Until measured (or while offline): 0.
 */
const RETRY_MS = 30_000;
const offset = createStore(0);
let state: 'idle' | 'measuring' | 'done' = 'idle';
let lastTry = Number.NEGATIVE_INFINITY;

export function serverClockOffset(): ReadStore<number> {
  if (state === 'idle' && Date.now() - lastTry > RETRY_MS) {
    state = 'measuring';
    lastTry = Date.now();
    void measure().then((ok) => {
      state = ok ? 'done' : 'idle';
    });
  }
  return offset;
}

async function measure(): Promise<boolean> {
  let best: { roundTrip: number; offset: number } | null = null;
  for (let i = 0; i < 3; i++) {
    const sent = Date.now();
    try {
      const serverNow = await fetchServerTime();
      const received = Date.now();
      const sample = { roundTrip: received - sent, offset: serverNow - (sent + received) / 2 };
      if (!best || sample.roundTrip < best.roundTrip) best = sample;
    } catch {
      return false;
    }
  }
  if (best) offset.set(Math.round(best.offset));
  return best !== null;
}
