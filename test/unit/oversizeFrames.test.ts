import { describe, expect, it } from 'vitest';
import { OversizeCloses } from '../../server/oversizeFrames.js';

describe('remembered 1009 closes', () => {
  it('closes the next connection of the same token, room and address once, and nobody else behind that address', () => {
    const closes = new OversizeCloses();
    closes.remember('board1', 'tokenA', '10.0.0.1');
    expect(closes.take('board1', 'tokenB', '10.0.0.1')).toBe(false); // a colleague behind the same proxy
    expect(closes.take('board1/settings', 'tokenA', '10.0.0.1')).toBe(false);
    expect(closes.take('board1', 'tokenA', '10.0.0.1')).toBe(true);
    expect(closes.take('board1', 'tokenA', '10.0.0.1')).toBe(false); // once
  });

  it('forgets a close after a minute', () => {
    let now = 0;
    const closes = new OversizeCloses(() => now);
    closes.remember('board1', 'tokenA', '10.0.0.1');
    now = 61_000;
    expect(closes.take('board1', 'tokenA', '10.0.0.1')).toBe(false);
  });
});
