/** The guidelines' actions: load them, save an edit over the version it started from, open them at a heading. */
import { api } from '../../api';
import type { AppStore } from '../../app/store';
import { guidelinesSlice } from './slice';

export async function loadGuidelines(app: AppStore): Promise<void> {
  const { epoch } = guidelinesSlice.of(app.state);
  try {
    const guidelines = await api.guidelines.get({});
    // A workspace loaded meanwhile: these may be the one before's, and the tab asks again.
    if (guidelinesSlice.of(app.state).epoch === epoch) guidelinesSlice.set(app, { guidelines });
  } catch (e) {
    app.fail(e, 'Reading the guidelines');
  }
}

/** Throws what the save answered (a `conflict` when someone changed them meanwhile), for the editor to show. */
export async function saveGuidelines(app: AppStore, text: string, before: string): Promise<void> {
  guidelinesSlice.set(app, { guidelines: await api.guidelines.save({ text, before }) });
  app.toast('The guidelines are saved.');
}

/** Shows the Guidelines tab (unfolding the sidebar), at a heading when one is given. */
export function openGuidelines(app: AppStore, anchor?: string): void {
  if (app.state.screen !== 'reader') app.showScreen('reader');
  if (app.state.appearance.sidebarHidden) app.setAppearance({ sidebarHidden: false });
  app.setTab('guidelines');
  guidelinesSlice.set(app, { target: anchor ? { anchor } : null });
  if (!guidelinesSlice.of(app.state).guidelines) void loadGuidelines(app);
}
