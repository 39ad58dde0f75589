/**
 * The one API contract between the UI and the Node side. Each method names its
 * argument schema (checked in main) and its result type. Electron's IPC and
 * the browser host's HTTP both carry exactly this map.
 */
import { z } from 'zod';
import { DocumentPageQuerySchema, type DocumentPage } from './documentPage';
import {
  ExportOptionsSchema,
  ImportRequestSchema,
  JobArgsSchema,
  PickArgsSchema,
  type ExportPlan,
  type FormatInfo,
  type ImportPlan,
  type JobState,
  type PickResult,
} from './api-datasets';
import { searchMethods, TagHitsArgsSchema, type SearchPage, type TagPreview, type TagResult } from './api-search';
import type { AgreementReport } from './agreement';
import { syncContract } from './api-sync';
import type { ApiErrorShape } from './errors';
import { RejectedSpanSchema, SuggestSettingsSchema, type SuggestSettings } from './suggest/settings';
import type { DocumentSuggestions, RetrainResult } from './suggest/types';
import { MigrationOpSchema, type Migration, type MigrationPlan } from './migrations';
import {
  AnnotatorNameSchema,
  ChangeSchema,
  DocIdSchema,
  EntitySchema,
  LabelSchemaSchema,
  MAX_BATCH,
  type Change,
  type DocumentRecord,
  type DocumentStatus,
  type Entity,
  type Frame,
  type LabelSchema,
  type Layer,
  type Mention,
} from './model';

/** A file in the workspace that could not be read; it is left untouched. */
export interface Problem {
  file: string;
  message: string;
}

export interface WorkspaceInfo {
  path: string;
  name: string;
  annotator: string;
  schema: LabelSchema;
  documentCount: number;
  problems: Problem[];
  /** The document open when this workspace was last used. */
  lastDocId: string | null;
}

export interface DocumentSummary {
  id: string;
  title: string;
  outlet?: string;
  date?: string;
  chars: number;
  status: DocumentStatus;
  mentionCount: number;
  frameCount: number;
  labelCounts: Record<string, number>;
  /** Set when this document or its layer could not be read. */
  problem?: string;
  /** Colleagues who have labelled this document (a shared workspace), with their status. */
  labellers?: { annotator: string; status: DocumentStatus }[];
  /** Review items (of all analysts who labelled it) nobody has decided yet, when two or more have. */
  undecided?: number;
}

export interface HistoryState {
  undo: string | null;
  redo: string | null;
}

export interface OpenedDocument {
  document: DocumentRecord;
  layer: Omit<Layer, 'history'>;
  history: HistoryState;
  /** The layer was made for a different text (hash mismatch): shown read-only, never re-applied. */
  stale: boolean;
  /** False when only the mentions starting before `mentionsBefore` were sent; `annotations.get` has the rest. */
  complete: boolean;
  /**
   * The whole text's length. With `textBefore`, `document.text` is only the
   * text's first part (up to a line end) when it is longer: `documents.text`
   * has the rest.
   */
  chars?: number;
}

export interface LayerContent {
  mentions: Mention[];
  frames: Frame[];
}

export interface ChangeResult {
  history: HistoryState;
  /** The layer's revision after the change: the base of the next one. */
  revision?: number;
}

export interface UndoResult {
  /** What was applied to the layer (the inverse, for undo), or null when there was nothing to undo. */
  change: Change | null;
  history: HistoryState;
  /** The layer's revision after the undo or redo: the base of the next change. */
  revision?: number;
}

export interface Suggestion {
  docId: string;
  title: string;
  mentionId: string;
  start: number;
  end: number;
  quote: string;
  context: string;
}

/** One frame as the corpus table shows it, with its fillers spelled out. */
export interface FrameRow {
  docId: string;
  docTitle: string;
  frameId: string;
  type: string;
  evidence: { start: number; end: number; quote: string };
  roles: Record<string, { text: string; kind: 'mention' | 'entity' | 'topic'; mentionId?: string; entityId?: string; start?: number; end?: number }[]>;
  attrs: Record<string, string>;
  problems: string[];
}

export interface AnnotatorSummary {
  annotator: string;
  documents: number;
  mentions: number;
}

export interface ReviewLayer {
  annotator: string;
  /** False when this annotator has not labelled the document. */
  exists: boolean;
  /** Made for another version of the text: reported, never compared or applied. */
  stale: boolean;
  mentions: Mention[];
  frames: Frame[];
}

export interface ReviewDocument {
  document: DocumentRecord;
  layers: ReviewLayer[];
  gold: ReviewLayer & { decisions: Record<string, string>; history: HistoryState; status: DocumentStatus };
}

/** How far review has come on one document. */
export interface ReviewProgress {
  docId: string;
  title: string;
  /** Items where the analysts differ or only some have labels, still undecided. */
  undecided: { mentions: number; frames: number };
  /** Items every analyst agrees on, still undecided ("accept everything all agree on" takes them). */
  agreed: { mentions: number; frames: number };
  decided: number;
  reviewed: boolean;
}

export interface LabelUse {
  label: string;
  mentions: number;
  documents: number;
}

export interface Guidelines {
  /** Markdown; empty where the workspace has none. */
  text: string;
  /** sha256 of the text. */
  hash: string;
}

const none = z.object({}).strict();
const docArgs = z.object({ docId: DocIdSchema }).strict();
/** Which layer an edit goes to: the analyst's own, or the adjudicated gold layer. */
const layerArg = z.enum(['own', 'gold']).optional();
const layerDocArgs = z.object({ docId: DocIdSchema, layer: layerArg }).strict();
const annotatorList = z.array(AnnotatorNameSchema).min(2).max(20);
const itemKey = z.string().min(1).max(10_000);
export const MentionDecisionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('accept'), annotators: z.array(AnnotatorNameSchema).min(1).max(20) }).strict(),
  z.object({ kind: z.literal('reject') }).strict(),
  z.object({ kind: z.literal('relabel'), label: z.string().min(1).max(100) }).strict(),
]);
export const FrameDecisionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('accept'), annotator: AnnotatorNameSchema }).strict(),
  z.object({ kind: z.literal('all') }).strict(),
  z.object({ kind: z.literal('reject') }).strict(),
  z
    .object({ kind: z.literal('field'), field: z.string().min(1).max(200), from: AnnotatorNameSchema.optional(), value: z.string().min(1).max(100).nullable().optional() })
    .strict(),
]);
const reviewArgs = { docId: DocIdSchema, annotators: annotatorList };

/** Declares a method: its result type, then its argument schema. */
function method<R>() {
  return <A extends z.ZodType>(args: A) => ({ args, result: undefined as unknown as R });
}

export const AppearanceSchema = z
  .object({
    theme: z.enum(['system', 'light', 'dark']).default('system'),
    textSize: z.number().int().min(13).max(26).default(17),
    documentsWidth: z.number().int().min(160).max(640).default(290),
    sidebarWidth: z.number().int().min(240).max(720).default(330),
    documentsHidden: z.boolean().default(false),
    sidebarHidden: z.boolean().default(false),
  })
  .strict();

export const contract = {
  'workspace.info': method<WorkspaceInfo>()(none),
  'workspace.pickFolder': method<{ native: boolean; path: string | null }>()(none),
  'workspace.open': method<WorkspaceInfo>()(z.object({ path: z.string().min(1).max(4096), create: z.boolean() }).strict()),
  'documents.list': method<DocumentSummary[]>()(none),
  'documents.page': method<DocumentPage>()(DocumentPageQuerySchema),
  'documents.open': method<OpenedDocument>()(
    z.object({ docId: DocIdSchema, mentionsBefore: z.number().int().nonnegative().optional(), textBefore: z.number().int().nonnegative().optional() }).strict(),
  ),
  'annotations.get': method<LayerContent>()(docArgs),
  'annotations.change': method<ChangeResult>()(
    z.object({ docId: DocIdSchema, change: ChangeSchema, layer: layerArg, baseRevision: z.number().int().nonnegative().optional() }).strict(),
  ),
  'annotations.undo': method<UndoResult>()(layerDocArgs.extend({ baseRevision: z.number().int().nonnegative().optional() })),
  'annotations.redo': method<UndoResult>()(layerDocArgs.extend({ baseRevision: z.number().int().nonnegative().optional() })),
  'review.annotators': method<AnnotatorSummary[]>()(none),
  'review.document': method<ReviewDocument>()(z.object({ docId: DocIdSchema, annotators: annotatorList }).strict()),
  'review.agreement': method<AgreementReport>()(z.object({ annotators: annotatorList, docId: DocIdSchema.optional() }).strict()),
  'review.decideMention': method<ChangeResult>()(z.object({ ...reviewArgs, key: itemKey, decision: MentionDecisionSchema }).strict()),
  'review.decideFrame': method<ChangeResult>()(z.object({ ...reviewArgs, key: itemKey, decision: FrameDecisionSchema }).strict()),
  'review.acceptAgreed': method<ChangeResult & { mentions: number; frames: number }>()(z.object(reviewArgs).strict()),
  'review.progress': method<ReviewProgress[]>()(z.object({ annotators: annotatorList }).strict()),
  'schema.save': method<LabelSchema>()(z.object({ schema: LabelSchemaSchema, baseRevision: z.number().int().nonnegative().optional() }).strict()),
  'schema.labelUse': method<LabelUse[]>()(none),
  /** What a schema migration would change, counted over every analyst's layers and gold; changes nothing. */
  'schema.planMigration': method<MigrationPlan>()(z.object({ op: MigrationOpSchema }).strict()),
  'schema.migrate': method<{ schema: LabelSchema; plan: MigrationPlan; migration: Migration }>()(
    z.object({ op: MigrationOpSchema, baseRevision: z.number().int().nonnegative().optional() }).strict(),
  ),
  'schema.history': method<Migration[]>()(none),
  /** The workspace's guidelines (`guidelines.md`) and a hash of them, which a save names as what it replaces. */
  'guidelines.get': method<Guidelines>()(none),
  'guidelines.save': method<Guidelines>()(z.object({ text: z.string().max(500_000), before: z.string().max(64) }).strict()),
  'schema.renameLabel': method<LabelSchema>()(z.object({ from: z.string().min(1), to: z.string().min(1).max(100) }).strict()),
  'schema.deleteLabel': method<LabelSchema>()(
    z.object({ name: z.string().min(1), mentions: z.enum(['relabel', 'delete']), relabelTo: z.string().min(1).optional() }).strict(),
  ),
  'frames.corpus': method<FrameRow[]>()(none),
  'entities.list': method<Entity[]>()(none),
  'entities.save': method<Entity>()(z.object({ entity: EntitySchema, baseRevision: z.number().int().nonnegative().optional() }).strict()),
  'entities.delete': method<Entity[]>()(z.object({ id: z.string().min(1) }).strict()),
  'suggestions.find': method<Suggestion[]>()(z.object({ entityId: z.string().min(1), docId: DocIdSchema }).strict()),
  'suggestions.list': method<Suggestion[]>()(z.object({ entityId: z.string().min(1).optional() }).strict()),
  'suggestions.decide': method<{ decided: number }>()(
    z
      .object({ items: z.array(z.object({ docId: DocIdSchema, mentionId: z.string().min(1).max(200) }).strict()).max(MAX_BATCH), accept: z.boolean() })
      .strict(),
  ),
  'datasets.formats': method<FormatInfo[]>()(none),
  'datasets.exportPlan': method<ExportPlan>()(ExportOptionsSchema),
  'datasets.export': method<{ jobId: string }>()(ExportOptionsSchema),
  'datasets.importPlan': method<ImportPlan>()(ImportRequestSchema),
  'datasets.import': method<{ jobId: string }>()(ImportRequestSchema),
  'jobs.get': method<JobState>()(JobArgsSchema),
  'jobs.cancel': method<JobState>()(JobArgsSchema),
  'dialog.pick': method<PickResult>()(PickArgsSchema),
  'settings.setAnnotator': method<WorkspaceInfo>()(z.object({ annotator: AnnotatorNameSchema }).strict()),
  'settings.setLastDocument': method<null>()(z.object({ docId: DocIdSchema }).strict()),
  'suggestions.recommend': method<DocumentSuggestions>()(z.object({ docId: DocIdSchema, from: AnnotatorNameSchema.optional(), layer: layerArg }).strict()),
  'suggestions.retrain': method<RetrainResult>()(z.object({ from: AnnotatorNameSchema.optional() }).strict()),
  'suggestions.reject': method<{ rejected: number }>()(z.object({ docId: DocIdSchema, spans: z.array(RejectedSpanSchema).min(1).max(100_000), layer: layerArg }).strict()),
  'suggestions.unreject': method<null>()(z.object({ docId: DocIdSchema, spans: z.array(RejectedSpanSchema).min(1).max(100_000), layer: layerArg }).strict()),
  'suggestions.answer': method<null>()(z.object({ docId: DocIdSchema, span: RejectedSpanSchema, accepted: z.boolean(), layer: layerArg }).strict()),
  'suggestions.settings': method<SuggestSettings>()(none),
  'suggestions.saveSettings': method<SuggestSettings>()(z.object({ settings: SuggestSettingsSchema }).strict()),
  'search.start': method<{ searchId: string }>()(searchMethods.start),
  'search.page': method<SearchPage>()(searchMethods.page),
  'search.cancel': method<SearchPage>()(searchMethods.cancel),
  'search.tagPreview': method<TagPreview>()(TagHitsArgsSchema),
  'search.tagAll': method<TagResult>()(TagHitsArgsSchema),
  'search.untag': method<{ undone: number; skipped: string[] }>()(z.object({ stepId: z.string().min(1).max(100) }).strict()),
  ...syncContract,
  'settings.appearance': method<Appearance>()(none),
  'settings.setAppearance': method<Appearance>()(z.object({ appearance: AppearanceSchema }).strict()),
  /** A part of a document's text: from `from` to the first line end at or after `from + chars` (or the end). */
  'documents.text': method<{ text: string }>()(z.object({ docId: DocIdSchema, from: z.number().int().nonnegative(), chars: z.number().int().positive() }).strict()),
} as const;

export type Contract = typeof contract;

/** How the workbench looks for this user: theme, text size, side panels. Stored with the user's settings. */
export type Appearance = z.output<typeof AppearanceSchema>;
export type MethodName = keyof Contract;
export type ArgsOf<M extends MethodName> = z.input<Contract[M]['args']>;
export type ResultOf<M extends MethodName> = Contract[M]['result'];

export const METHOD_NAMES = Object.keys(contract) as MethodName[];

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

/** What every transport returns: a value, or an error the UI can show. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiErrorShape };

/** Main's side: one async function per method. */
export type Handlers = { [M in MethodName]: (args: z.output<Contract[M]['args']>) => Promise<ResultOf<M>> };

type Split<S extends string> = S extends `${infer NS}.${infer Rest}` ? [NS, Rest] : never;
type Namespaces = Split<MethodName>[0];

/** The client's shape: `api.documents.list()`, `api.annotations.change({...})`. */
export type ApiClient = {
  [NS in Namespaces]: {
    [M in MethodName as Split<M>[0] extends NS ? Split<M>[1] : never]: (args: ArgsOf<M>) => Promise<ResultOf<M>>;
  };
};

/** What a transport exposes (the preload's `window.api`): every method, answering with an envelope. */
export type TransportApi = {
  [NS in Namespaces]: {
    [M in MethodName as Split<M>[0] extends NS ? Split<M>[1] : never]: (args: ArgsOf<M>) => Promise<Envelope<ResultOf<M>>>;
  };
};

function nest<T>(call: (method: MethodName, args: unknown) => Promise<unknown>): T {
  const client: Record<string, Record<string, (args: unknown) => Promise<unknown>>> = {};
  for (const name of METHOD_NAMES) {
    const [ns, fn] = name.split('.') as [string, string];
    client[ns] ??= {};
    client[ns][fn] = (args: unknown) => call(name, args ?? {});
  }
  return client as T;
}

/** Builds a transport's nested shape over one `call` that returns envelopes. */
export function buildTransport(call: (method: MethodName, args: unknown) => Promise<Envelope<unknown>>): TransportApi {
  return nest<TransportApi>(call);
}

/** Raised by the client when a call comes back with an error. */
export class ApiError extends Error implements ApiErrorShape {
  readonly code: ApiErrorShape['code'];
  readonly file?: string;
  readonly line?: number;
  constructor(shape: ApiErrorShape) {
    super(shape.message);
    this.name = 'ApiError';
    this.code = shape.code;
    this.file = shape.file;
    this.line = shape.line;
  }
}

/** The client the UI uses: same shape, results unwrapped, errors thrown as ApiError. */
export function buildClient(call: (method: MethodName, args: unknown) => Promise<Envelope<unknown>>): ApiClient {
  return nest<ApiClient>(async (method, args) => {
    const envelope = await call(method, args);
    if (!envelope.ok) throw new ApiError(envelope.error);
    return envelope.value;
  });
}
