import type * as Y from 'yjs';

/** The struct holding `clock` in a clock-ordered list of one client's structs, if any (binary search). */
export function structAt<S extends { id: Y.ID; length: number }>(structs: readonly S[], clock: number): S | undefined {
  let low = 0;
  let high = structs.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const struct = structs[mid]!;
    if (clock < struct.id.clock) high = mid - 1;
    else if (clock >= struct.id.clock + struct.length) low = mid + 1;
    else return struct;
  }
  return undefined;
}
