/** `parley schemes` and `parley schema export|import`: schemes as files a team shares. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ParleyError } from '../../core/errors';
import type { LabelSchema } from '../../core/model';
import { writeScheme, type Scheme } from '../../core/schemes';
import { checkSchema } from '../../core/validate';
import { writeFileDurable } from '../store/durable';
import type { Workspace } from '../workspace';
import { loadScheme, readGuidelines, shippedSchemes, writeGuidelines } from './library';

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
