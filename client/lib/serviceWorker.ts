/**
 * Registers the service worker (client/sw.ts) so the app opens offline and can be installed. Production
 * builds only: in development Vite serves modules the worker must not cache. Needs a secure context
 * (localhost or HTTPS); elsewhere the board works online only, as before.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator) || !window.isSecureContext) return;
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch((error: unknown) => {
      console.warn('the app will not open offline: the service worker could not be registered', error);
    });
  });
}
