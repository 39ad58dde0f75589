/**
 * The `datasets.*` methods: the formats, and export and import with a plan
 * to show first. Both run as jobs (`jobs.*`).
 */
import { z } from 'zod';
import type { LabelOutcome } from '../formats/labelmap';
import type { ExportReport, FormatDef, FormatName } from '../formats/types';
import { AnnotatorNameSchema, STATUSES } from '../model';
import { method, none } from './method';

export const FORMAT_NAMES = ['native', 'brat', 'conll', 'doccano', 'labelstudio', 'spacy', 'csv', 'text', 'webanno'] as const satisfies readonly FormatName[];
/** What import accepts beyond the dataset formats: HTML articles and another analyst's workspace folder. */
export const IMPORT_KINDS = [...FORMAT_NAMES, 'html', 'workspace'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** What the UI shows of a format: its definition without the functions. */
export type FormatInfo = Pick<FormatDef, 'name' | 'title' | 'description' | 'canImport' | 'canExport' | 'offsetUnit'>;

export const ExportOptionsSchema = z
  .object({
    format: z.enum(FORMAT_NAMES),
    /** A folder that does not exist yet (or is empty), or a path ending in .zip. */
    out: z.string().min(1).max(4096),
    /** Whose layer: an annotator's name or 'gold'; the current analyst when left out. */
    annotator: AnnotatorNameSchema.optional(),
    statuses: z.array(z.enum(STATUSES)).optional(),
    labels: z.array(z.string().min(1)).optional(),
    /** Percentages by document, e.g. 80/10/10, shuffled with the seed. */
    split: z.object({ train: z.number().min(0).max(100), dev: z.number().min(0).max(100), test: z.number().min(0).max(100), seed: z.number().int() }).strict().optional(),
    tagScheme: z.enum(['IOB2', 'BIOES']).optional(),
    /** Label Studio and doccano: write offsets in this unit instead of the one the tool's current version counts. */
    offsets: z.enum(['utf16', 'codepoint']).optional(),
  })
  .strict();
export type ExportRequest = z.infer<typeof ExportOptionsSchema>;

export interface ExportPlan {
  documents: number;
  mentions: number;
  frames: number;
  splits: { name: string; documents: number }[];
  /** The output path exists and is not an empty folder: export refuses to overwrite it. */
  outExists: boolean;
}

export interface ExportResult {
  out: string;
  files: number;
  report: ExportReport;
}

export const ImportRequestSchema = z
  .object({
    paths: z.array(z.string().min(1).max(4096)).min(1).max(10_000),
    /** Detected from the files when left out. */
    format: z.enum(IMPORT_KINDS).optional(),
    /** Whose layer the imported labels become; from the files, else the current analyst, when left out. */
    annotator: AnnotatorNameSchema.optional(),
    /** Label Studio and doccano: read offsets in this unit, for files from a tool version that counts the other way (grapheme: doccano's "count grapheme clusters as one character"). */
    offsets: z.enum(['utf16', 'codepoint', 'grapheme']).optional(),
    /** Import a file's valid records and report each invalid one with its line, instead of refusing the import. */
    skipInvalid: z.boolean().optional(),
    /** CoNLL: the 1-based column holding the tag; detected when left out. */
    tagColumn: z.number().int().min(1).max(100).optional(),
    /** doccano: the fields holding the text and the labels when a project named them otherwise (its column_data, column_label). */
    textField: z.string().min(1).max(100).optional(),
    labelField: z.string().min(1).max(100).optional(),
    /** Labels the files use that the schema lacks: file label → schema label, or null to drop their mentions. */
    labelMap: z.record(z.string().min(1).max(100), z.string().min(1).max(100).nullable()).optional(),
    /** File labels to add to the schema as they are. */
    addLabels: z.array(z.string().min(1).max(100)).max(1000).optional(),
  })
  .strict();
export type ImportRequest = z.infer<typeof ImportRequestSchema>;

export interface ImportPlanDocument {
  id: string;
  title: string;
  mentions: number;
  frames: number;
  /** add: a new document; layer: labels for a document already here (same text); conflict: not applied. */
  action: 'add' | 'layer' | 'conflict';
  reason?: string;
}

export interface ImportPlan {
  format: ImportKind;
  detected: boolean;
  files: number;
  annotator: string;
  documents: ImportPlanDocument[];
  entities: number;
  warnings: string[];
  /** Labels the files use that the schema lacks: undecided ones (the plan cannot be applied while any remain), and what the label map did. */
  labels: LabelOutcome;
}

export interface ImportSummary {
  /** Labels the import added to the schema. */
  labelsAdded?: string[];
  documentsAdded: number;
  layersWritten: number;
  entitiesAdded: number;
  skipped: { id: string; reason: string }[];
}

export const datasetsContract = {
  'datasets.formats': method<FormatInfo[]>()(none),
  'datasets.exportPlan': method<ExportPlan>()(ExportOptionsSchema),
  'datasets.export': method<{ jobId: string }>()(ExportOptionsSchema),
  'datasets.importPlan': method<ImportPlan>()(ImportRequestSchema),
  'datasets.import': method<{ jobId: string }>()(ImportRequestSchema),
} as const;
