import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { askForWorkspaceEarly } from './app/store';
import './styles.css';

// The first requests go out before the first render, not after it.
askForWorkspaceEarly();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
