/** The team part of the API: blind double annotation and the lead, kept in the shared team.json. */
import type { ApiContext, HandlersOf } from '../context';
import { setTeamSettings, teamSettings } from './teamFile';

export function createTeamHandlers(session: ApiContext): HandlersOf<'team'> {
  return {
    'team.settings': async () => teamSettings(session.workspace, session.annotator),
    'team.setSettings': async (patch) => {
      await setTeamSettings(session.workspace, patch, session.annotator);
      return teamSettings(session.workspace, session.annotator);
    },
  };
}
