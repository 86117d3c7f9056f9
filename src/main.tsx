import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { exposeStores } from './debugHook';
import { prepareIsolation } from './isolation/prepare';
import { useIsolation } from './store/isolation';
import './ui/theme.css';
import './ui/layout.css';

// Settled before the first draw: a first visit may reload once, and the boot text hides that.
useIsolation.setState(await prepareIsolation(), true);
exposeStores();

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
