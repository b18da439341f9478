import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { I18nProvider } from './i18n/I18nProvider';
import { registerServiceWorker } from './lib/serviceWorker';
import { startBoardEarly } from './session/earlyBoard';
import './styles.css';
// After every other stylesheet, so that on paper its rules win over the screen's.
import './export/print.css';

// Pasting another link of the same board changes only the fragment, which does not reload the page: reload,
// so the new link's role applies.
window.addEventListener('hashchange', () => {
  if (new URLSearchParams(window.location.hash.slice(1)).has('token')) window.location.reload();
});

registerServiceWorker();
// Before React's first render: the board's join, offline copy and connection need none of it.
startBoardEarly();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <I18nProvider>
      <App />
    </I18nProvider>
  </StrictMode>,
);
