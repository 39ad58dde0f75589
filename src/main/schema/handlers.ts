/** The schema part of the API: save the label schema, count each label's use, and rename or delete a label across every layer. */
import { ParleyError } from '../../core/errors';
import { checkSchema } from '../../core/validate';
import type { LayerEdits } from '../annotations/layerEdits';
import type { ApiContext, HandlersOf } from '../context';
import { runSchemaMigration } from '../schemes/migrate';

/** The schema's migrations (planMigration, migrate, history) are schemes/handlers.ts. */
export function createSchemaHandlers(session: ApiContext, edits: LayerEdits): Omit<HandlersOf<'schema'>, 'schema.planMigration' | 'schema.migrate' | 'schema.history' | 'schema.undoMigration' | 'schema.undoableMigration' | 'schema.labelMentions'> {
  const ws = () => session.workspace;
  const { rewriteAllLayers } = edits;
  return {
    'schema.save': async ({ schema, baseRevision }) => {
      checkSchema(schema);
      const before = ws().schema;
      for (const l of before.labels) {
        if (!schema.labels.some((n) => n.name === l.name)) {
          throw new ParleyError('invalid_argument', `label ${l.name} would disappear: rename or delete labels with their own commands, so their mentions are kept`);
        }
      }
      await ws().saveSchema(schema, baseRevision);
      return ws().schema;
    },
    'schema.labelUse': async () => {
      const use = new Map<string, { mentions: number; docs: Set<string> }>();
      for (const annotator of await ws().annotators()) {
        for (const docId of await ws().layerIds(annotator)) {
          if (!ws().has(docId)) continue;
          for (const m of (await ws().layer(annotator, docId)).data.mentions) {
            const u = use.get(m.label) ?? { mentions: 0, docs: new Set<string>() };
            u.mentions++;
            u.docs.add(docId);
            use.set(m.label, u);
          }
        }
      }
      return ws().schema.labels.map((l) => ({ label: l.name, mentions: use.get(l.name)?.mentions ?? 0, documents: use.get(l.name)?.docs.size ?? 0 }));
    },
    'schema.renameLabel': async ({ from, to }) => {
      if (from === to) return ws().schema;
      // A rename is a schema migration: every layer, the registry's types and frame roles, in one step that sync carries.
      return (await runSchemaMigration(ws(), { op: 'renameLabel', from, to }, session.annotator)).schema;
    },
    'schema.deleteLabel': async ({ name, mentions, relabelTo }) => {
      const schema = structuredClone(ws().schema);
      if (!schema.labels.some((l) => l.name === name)) throw new ParleyError('not_found', `no label ${name}`);
      if (mentions === 'relabel') {
        if (!relabelTo || relabelTo === name || !schema.labels.some((l) => l.name === relabelTo)) {
          throw new ParleyError('invalid_argument', `choose another existing label to move the ${name} mentions to`);
        }
      }
      schema.labels = schema.labels.filter((l) => l.name !== name);
      for (const t of schema.frameTypes) for (const r of t.roles) r.mentionLabels = r.mentionLabels.filter((n) => n !== name);
      await ws().bulk(`deletion of label ${name}`, async (tx) => {
        if (mentions === 'relabel') {
          await rewriteAllLayers(tx, (ms) => (ms.some((m) => m.label === name) ? ms.map((m) => (m.label === name ? { ...m, label: relabelTo! } : m)) : null));
        } else {
          await rewriteAllLayers(tx, (ms) => (ms.some((m) => m.label === name) ? ms.filter((m) => m.label !== name) : null));
        }
        (await tx.schema()).schema = schema;
      });
      return ws().schema;
    },
  };
}
