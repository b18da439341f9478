import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { I18nProvider } from './i18n/I18nProvider';
import { registerServiceWorker } from './lib/serviceWorker';
import { earlyBoardShowable, startBoardEarly } from './session/earlyBoard';
import { boardIdFromPath } from './session/earlyFetch';
import './styles.css';
// After every other stylesheet, so that on paper its rules win over the screen's.
import './export/print.css';

/**
 * The app itself, loaded by the page's first script (main.tsx) once that one has started the board's requests.
 */

// Pasting another link of the same board changes only the fragment, which does not reload the page: reload,
// so the new link's role applies.
window.addEventListener('hashchange', () => {
  if (new URLSearchParams(window.location.hash.slice(1)).has('token')) window.location.reload();
});

registerServiceWorker(boardIdFromPath(window.location.pathname) !== null);
// Before React's first render: the board's offline copy and connection need none of it.
startBoardEarly();

/** How long the page may stay blank while the board comes in, before it shows that it is loading. */
const BLANK_AT_MOST_MS = 1000;

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
void earlyBoardShowable(BLANK_AT_MOST_MS).then(() =>
  createRoot(root).render(
    <StrictMode>
      <I18nProvider>
        <App />
      </I18nProvider>
    </StrictMode>,
  ),
);
