/** Writes Label Studio tasks, one per document and annotator, streamed into one JSON array, with the labeling config. */
import type { Frame, Mention } from '../model';
import { omit } from './assemble';
import { relationEnds, skeleton } from './extras';
import { labelConfig } from './labelstudioConfig';
import { CONFIG, DEFAULT_UNIT, FILE, LABELS, TEXT } from './labelstudioTask';
import { entityMap, exportable, ReportBuilder, referencedEntities } from './prepare';
import { indexSchema } from './schema';
import type { DatasetContext, DatasetDocument, ExportOptions, FileChunk, FormatWriter } from './types';

const MENTION_IN_REGION = ['id', 'label', 'start', 'end', 'quote', 'note'] as const satisfies readonly (keyof Mention)[];
const FRAME_IN_REGION = ['type', 'evidence', 'roles', 'attrs', 'note'] as const satisfies readonly (keyof Frame)[];

export function createWriter(ctx: DatasetContext, options: ExportOptions = {}): FormatWriter {
  const schema = indexSchema(ctx.schema);
  const unit = options.offsets ?? DEFAULT_UNIT;
  const registry = entityMap(ctx.entities);
  const report = new ReportBuilder();
  let first = true;

  function document(doc: DatasetDocument): FileChunk[] {
    const layer = exportable(doc, schema, report, unit === 'codepoint');
    const cp = layer.codePoints;
    const at = (n: number) => (cp ? cp.toCodePoint(n) : n);
    const text = doc.document.text;
    const result: unknown[] = [];
    const regions: Record<string, unknown> = {};
    const mentionIds = new Set(layer.mentions.map((m) => m.id));
    for (const m of layer.mentions) {
      const region: Record<string, unknown> = { id: m.id, from_name: LABELS, to_name: TEXT, type: 'labels', value: { start: at(m.start), end: at(m.end), text: m.quote, labels: [m.label] } };
      if (m.note !== undefined) region.meta = { text: [m.note] };
      result.push(region);
      regions[m.id] = omit(m, MENTION_IN_REGION);
    }
    const relations: Record<string, unknown>[] = [];
    for (const [order, f] of layer.frames.entries()) {
      // A relation between two mentions is Label Studio's own relation, labelled with the frame type.
      const ends = relationEnds(f, schema);
      if (ends) {
        const undirected = schema.frameTypes.get(f.type)!.relation === 'undirected';
        result.push({ from_id: ends[0], to_id: ends[1], type: 'relation', direction: undirected ? 'bi' : 'right', labels: [f.type] });
        relations.push({ rel: [ends[0], ends[1], f.type], order, ...omit(f, ['type', 'roles']) });
        continue;
      }
      // Region ids share one namespace; a frame whose id is also a mention's gets a suffix.
      const id = mentionIds.has(f.id) ? `${f.id}~frame` : f.id;
      const value = { start: at(f.evidence.start), end: at(f.evidence.end), text: f.evidence.quote };
      const trigger: Record<string, unknown> = { id, from_name: LABELS, to_name: TEXT, type: 'labels', value: { ...value, labels: [f.type] } };
      if (f.note !== undefined) trigger.meta = { text: [f.note] };
      result.push(trigger);
      for (const [name, v] of Object.entries(f.attrs)) result.push({ id, from_name: name, to_name: TEXT, type: 'choices', value: { ...value, choices: [v] } });
      for (const [role, fillers] of Object.entries(f.roles)) {
        for (const x of fillers) if (x.kind === 'mention') result.push({ from_id: id, to_id: x.mentionId, type: 'relation', direction: 'right', labels: [role] });
      }
      regions[id] = { frame: true, ...omit(f, FRAME_IN_REGION), roles: skeleton(f.roles) };
    }
    const { text: _text, title, ...document } = doc.document;
    const task = {
      data: { text, title },
      meta: {
        parley: {
          v: 1,
          document,
          annotator: doc.annotator,
          status: doc.status,
          fields: doc.fields,
          regions,
          ...(relations.length ? { relations } : {}),
          entities: referencedEntities(layer, registry, report),
        },
      },
      annotations: [{ result }],
    };
    const data = `${first ? '\n' : ',\n'}${JSON.stringify(task)}`;
    first = false;
    return [{ path: FILE, data }];
  }

  return {
    begin: () => [
      { path: FILE, data: '[' },
      { path: CONFIG, data: labelConfig(ctx.schema) },
    ],
    document,
    end: () => [{ path: FILE, data: '\n]\n' }],
    report: () => report.report(),
  };
}
