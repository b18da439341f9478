import { startBoardFetches } from './session/earlyFetch';

// The page's first script, kept small: on a board's address it asks the server who the link is and for the
// board's bytes (earlyFetch.ts) while the app's script (boot.tsx, which the page also preloads) arrives and runs.
startBoardFetches();
void import('./boot');
