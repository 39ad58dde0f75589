/** The guidelines part of the API: read the workspace's guidelines, and save them over the version the editor started from. */
import type { Handlers } from '../../core/api';
import { ParleyError } from '../../core/errors';
import type { Session } from '../session';
import { sha256 } from '../workspace';
import { GUIDELINES_FILE, readGuidelines, writeGuidelines } from './library';

export function createGuidelinesHandlers(session: Session): Pick<Handlers, 'guidelines.get' | 'guidelines.save'> {
  let saving: Promise<unknown> = Promise.resolve();
  return {
    'guidelines.get': async () => {
      const text = await readGuidelines(session.workspace.root);
      return { text, hash: sha256(text) };
    },
    // One save at a time, each checking what it replaces, so two windows never overwrite each other unseen.
    'guidelines.save': ({ text, before }) => {
      const run = saving.then(async () => {
        const root = session.workspace.root;
        const current = await readGuidelines(root);
        if (sha256(current) !== before) {
          throw new ParleyError('conflict', 'the guidelines were changed elsewhere since you opened them; reload them and make your change again', GUIDELINES_FILE);
        }
        await writeGuidelines(root, text);
        return { text, hash: sha256(text) };
      });
      saving = run.catch(() => undefined);
      return run;
    },
  };
}
