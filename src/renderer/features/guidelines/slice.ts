/** The workspace's guidelines, once asked for, and the heading a definition's link asked to show. */
import type { Guidelines } from '../../../core/api/guidelines';
import { defineSlice } from '../../app/store';

export interface GuidelinesState {
  guidelines: Guidelines | null;
  /** The heading to show; a new request (even for the same heading) is a new object. */
  target: { anchor: string } | null;
}

export const guidelinesSlice = defineSlice<GuidelinesState>('guidelines', () => ({ guidelines: null, target: null }), {
  // Another workspace has other guidelines.
  workspaceLoaded: (app) => guidelinesSlice.set(app, { guidelines: null, target: null }),
});
