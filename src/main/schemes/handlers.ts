/**
 * The scheme part of the API: schema migrations (planned, then run on every
 * layer as one step) and the schema's history; the workspace's guidelines,
 * saved over the version the editor started from.
 */
import type { Handlers } from '../../core/api/contract';
import { ParleyError } from '../../core/errors';
import type { ApiContext } from '../context';
import { sha256 } from '../workspace';
import { GUIDELINES_FILE, readGuidelines, shippedSchemes, writeGuidelines } from './library';
import { labelMentions, planSchemaMigration, runSchemaMigration } from './migrate';
import { undoableMigration, undoSchemaMigration } from './undoMigration';

type SchemeMethods =
  | 'guidelines.schemes'
  | 'guidelines.get'
  | 'guidelines.save'
  | 'schema.planMigration'
  | 'schema.migrate'
  | 'schema.history'
  | 'schema.undoMigration'
  | 'schema.undoableMigration'
  | 'schema.labelMentions';

export function createSchemeHandlers(session: ApiContext): Pick<Handlers, SchemeMethods> {
  let saving: Promise<unknown> = Promise.resolve();
  return {
    'guidelines.schemes': async () =>
      (await shippedSchemes()).map((s) => ({ name: s.name, title: s.title, description: s.description, source: s.source, labels: s.schema.labels.length, frameTypes: s.schema.frameTypes.length })),
    'schema.planMigration': ({ op }) => planSchemaMigration(session.workspace, op),
    'schema.migrate': ({ op, baseRevision }) => runSchemaMigration(session.workspace, op, session.annotator, baseRevision),
    'schema.history': async () => [...session.workspace.schemaHistory],
    'schema.undoMigration': ({ version }) => undoSchemaMigration(session.workspace, version, session.annotator),
    'schema.undoableMigration': () => undoableMigration(session.workspace),
    'schema.labelMentions': ({ label, limit }) => labelMentions(session.workspace, label, limit),
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
