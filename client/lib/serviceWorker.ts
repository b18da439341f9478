import { whenPageSettled } from './pageSettled';

/** How long after its load event a page that shows no board (the landing page) waits to register. */
const OTHER_PAGE_SETTLES_MS = 5000;

/**
 * Registers the service worker (client/sw.ts) so the app opens offline and can be installed. Production
 * builds only: in development Vite serves modules the worker must not cache. Needs a secure context
 * (localhost or HTTPS); elsewhere the board works online only, as before. Once the page is settled (the board
 * shown whole): installing the worker fetches and caches every file of the build, which must not compete with
 * showing the board (pageSettled.ts). A board page that never shows its board (a link refused) leaves it to the
 * next page.
 */
export function registerServiceWorker(boardPage: boolean): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator) || !window.isSecureContext) return;
  const register = () => {
    navigator.serviceWorker.register('/sw.js').catch((error: unknown) => {
      console.warn('the app will not open offline: the service worker could not be registered', error);
    });
  };
  void whenPageSettled(boardPage ? null : OTHER_PAGE_SETTLES_MS).then(register);
}
