/**
 * CSV tables: mentions.csv, one row per mention, and one file per frame type
 * (stances.csv and agreements.csv with the default schema), one row per
 * frame. Gold's rows say who decided each record and how (the `decision`
 * and `provenance` columns). Offsets are
 * UTF-16 code units, and the column names say so. Each role has a group of
 * columns (kind, text, label, offsets, entity id and name); a role with
 * several fillers, such as an agreement's parties, lists them in the same
 * columns joined by " | ", in the same order in every column of the group.
 * Quoting is RFC 4180, done by csv-stringify (its browser build, which needs
 * no Node modules); files start with a UTF-8 byte-order mark so spreadsheet
 * programs read accents and emoji correctly.
 */
import { stringify } from 'csv-stringify/browser/esm/sync';
import { ParleyError } from '../errors';
import type { Entity, Frame, FrameTypeDef, Mention, RoleFiller } from '../model';
import { entityMap, exportable, goldDecision, provenanceText, ReportBuilder } from './prepare';
import { indexSchema } from './schema';
import type { DatasetContext, DatasetDocument, FileChunk, FormatDef, FormatWriter } from './types';

export const JOIN = ' | ';
export const MENTIONS_TABLE = 'mentions.csv';
/** Who decided a gold record and how: empty in an analyst's layer. */
const PROVENANCE_COLUMNS = ['from', 'decision', 'provenance'] as const;
/** The columns every row ends with: the record's note, whose layer, how and by whom it was made, and (in gold) how it was decided. */
const RECORD_COLUMNS = ['note', 'annotator', 'origin', 'author', 'created_at', ...PROVENANCE_COLUMNS] as const;

export const MENTION_HEADER = [
  'document_id',
  'mention_id',
  'start_utf16',
  'end_utf16',
  'quote',
  'label',
  'entity_id',
  'entity_name',
  ...RECORD_COLUMNS,
];
const ROLE_COLUMNS = ['kind', 'text', 'label', 'start_utf16', 'end_utf16', 'entity_id', 'entity_name'] as const;

function column(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '_')
    .replace(/^_|_$/g, '');
}

/** stances.csv for Stance, agreements.csv for Agreement. */
export function tableName(frameType: string): string {
  return `${column(frameType) || 'frame'}s.csv`;
}

export function header(def: FrameTypeDef): string[] {
  return [
    'document_id',
    'frame_id',
    'evidence_start_utf16',
    'evidence_end_utf16',
    'evidence_quote',
    ...def.roles.flatMap((r) => ROLE_COLUMNS.map((c) => `${column(r.name)}_${c}`)),
    ...def.attributes.map((a) => column(a.name)),
    ...RECORD_COLUMNS,
  ];
}

function fillerCells(x: RoleFiller, mentions: Map<string, Mention>, entities: Map<string, Entity>): string[] {
  if (x.kind === 'topic') return ['topic', x.text, '', '', '', '', ''];
  if (x.kind === 'entity') {
    const name = entities.get(x.entityId)?.name ?? '';
    return ['entity', name, '', '', '', x.entityId, name];
  }
  if (x.kind === 'frame') return ['frame', x.frameId, '', '', '', '', ''];
  const m = mentions.get(x.mentionId)!;
  const entity = m.entityId !== undefined ? entities.get(m.entityId) : undefined;
  return ['mention', m.quote, m.label, String(m.start), String(m.end), m.entityId ?? '', entity?.name ?? ''];
}

/** The cells of RECORD_COLUMNS. */
function recordCells(record: Mention | Frame, layerAnnotator: string): string[] {
  return [
    record.note ?? '',
    layerAnnotator,
    record.origin,
    record.author,
    record.createdAt,
    (record.from ?? []).join(JOIN),
    goldDecision(record, layerAnnotator) ?? '',
    provenanceText(record, layerAnnotator) ?? '',
  ];
}

function createWriter(ctx: DatasetContext): FormatWriter {
  const schema = indexSchema(ctx.schema);
  const entities = entityMap(ctx.entities);
  const report = new ReportBuilder();
  const csv = (rows: string[][]) => stringify(rows, { record_delimiter: '\r\n' });

  return {
    begin: () => [
      { path: MENTIONS_TABLE, data: `\uFEFF${csv([MENTION_HEADER])}` },
      ...ctx.schema.frameTypes.map((def) => ({ path: tableName(def.name), data: `\uFEFF${csv([header(def)])}` })),
    ],
    document(doc: DatasetDocument): FileChunk[] {
      const layer = exportable(doc, schema, report, false);
      const mentions = new Map(layer.mentions.map((m) => [m.id, m]));
      const mentionRows = layer.mentions.map((m) => [
        doc.document.id,
        m.id,
        String(m.start),
        String(m.end),
        m.quote,
        m.label,
        m.entityId ?? '',
        (m.entityId !== undefined ? entities.get(m.entityId)?.name : undefined) ?? '',
        ...recordCells(m, doc.annotator),
      ]);
      const rows = new Map<string, string[][]>(mentionRows.length ? [[MENTIONS_TABLE, mentionRows]] : []);
      for (const f of layer.frames) {
        const def = schema.frameTypes.get(f.type)!;
        const roleCells = def.roles.flatMap((r) => {
          const cells = (f.roles[r.name] ?? []).map((x) => fillerCells(x, mentions, entities));
          return ROLE_COLUMNS.map((_c, i) => cells.map((c) => c[i]).join(JOIN));
        });
        const row = [
          doc.document.id,
          f.id,
          String(f.evidence.start),
          String(f.evidence.end),
          f.evidence.quote,
          ...roleCells,
          ...def.attributes.map((a) => f.attrs[a.name] ?? ''),
          ...recordCells(f, doc.annotator),
        ];
        const list = rows.get(f.type);
        if (list) list.push(row);
        else rows.set(f.type, [row]);
      }
      return [...rows].map(([table, list]) => ({ path: table === MENTIONS_TABLE ? table : tableName(table), data: csv(list) }));
    },
    end: () => [],
    report: () => report.report(),
  };
}

export const csv: FormatDef = {
  name: 'csv',
  title: 'CSV tables of mentions and frames',
  description:
    'mentions.csv, one row per mention, and one CSV per frame type (stances.csv, agreements.csv): one row per frame with evidence, role fillers and attributes (UTF-16 offsets); gold says who decided each row and how.',
  canImport: false,
  canExport: true,
  offsetUnit: 'utf16',
  detect: () => false,
  createWriter,
  read: () => {
    throw new ParleyError('invalid_argument', 'CSV tables are export only; import native, brat, doccano, Label Studio, spaCy, CoNLL or text files instead');
  },
};
