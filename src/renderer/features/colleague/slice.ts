/** A colleague's layer over the reader's text: whose, and which colleagues this window may show on the open document. */
import { defineSlice } from '../../app/store';

export interface ColleagueState {
  /** The colleague whose mentions are drawn over the text, read-only; null: none. Kept from document to document. */
  shown: string | null;
  /** The colleagues with a layer of the open document whom this window may see (none while blind annotation is on). */
  available: string[];
  /** For the open document: how many of the colleague's mentions and frames are drawn, and whether they have a layer here at all. */
  drawn: { docId: string; annotator: string; mentions: number; frames: number; exists: boolean } | null;
  /** The workspace (and analyst) the choice was made in: another starts with none; the same one loaded again (after a sync) keeps it. */
  workspace: string | null;
}

export const colleagueSlice = defineSlice<ColleagueState>('colleague', () => ({ shown: null, available: [], drawn: null, workspace: null }), {
  workspaceLoaded: (app) => {
    const workspace = app.state.info ? `${app.state.info.path} as ${app.state.info.annotator}` : null;
    if (colleagueSlice.of(app.state).workspace !== workspace) colleagueSlice.set(app, { shown: null, available: [], drawn: null, workspace });
  },
});
