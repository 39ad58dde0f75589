/**
 * Parley's own JSON Lines: lossless, one document per line after a header
 * line. Offsets are UTF-16 code units (JavaScript string indices), as in the
 * workspace. Each record carries the entities its mentions and frames link
 * to, so a file read on its own is complete.
 */
import { z } from 'zod';
import { EntitySchema, FrameSchema, MentionSchema, SourceSchema, STATUSES } from '../model';
import { ImportSession } from './assemble';
import { atLine, badInput, checkFile, extension, InputError } from './input';
import { parseJsonLines, shaped } from './json';
import { entityMap, exportable, ReportBuilder, referencedEntities } from './prepare';
import { indexSchema } from './schema';
import { schemaVersionOf } from '../migrationPlan';
import type { DatasetContext, DatasetDocument, FormatDef, FormatWriter, ImportFile, ImportOptions } from './types';

export const NATIVE_VERSION = 1;
const FILE = 'documents.jsonl';

const HeaderSchema = z.object({
  parley: z.number().int().positive(),
  offsets: z.string(),
  /** The workspace's schema version (its number of migrations) when the file was written; absent in files written before versions were kept: 0. */
  schemaVersion: z.number().int().nonnegative().optional(),
});

const RecordSchema = z.object({
  document: z.object({
    id: z.string().min(1).max(200),
    title: z.string(),
    text: z.string(),
    source: SourceSchema,
    sha256: z.string().optional(),
  }),
  annotator: z.string().min(1),
  status: z.enum(STATUSES),
  fields: z.record(z.string(), z.string()),
  mentions: z.array(MentionSchema),
  frames: z.array(FrameSchema),
  entities: z.array(EntitySchema).optional(),
});

function createWriter(ctx: DatasetContext): FormatWriter {
  const schema = indexSchema(ctx.schema);
  const registry = entityMap(ctx.entities);
  const report = new ReportBuilder();
  return {
    begin: () => [{ path: FILE, data: `${JSON.stringify({ parley: NATIVE_VERSION, format: 'native', offsets: 'utf16', schemaVersion: schemaVersionOf(ctx.history), schema: ctx.schema })}\n` }],
    document(doc: DatasetDocument) {
      const layer = exportable(doc, schema, report, false, true);
      const record = {
        document: doc.document,
        annotator: doc.annotator,
        status: doc.status,
        fields: doc.fields,
        mentions: layer.mentions,
        frames: layer.frames,
        entities: referencedEntities(layer, registry, report),
      };
      return [{ path: FILE, data: `${JSON.stringify(record)}\n` }];
    },
    end: () => [],
    report: () => report.report(),
  };
}

function read(files: ImportFile[], ctx: DatasetContext, options: ImportOptions = {}) {
  const session = new ImportSession(ctx, options);
  for (const file of files) {
    const text = checkFile(file, session.warnings);
    let sawHeader = false;
    parseJsonLines(text, file.path, (value, line) =>
      atLine(file.path, line, () => {
        if (typeof value === 'object' && value !== null && 'parley' in value) {
          const header = shaped(HeaderSchema, value);
          if (header.parley > NATIVE_VERSION) throw new InputError(`written by a newer Parley (format ${header.parley}); update Parley to read it`);
          if (header.offsets !== 'utf16') throw new InputError(`offsets are ${JSON.stringify(header.offsets)}; expected "utf16"`);
          sawHeader = true;
          session.madeUnder(header.schemaVersion ?? 0, file.path);
          return;
        }
        if (!sawHeader) throw new InputError('expected the Parley header line {"parley": 1, "offsets": "utf16", …} before the first document');
        const record = shaped(RecordSchema, value);
        for (const [i, e] of (record.entities ?? []).entries()) session.entity(e, file.path, ['entities', i]);
        const { entities: _entities, ...doc } = record;
        session.finish(doc);
      }),
    );
    if (!sawHeader) throw badInput('expected a Parley native file starting with the header line {"parley": 1, …}', file.path, 1);
  }
  return session.result();
}

function detect(files: ImportFile[]): boolean {
  return files.some((f) => ['jsonl', 'ndjson'].includes(extension(f.path)) && /^\s*\{\s*"parley"\s*:\s*\d+\s*,\s*"format"\s*:\s*"native"/.test(f.text.slice(0, 200)));
}

export const native: FormatDef = {
  name: 'native',
  title: 'Parley JSON Lines',
  description: 'Lossless: every document, mention, frame, note and linked entity, one document per line (UTF-16 offsets).',
  canImport: true,
  canExport: true,
  offsetUnit: 'utf16',
  detect,
  createWriter,
  read,
};
