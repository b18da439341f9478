import type * as Y from 'yjs';
import { settingsRoots } from '../docs.js';
import { LOCAL_ORIGIN } from '../origin.js';

/**
 * How the priority matrix places items, chosen by the facilitator for everyone (the settings document, which
 * only the facilitator writes): by hand (`manual`, the positions people drag, board document `matrix`), or at
 * the medians of a revealed scoring round (`scores`). `matrixPlacement`: `mode` → 'manual' | 'scores', `round`
 * → the scoring round's number. `matrixPins`: item id → true, an item the facilitator keeps at its place by hand
 * while the medians are shown (moving it there pins it).
 */
export type PlacementMode = 'manual' | 'scores';

export interface MatrixPlacement {
  mode: PlacementMode;
  /** The scoring round whose medians are shown; null: the newest revealed one. */
  round: number | null;
}

export const MANUAL_PLACEMENT: MatrixPlacement = { mode: 'manual', round: null };

export function readMatrixPlacement(settings: Y.Doc): MatrixPlacement {
  const map = settingsRoots.matrixPlacement(settings);
  const round = map.get('round');
  return {
    mode: map.get('mode') === 'scores' ? 'scores' : 'manual',
    round: typeof round === 'number' && Number.isInteger(round) && round > 0 ? round : null,
  };
}

export function setMatrixPlacement(settings: Y.Doc, placement: MatrixPlacement, origin: unknown = LOCAL_ORIGIN): void {
  const map = settingsRoots.matrixPlacement(settings);
  settings.transact(() => {
    map.set('mode', placement.mode);
    if (placement.round === null) map.delete('round');
    else map.set('round', placement.round);
  }, origin);
}

export function readMatrixPins(settings: Y.Doc): Set<string> {
  const pins = new Set<string>();
  settingsRoots.matrixPins(settings).forEach((value, id) => {
    if (value === true) pins.add(id);
  });
  return pins;
}

export function setMatrixPin(settings: Y.Doc, itemId: string, pinned: boolean, origin: unknown = LOCAL_ORIGIN): void {
  const pins = settingsRoots.matrixPins(settings);
  if (pinned === (pins.get(itemId) === true)) return;
  settings.transact(() => {
    if (pinned) pins.set(itemId, true);
    else pins.delete(itemId);
  }, origin);
}
