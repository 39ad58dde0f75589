import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { askForWorkspaceEarly } from './app/store';
import './styles/1-base.css';
import './styles/2-doclist.css';
import './styles/3-mentions.css';
import './styles/4-frames.css';
import './styles/5-review-search.css';
import './styles/6-layout-theme.css';
import './styles/7-network.css';
import './styles/8-guidelines.css';
import './styles/9-curation.css';
import './styles/10-waits-first-run.css';

// The first requests go out before the first render, not after it.
askForWorkspaceEarly();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
