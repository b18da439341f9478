import { lazy } from 'react';
import { withViewMessages } from '../ui/onDemand';

/**
 * The views and dialogs a page does not need when it opens, loaded when first shown: the board view is what
 * every page shows first, and the initial JavaScript stays within its budget (docs/benchmarks.md). The service
 * worker caches these chunks with the page (client/sw.ts, `asset-list.json`), so they open offline too.
 */
export const MatrixView = lazy(() =>
  withViewMessages(import('../matrix/MatrixView')).then((m) => ({ default: m.MatrixView })),
);
export const ResultsView = lazy(() =>
  withViewMessages(import('../voting/ResultsView')).then((m) => ({ default: m.ResultsView })),
);
export const ScoringView = lazy(() =>
  withViewMessages(import('../scoring/ScoringView')).then((m) => ({ default: m.ScoringView })),
);
export const ShortlistView = lazy(() =>
  withViewMessages(import('../shortlist/ShortlistView')).then((m) => ({ default: m.ShortlistView })),
);
export const InitiativesView = lazy(() =>
  withViewMessages(import('../initiatives/InitiativesView')).then((m) => ({ default: m.InitiativesView })),
);
export const PlanView = lazy(() => withViewMessages(import('../plan/PlanView')).then((m) => ({ default: m.PlanView })));
export const ExportDialog = lazy(() =>
  withViewMessages(import('../export/ExportDialog')).then((m) => ({ default: m.ExportDialog })),
);
export const SnapshotsDialog = lazy(() =>
  withViewMessages(import('../history/SnapshotsDialog')).then((m) => ({ default: m.SnapshotsDialog })),
);
