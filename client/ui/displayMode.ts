import { createStore, type Store } from '../lib/store';

/** How densely the board's notes are shown: sticky notes, or 一覧 (a compact list that shows more per screen). */
export type Density = 'notes' | 'compact';

const DENSITY_KEY = 'board.density';

function readDensity(): Density {
  try {
    return window.localStorage.getItem(DENSITY_KEY) === 'compact' ? 'compact' : 'notes';
  } catch {
    // Storage refused (a locked-down browser profile): the default density, this tab only.
    return 'notes';
  }
}

/**
 * This browser's own way of looking at boards (session scope, never in the Y.Doc): the density is kept per
 * browser, the overview (全体表示, for screen-sharing) only while it is on.
 */
export interface DisplayMode {
  density: Store<Density>;
  overview: Store<boolean>;
}

export function createDisplayMode(): DisplayMode {
  const density = createStore<Density>(readDensity());
  density.subscribe(() => {
    try {
      window.localStorage.setItem(DENSITY_KEY, density.get());
    } catch {
      // Not kept: the choice still holds in this tab.
    }
  });
  return { density, overview: createStore(false) };
}
