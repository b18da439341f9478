import { Component, lazy, type ReactNode, Suspense } from 'react';
import { useI18n } from '../i18n/I18nProvider';

/**
 * The views and dialogs a page does not need when it opens, loaded when first shown: the board view is what
 * every page shows first, and the initial JavaScript stays within its budget (docs/benchmarks.md). The service
 * worker caches these chunks with the page (client/sw.ts, `asset-list.json`), so they open offline too.
 */
export const MatrixView = lazy(() => import('../matrix/MatrixView').then((m) => ({ default: m.MatrixView })));
export const ResultsView = lazy(() => import('../voting/ResultsView').then((m) => ({ default: m.ResultsView })));
export const ShortlistView = lazy(() =>
  import('../shortlist/ShortlistView').then((m) => ({ default: m.ShortlistView })),
);
export const InitiativesView = lazy(() =>
  import('../initiatives/InitiativesView').then((m) => ({ default: m.InitiativesView })),
);
export const ExportDialog = lazy(() => import('../export/ExportDialog').then((m) => ({ default: m.ExportDialog })));
export const SnapshotsDialog = lazy(() =>
  import('../history/SnapshotsDialog').then((m) => ({ default: m.SnapshotsDialog })),
);

/** Shown while a view's code loads (a moment online; offline it comes from the service worker's cache). */
export function LazyView({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  return (
    <LoadFailure message={t('view.loadFailed')} reload={t('view.reload')}>
      <Suspense
        fallback={
          <p className="page-message" role="status">
            {t('view.loading')}
          </p>
        }
      >
        {children}
      </Suspense>
    </LoadFailure>
  );
}

/** A dialog loaded on demand: nothing while its code loads, the same notice as a view if it cannot load. */
export function LazyDialog({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  return (
    <LoadFailure message={t('view.loadFailed')} reload={t('view.reload')}>
      <Suspense fallback={null}>{children}</Suspense>
    </LoadFailure>
  );
}

/**
 * A view whose code could not be fetched (offline before the app was ever cached, or the server replaced by a
 * newer build meanwhile) says so instead of emptying the page; the rest of the board keeps working.
 */
class LoadFailure extends Component<{ message: string; reload: string; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <div className="page-message" role="alert">
        <p>{this.props.message}</p>
        <button type="button" onClick={() => window.location.reload()}>
          {this.props.reload}
        </button>
      </div>
    );
  }
}
