import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { exposeStores } from './debugHook';
import { registerServiceWorker } from './registerServiceWorker';
import './ui/theme.css';
import './ui/layout.css';

exposeStores();
registerServiceWorker();

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
