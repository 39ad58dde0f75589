/**
 * The first-steps card: whether this analyst has put it away on this
 * workspace. Remembered in the browser's storage per workspace and analyst,
 * so it shows once to each analyst of each workspace.
 */
import { defineSlice, type AppStore } from '../../app/store';

export interface WelcomeState {
  /** Null until the workspace is known. */
  seen: boolean | null;
}

const key = (path: string, annotator: string) => `parley-first-steps:${path}:${annotator}`;

function readSeen(app: AppStore): boolean | null {
  const info = app.state.info;
  if (!info) return null;
  try {
    return localStorage.getItem(key(info.path, info.annotator)) === 'seen';
  } catch {
    // Storage off: the card would show on every load, so it shows none.
    return true;
  }
}

export const welcomeSlice = defineSlice<WelcomeState>('welcome', () => ({ seen: null }), {
  workspaceLoaded: (app) => welcomeSlice.set(app, { seen: readSeen(app) }),
});

export function markSeen(app: AppStore): void {
  const info = app.state.info;
  welcomeSlice.set(app, { seen: true });
  try {
    if (info) localStorage.setItem(key(info.path, info.annotator), 'seen');
  } catch {
    // Storage off: it stays put away for this window.
  }
}
