import { describe, expect, it } from 'vitest';
import { chunkSize, evenChunks, keptChunks, NOTES_PER_CHUNK } from '../../client/notes/noteChunks';

const notes = (count: number, from = 0) => Array.from({ length: count }, (_, i) => `n${from + i}`);
const chunkOfNote = (chunks: ReturnType<typeof evenChunks>) =>
  new Map(chunks.flatMap((chunk) => chunk.ids.map((id) => [id, chunk.key] as const)));

describe('a lane cut into chunks of notes', () => {
  it('cuts the notes in order into full chunks and a last one, every note once', () => {
    const ids = notes(2 * NOTES_PER_CHUNK + 5);
    const chunks = evenChunks(ids);
    expect(chunks.map((chunk) => chunk.ids.length)).toEqual([NOTES_PER_CHUNK, NOTES_PER_CHUNK, 5]);
    expect(chunks.map((chunk) => chunk.key)).toEqual([0, 1, 2]);
    expect(chunks.flatMap((chunk) => chunk.ids)).toEqual(ids);
    expect(evenChunks([])).toEqual([]);
  });

  it('sizes a chunk to whole rows of the grid, about NOTES_PER_CHUNK notes', () => {
    for (const columns of [1, 2, 3, 4, 6, 8, 12]) expect(chunkSize(columns)).toBe(NOTES_PER_CHUNK);
    for (let columns = 1; columns <= 20; columns++) {
      const size = chunkSize(columns);
      expect(size % columns).toBe(0);
      expect(size).toBeGreaterThanOrEqual(NOTES_PER_CHUNK);
      expect(size).toBeLessThan(NOTES_PER_CHUNK + columns);
    }
    expect(evenChunks(notes(60), chunkSize(5)).map((chunk) => chunk.ids.length)).toEqual([25, 25, 10]);
  });

  it('while kept, a note deleted above leaves every other note in its chunk (none is mounted again)', () => {
    const before = evenChunks(notes(3 * NOTES_PER_CHUNK));
    const ids = notes(3 * NOTES_PER_CHUNK).filter((id) => id !== 'n3');
    const kept = keptChunks(ids, before);
    const was = chunkOfNote(before);
    const now = chunkOfNote(kept);
    for (const id of ids) expect(now.get(id)).toBe(was.get(id));
    expect(kept.flatMap((chunk) => chunk.ids)).toEqual(ids);
    // Made even again, the notes after the deleted one would change chunk at every boundary:
    const even = chunkOfNote(evenChunks(ids));
    expect(ids.filter((id) => even.get(id) !== was.get(id))).toEqual(['n24', 'n48']);
  });

  it('while kept, a note added goes into the chunk of the note before it, one at the top into the first', () => {
    const before = evenChunks(notes(2 * NOTES_PER_CHUNK));
    const ids = ['top', ...notes(NOTES_PER_CHUNK), 'middle', ...notes(NOTES_PER_CHUNK, NOTES_PER_CHUNK), 'end'];
    const kept = keptChunks(ids, before);
    expect(kept.map((chunk) => chunk.key)).toEqual([0, 1]);
    expect(kept[0]!.ids).toEqual(['top', ...notes(NOTES_PER_CHUNK), 'middle']);
    expect(kept[1]!.ids).toEqual([...notes(NOTES_PER_CHUNK, NOTES_PER_CHUNK), 'end']);
  });

  it('while kept, a chunk emptied is dropped and the others keep their keys; a note moved down changes chunk', () => {
    const before = evenChunks(notes(3 * NOTES_PER_CHUNK));
    const second = new Set(before[1]!.ids);
    const ids = notes(3 * NOTES_PER_CHUNK).filter((id) => !second.has(id));
    expect(keptChunks(ids, before).map((chunk) => chunk.key)).toEqual([0, 2]);

    // n0 moved to the end: it is in the last chunk now (where it shows), the others stay.
    const moved = [...notes(3 * NOTES_PER_CHUNK).slice(1), 'n0'];
    const kept = keptChunks(moved, before);
    expect(kept.flatMap((chunk) => chunk.ids)).toEqual(moved);
    expect(kept[2]!.ids.at(-1)).toBe('n0');
    expect(kept[0]!.ids).toEqual(notes(NOTES_PER_CHUNK - 1, 1));
  });

  it('while kept, a note moved up past whole chunks moves alone: every other note stays in its chunk', () => {
    const ids = notes(3 * NOTES_PER_CHUNK);
    const before = evenChunks(ids);
    const moved = ['n60', ...ids.filter((id) => id !== 'n60')];
    const kept = keptChunks(moved, before);
    expect(kept.flatMap((chunk) => chunk.ids)).toEqual(moved);
    const was = chunkOfNote(before);
    const now = chunkOfNote(kept);
    expect(moved.filter((id) => now.get(id) !== was.get(id))).toEqual(['n60']);
    expect(kept[0]!.ids[0]).toBe('n60');
  });

  it('keeps nothing from an empty lane: the notes are cut evenly', () => {
    expect(keptChunks(notes(30), [])).toEqual(evenChunks(notes(30)));
  });
});
