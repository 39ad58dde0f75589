/** `parley schemes` and `parley schema export|import`: schemes as files a team shares. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ParleyError } from '../../core/errors';
import type { LabelSchema } from '../../core/model';
import { describeMigration, type MigrationPlan } from '../../core/migrationPlan';
import { MigrationOpSchema, type MigrationOp } from '../../core/migrations';
import { writeScheme, type Scheme } from '../../core/schemes';
import { checkSchema } from '../../core/validate';
import { writeFileDurable } from '../store/durable';
import type { Workspace } from '../workspace';
import { loadScheme, readGuidelines, shippedSchemes, writeGuidelines } from './library';
import { planSchemaMigration, runSchemaMigration } from './migrate';
import { undoSchemaMigration } from './undoMigration';

type Out = (line: string) => void;

export const SCHEME_USAGE = `  parley schemes                             the schemes Parley ships, for init --scheme
  parley schema export --workspace DIR --out FILE
                                             write the workspace's schema and guidelines as a
                                             scheme file (never overwrites)
  parley schema import --workspace DIR FILE  take a scheme's schema and guidelines; labels and
                                             frame types in use must stay`;

export async function listSchemes(out: Out): Promise<number> {
  for (const s of await shippedSchemes()) {
    const counts = [`${s.schema.labels.length} labels`, s.schema.frameTypes.length ? `${s.schema.frameTypes.length} frame types` : ''].filter(Boolean).join(', ');
    out(`${s.name.padEnd(14)} ${s.title} (${counts})`);
    out(`${''.padEnd(14)} source: ${s.source}`);
  }
  return 0;
}

export async function exportScheme(ws: Workspace, outPath: string, out: Out): Promise<number> {
  const file = resolve(outPath);
  if (existsSync(file)) throw new ParleyError('conflict', 'this file already exists; choose a new name (export never overwrites)', file);
  const name = ws.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'workspace';
  const text = writeScheme({ name, title: ws.name, description: `The schema of the workspace ${ws.name}.`, source: 'Exported from a Parley workspace.' }, ws.schema, await readGuidelines(ws.root));
  await writeFileDurable(file, text);
  out(`Wrote the schema (${ws.schema.labels.length} labels, ${ws.schema.frameTypes.length} frame types) and guidelines to ${file}.`);
  return 0;
}

/** What the workspace's layers use: labels and frame types, with how many mentions and frames. */
async function inUse(ws: Workspace): Promise<{ labels: Map<string, number>; frameTypes: Map<string, number> }> {
  const labels = new Map<string, number>();
  const frameTypes = new Map<string, number>();
  for (const annotator of await ws.annotators()) {
    for (const docId of await ws.layerIds(annotator)) {
      if (!ws.has(docId)) continue;
      const layer = (await ws.layer(annotator, docId)).data;
      for (const m of layer.mentions) labels.set(m.label, (labels.get(m.label) ?? 0) + 1);
      for (const f of layer.frames) frameTypes.set(f.type, (frameTypes.get(f.type) ?? 0) + 1);
    }
  }
  return { labels, frameTypes };
}

/** Refuses a schema that would leave labels or frame types in use without a definition. */
export async function checkKeepsWhatIsUsed(ws: Workspace, schema: LabelSchema): Promise<void> {
  const use = await inUse(ws);
  const lost = [
    ...[...use.labels].filter(([l]) => !schema.labels.some((d) => d.name === l)).map(([l, n]) => `label ${l} (${n} mention${n === 1 ? '' : 's'})`),
    ...[...use.frameTypes].filter(([t]) => !schema.frameTypes.some((d) => d.name === t)).map(([t, n]) => `frame type ${t} (${n} frame${n === 1 ? '' : 's'})`),
  ];
  if (lost.length) {
    throw new ParleyError('conflict', `the scheme lacks what the workspace's layers use: ${lost.join(', ')}; rename or merge them into the scheme's labels first, so no label is lost`);
  }
}

export async function importScheme(ws: Workspace, scheme: Scheme, out: Out): Promise<number> {
  checkSchema(scheme.schema);
  await checkKeepsWhatIsUsed(ws, scheme.schema);
  await ws.saveSchema(scheme.schema);
  await writeGuidelines(ws.root, scheme.guidelines);
  out(`The workspace now uses the scheme ${scheme.name}: ${scheme.schema.labels.length} labels, ${scheme.schema.frameTypes.length} frame types, with its guidelines.`);
  return 0;
}

export { loadScheme };

export const MIGRATE_USAGE = `  parley schema history --workspace DIR      every schema migration: version, when, who, what
  parley schema migrate --workspace DIR [--plan]
               (--rename OLD --to NEW | --merge A,B --into C | --delete L [--relabel-to M] | --op JSON)
                                             change the schema and every layer (all analysts' and
                                             gold) as one step; --plan counts what it would change
  parley schema undo --workspace DIR [--version N]
                                             put the newest schema step back, every mention and frame
                                             it changed, as a step of its own`;

export interface MigrateOptions {
  rename?: string;
  to?: string;
  merge?: string;
  into?: string;
  delete?: string;
  'relabel-to'?: string;
  op?: string;
}

/** The migration the command line asks for. */
export function migrationFromOptions(o: MigrateOptions): MigrationOp {
  const given = [o.rename, o.merge, o.delete, o.op].filter((v) => v !== undefined).length;
  if (given !== 1) throw new ParleyError('invalid_argument', 'give one of --rename OLD --to NEW, --merge A,B --into C, --delete LABEL [--relabel-to OTHER] or --op JSON');
  let op: unknown;
  if (o.rename !== undefined) op = { op: 'renameLabel', from: o.rename, to: o.to };
  else if (o.merge !== undefined) op = { op: 'mergeLabels', from: o.merge.split(',').map((s) => s.trim()).filter(Boolean), into: o.into };
  else if (o.delete !== undefined) op = { op: 'deleteLabel', name: o.delete, ...(o['relabel-to'] ? { relabelTo: o['relabel-to'] } : {}) };
  else {
    try {
      op = JSON.parse(o.op!);
    } catch {
      throw new ParleyError('invalid_argument', `--op takes one migration as JSON, e.g. {"op":"splitLabel","from":"GPE","into":[{"label":"CITY","quote":"^Geneva$"},{"label":"COUNTRY"}],"otherwise":"COUNTRY"}`);
    }
  }
  const parsed = MigrationOpSchema.safeParse(op);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ParleyError('invalid_argument', `the migration${issue.path.length ? `'s ${issue.path.join('.')}` : ''}: ${issue.message}`);
  }
  return parsed.data;
}

function printPlan(plan: MigrationPlan, out: Out): void {
  out(`${plan.summary}: ${plan.layers} layer${plan.layers === 1 ? '' : 's'} on ${plan.documents} document${plan.documents === 1 ? '' : 's'}, ${plan.mentions} mention${plan.mentions === 1 ? '' : 's'} relabelled, ${plan.removedMentions} deleted, ${plan.frames} frame${plan.frames === 1 ? '' : 's'} changed`);
  if (plan.removedFillers) out(`  ${plan.removedFillers} role filler${plan.removedFillers === 1 ? '' : 's'} dropped (of a removed role, or pointing at deleted mentions)`);
  for (const b of plan.byLabel) out(`  ${b.mentions} → ${b.label}`);
  if (plan.fellThrough) out(`  ${plan.fellThrough} mention${plan.fellThrough === 1 ? '' : 's'} matched no rule and take the fallback label: worth a look`);
  for (const a of plan.byAnnotator) out(`  ${a.annotator}: ${a.layers} layer${a.layers === 1 ? '' : 's'}, ${a.mentions} mention${a.mentions === 1 ? '' : 's'}, ${a.frames} frame${a.frames === 1 ? '' : 's'}`);
}

export async function migrateCommand(ws: Workspace, op: MigrationOp, planOnly: boolean, author: string, out: Out): Promise<number> {
  if (planOnly) {
    printPlan(await planSchemaMigration(ws, op), out);
    return 0;
  }
  const r = await runSchemaMigration(ws, op, author);
  printPlan(r.plan, out);
  out(`Done: the schema is at version ${r.migration.version}. parley schema undo puts it back.`);
  return 0;
}

/** Undoes schema version `version` (the newest when not given). */
export async function undoCommand(ws: Workspace, version: number | undefined, author: string, out: Out): Promise<number> {
  const newest = ws.schemaHistory.reduce((v, m) => Math.max(v, m.version), 0);
  if (newest === 0) throw new ParleyError('not_found', 'the schema has no migrations to undo');
  const r = await undoSchemaMigration(ws, version ?? newest, author);
  const what = r.migration.op.op === 'revertMigration' ? r.migration.op.summary : '';
  const n = (k: number, one: string) => `${k} ${one}${k === 1 ? '' : 's'}`;
  out(`Undone: ${what}: ${n(r.layers, 'layer')}, ${n(r.mentions, 'mention')} and ${n(r.frames, 'frame')} put back${r.skipped ? `; ${n(r.skipped, 'item')} changed since left as ${r.skipped === 1 ? 'it is' : 'they are'}` : ''}. The schema is at version ${r.migration.version}.`);
  return 0;
}

export function historyCommand(ws: Workspace, out: Out): number {
  const history = ws.schemaHistory;
  if (history.length === 0) out('No schema migrations yet.');
  for (const m of history) out(`${String(m.version).padStart(3)}  ${m.at}  ${m.author}  ${describeMigration(m.op)}`);
  return 0;
}
