/**
 * Registers the service worker (client/sw.ts) so the app opens offline and can be installed. Production
 * builds only: in development Vite serves modules the worker must not cache. Needs a secure context
 * (localhost or HTTPS); elsewhere the board works online only, as before.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator) || !window.isSecureContext) return;
  const register = () => {
    navigator.serviceWorker.register('/sw.js').catch((error: unknown) => {
      console.warn('the app will not open offline: the service worker could not be registered', error);
    });
  };
  // Once the page has loaded (it caches every asset: not while the page's own are on their way). The app's script
  // is loaded by the page's first one (main.tsx), so the page may have loaded already.
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
