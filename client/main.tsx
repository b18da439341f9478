import { startBoardFetches } from './session/earlyFetch';

// The page's first script, kept small: on a board's address it asks the server who the link is and for the
// board's bytes (earlyFetch.ts) while the app's script (boot.tsx, which the page also preloads) arrives and runs.
startBoardFetches();
import('./boot').catch((error: unknown) => {
  // A script that cannot be fetched (the network dropped, a proxy): a reload tries again.
  console.error('the app could not be loaded', error);
});
