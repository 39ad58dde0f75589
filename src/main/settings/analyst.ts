/** Who the analyst is for work on a workspace outside a window (the CLI): the clone's own analyst, else the user's settings. */
import { readIdentity } from '../workspace';
import { SettingsStore } from './settingsFile';

export async function analystOf(root: string): Promise<string> {
  return readIdentity(root) ?? (await SettingsStore.load()).annotator;
}
