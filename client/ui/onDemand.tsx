import { Component, type ComponentType, type JSX, lazy, type ReactNode, Suspense } from 'react';
import { useI18n } from '../i18n/I18nProvider';

/**
 * Code loaded when first shown: the views and dialogs a page does not need when it opens. The initial
 * JavaScript of a board page stays within its budget (docs/benchmarks.md), and the page opens sooner. The
 * service worker caches these chunks with the page (client/sw.ts, `asset-list.json`), so they open offline too.
 * Each feature folder declares its own on-demand dialogs (`lazyDialogs.ts`), so callers import them from the
 * folder they belong to, as they would the dialog itself.
 */
export function onDemand<P extends object>(load: () => Promise<ComponentType<P>>, Frame = LazyDialog) {
  const Code = lazy(() => withViewMessages(load()).then((component) => ({ default: component })));
  return function LoadedOnDemand(props: P & JSX.IntrinsicAttributes) {
    return (
      <Frame>
        <Code {...props} />
      </Frame>
    );
  };
}

/**
 * A view's or dialog's code, once the Japanese messages only such code shows are there too
 * (client/i18n/viewMessages.ts): it renders only after both.
 */
export function withViewMessages<T>(code: Promise<T>): Promise<T> {
  return Promise.all([code, import('../i18n/viewMessages')]).then(([loaded]) => loaded);
}

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
