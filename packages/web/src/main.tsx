/** Entry point of the web SPA. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './lib/time';
import './styles.css';
import { App } from './app/App';
import { keepClearButtonsOutOfTabOrder } from './lib/keyboard';

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');
keepClearButtonsOutOfTabOrder();
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
