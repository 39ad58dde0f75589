/**
 * The contract every dataset format implements. Formats are pure: a writer
 * turns documents into file chunks, a reader turns file contents into
 * documents; reading and writing files is the caller's business.
 */
import type { LabelMapping, LabelOutcome } from './labelmap';
import type { Migration } from '../migrations';
import type { DocumentStatus, Entity, Frame, LabelSchema, Mention, Source } from '../model';

/** A document with one annotator's layer, as exported or imported. */
export interface DatasetDocument {
  document: { id: string; title: string; text: string; source: Source; sha256?: string };
  annotator: string;
  status: DocumentStatus;
  /** Never holds a mention with `pending: true`: suggestions are not exported. */
  mentions: Mention[];
  frames: Frame[];
  fields: Record<string, string>;
}

export interface DatasetContext {
  schema: LabelSchema;
  entities: Entity[];
  /** The schema's migrations: an export records the version it was made under, an import made under an older one is migrated on the way in. */
  history?: readonly Migration[];
}

/** Part of an output file: `path` is a relative POSIX path; chunks with the same path are appended in order. */
export interface FileChunk {
  path: string;
  data: string;
}

export interface ExportReport {
  documents: number;
  mentions: number;
  frames: number;
  /** What a format could not carry, by reason, e.g. mentions overlapping a longer one in CoNLL. */
  dropped: { reason: string; count: number }[];
  notes: string[];
  /** Mentions a token format dropped one by one (CoNLL's flattening), offsets in UTF-16 units; at most MAX_LISTED_DROPS, the rest only counted. */
  droppedMentions?: DroppedMention[];
}

export interface DroppedMention {
  document: string;
  start: number;
  end: number;
  label: string;
  quote: string;
  /** The mention kept in its place. */
  winner: { start: number; end: number; label: string; quote: string };
}

export interface FormatWriter {
  /** Files that come before any document: brat's annotation.conf, CSV headers, a JSON array's opening bracket. */
  begin(): FileChunk[];
  /** Called once per document, in order. Keeps nothing of the document once it returns, so memory does not grow with the corpus. */
  document(doc: DatasetDocument): FileChunk[];
  end(): FileChunk[];
  report(): ExportReport;
}

/** A file's contents as read by the caller; `path` is relative to what the user picked and names the file in errors. */
export interface ImportFile {
  path: string;
  text: string;
}

export interface ImportResult {
  documents: DatasetDocument[];
  /** Entities the files define (self-contained exports carry the entities their mentions link to). */
  entities: Entity[];
  warnings: string[];
  /** Labels the schema lacked, and what became of them. */
  labels?: LabelOutcome;
}

export type FormatName = 'native' | 'brat' | 'conll' | 'doccano' | 'labelstudio' | 'spacy' | 'csv' | 'text' | 'webanno';

/** How a file counts character offsets: UTF-16 code units (JavaScript string indices) or Unicode code points (Python `str`). */
export type OffsetUnit = 'utf16' | 'codepoint';
/** A unit files can be read in: also grapheme clusters (doccano's "count grapheme clusters as one character"), which Parley never writes. */
export type ReadUnit = OffsetUnit | 'grapheme';

export interface ExportOptions {
  tagScheme?: 'IOB2' | 'BIOES';
  /** Overrides the unit a format writes offsets in (Label Studio and doccano only): for a tool version that counts differently. */
  offsets?: OffsetUnit;
}

export interface ImportOptions {
  /** What to do with labels the schema lacks: map, drop or add them. Undecided ones are listed in the result's `labels`. */
  labels?: LabelMapping;
  /** Overrides the unit a format's offsets are read in (Label Studio and doccano only), after a check said the file counts the other way. */
  offsets?: ReadUnit;
  /** Import the valid records (documents) of a file and report each invalid one as a warning with its line, instead of refusing the whole import. */
  skipInvalid?: boolean;
  /** CoNLL: the 0-based column that holds the tag; detected when left out. */
  tagColumn?: number;
  /** doccano: the record fields holding the text and the labels, when a project's import settings named them otherwise (doccano's column_data, column_label). */
  textField?: string;
  labelField?: string;
}

export interface FormatDef {
  name: FormatName;
  title: string;
  description: string;
  canImport: boolean;
  canExport: boolean;
  /** The unit of the character offsets the files hold. */
  offsetUnit: OffsetUnit | 'none';
  /** Sniffs extensions and content, for when the user does not name the format. */
  detect(files: ImportFile[]): boolean;
  createWriter(ctx: DatasetContext, options: ExportOptions): FormatWriter;
  /** All or nothing: throws ParleyError('bad_input', message, file, line) on the first problem. */
  read(files: ImportFile[], ctx: DatasetContext, options?: ImportOptions): ImportResult;
}
