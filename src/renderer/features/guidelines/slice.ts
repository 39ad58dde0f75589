/** The workspace's guidelines, once asked for, and the heading a definition's link asked to show. */
import type { Guidelines } from '../../../core/api/guidelines';
import { defineSlice } from '../../app/store';

export interface GuidelinesState {
  guidelines: Guidelines | null;
  /** The heading to show; a new request (even for the same heading) is a new object. */
  target: { anchor: string } | null;
  /** Counts the workspaces loaded: guidelines asked for before the last one came are another workspace's, or were cleared with it. */
  epoch: number;
}

export const guidelinesSlice = defineSlice<GuidelinesState>('guidelines', () => ({ guidelines: null, target: null, epoch: 0 }), {
  // Another workspace has other guidelines; the tab, if shown, asks for them again.
  workspaceLoaded: (app) => guidelinesSlice.set(app, (s) => ({ guidelines: null, target: null, epoch: s.epoch + 1 })),
});
