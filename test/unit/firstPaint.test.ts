import { describe, expect, it } from 'vitest';
import { firstPaintNotesPerPillar } from '../../client/notes/firstPaint';

/**
 * The first paint's budget per pillar covers what a pillar's column can show (client/notes/firstPaint.ts). The
 * notes seen on screen were counted in Chromium on the bench's board (three-line notes): 12 per pillar at
 * 1400×900, 8 at 1366×768, 18 at 1920×1080; in 一覧, 18 at 1366×768 and 28 at 1920×1080.
 */
describe('the first paint budget', () => {
  it('covers a screen of one-line notes in the default density, two or three side by side', () => {
    expect(firstPaintNotesPerPillar('notes', 1400, 900)).toBe(28);
    expect(firstPaintNotesPerPillar('notes', 1366, 768)).toBe(24);
    expect(firstPaintNotesPerPillar('notes', 1920, 1080)).toBe(51);
  });

  it('gives each pillar the width it has: fewer pillars side by side, or stacked in a narrow window', () => {
    expect(firstPaintNotesPerPillar('notes', 1400, 900, 2)).toBe(56);
    expect(firstPaintNotesPerPillar('notes', 1400, 900, 1)).toBe(96);
    // More than three scroll sideways, each as wide as a third at most.
    expect(firstPaintNotesPerPillar('notes', 1400, 900, 5)).toBe(28);
    expect(firstPaintNotesPerPillar('notes', 600, 900, 3)).toBe(42);
  });

  it('counts one-line rows in 一覧, one note wide until a pillar fits two', () => {
    expect(firstPaintNotesPerPillar('compact', 1366, 768)).toBe(23);
    expect(firstPaintNotesPerPillar('compact', 1920, 1080)).toBe(68);
  });

  it('stays between 12 and 96 on any window', () => {
    expect(firstPaintNotesPerPillar('notes', 320, 200)).toBe(12);
    expect(firstPaintNotesPerPillar('compact', 1e6, 1e6)).toBe(96);
  });
});
