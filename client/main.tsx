import { initialLang } from './i18n/initialLang';
import { startBoardFetches } from './session/earlyFetch';

// The page's first script, kept small: on a board's address it asks the server who the link is and for the
// board's bytes (earlyFetch.ts) while the app's script (boot.tsx, which the page also preloads) arrives and runs.
startBoardFetches();
import('./boot').catch((error: unknown) => {
  // A script that cannot be fetched (the network dropped, a proxy): the page says so, and a reload tries again.
  console.error('the app could not be loaded', error);
  showLoadFailed();
});

/** The message the build put in the page (vite.config.ts `loadFailedMessage`), in place of a blank page. */
function showLoadFailed() {
  const lang = initialLang();
  const template = document.getElementById(`load-failed-${lang}`);
  const root = document.getElementById('root');
  if (!(template instanceof HTMLTemplateElement) || !root) return;
  document.documentElement.lang = lang; // read in its own language by screen readers
  const message = document.createElement('div');
  message.className = 'page-message';
  message.append(template.content.cloneNode(true));
  message.querySelector('p')?.setAttribute('role', 'alert');
  const reload = message.querySelector('button');
  reload?.addEventListener('click', () => window.location.reload());
  root.replaceChildren(message);
  reload?.focus();
}
