/**
 * The annotation model: documents, layers of mentions and frames, the entity
 * registry and the label schema. Everything here is plain data that is saved
 * as JSON; offsets are JavaScript string (UTF-16) indices into the immutable
 * document text.
 */
import { z } from 'zod';

export const FORMAT_VERSION = 1;

export const ORIGINS = ['manual', 'suggested', 'imported'] as const;
export type Origin = (typeof ORIGINS)[number];

export const STATUSES = ['not_started', 'in_progress', 'done', 'reviewed'] as const;
export type DocumentStatus = (typeof STATUSES)[number];
export const STATUS_NAMES: Record<DocumentStatus, string> = {
  not_started: 'Not started',
  in_progress: 'In progress',
  done: 'Done',
  reviewed: 'Reviewed',
};

const id = z.string().min(1).max(200);
const offset = z.number().int().nonnegative();

/**
 * In gold, the analysts a record came from by a review decision (whose version
 * was accepted); absent on a record the adjudicator edited by hand. There,
 * `author` is the adjudicator and `createdAt` the time of the decision.
 */
const from = z.array(z.string().min(1).max(200)).max(50).optional();

/**
 * In gold, the attributes of a frame the adjudicator set by hand (a value of
 * their own, not one taken from an analyst): which, by whom and when. Taking
 * that attribute from an analyst again removes its entry.
 */
export const HandEditSchema = z.object({ field: z.string().min(1).max(100), by: z.string().max(200), at: z.string() });
export type HandEdit = z.infer<typeof HandEditSchema>;

/** Names that reach an object's prototype when used as a key: never an attribute's, a decision's or a field's name. */
export const RESERVED_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];
const RESERVED = `is a reserved name (${RESERVED_KEYS.join(', ')}); rename the attribute`;

/** A name used as a key in a saved record (a decision, a field): never one that reaches an object's prototype. */
const recordKey = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .refine((k) => !RESERVED_KEYS.includes(k), 'is a reserved name (__proto__, constructor, prototype)');

/**
 * Attributes by name. A reserved name is refused by name: JSON.parse keeps
 * `__proto__` as an own key, which a record parse would otherwise drop
 * without a word, losing the attribute.
 */
const attributes = z.preprocess(
  (value, ctx) => {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      for (const k of RESERVED_KEYS) {
        if (Object.prototype.hasOwnProperty.call(value, k)) ctx.issues.push({ code: 'custom', message: RESERVED, input: value, path: [k] });
      }
    }
    return value;
  },
  z.record(z.string(), z.string()),
);

/**
 * The pieces of a discontinuous mention (brat's `T1 Label 0 5;10 15`), in
 * order, gaps between them: `start` and `end` are then the first piece's
 * start and the last one's end, and `quote` the text between.
 */
export const FragmentsSchema = z
  .array(z.tuple([offset, offset]))
  .min(2)
  .max(100)
  .refine((fs) => fs.every(([s, e], i) => s < e && (i === 0 || fs[i - 1][1] < s)), 'fragments must be non-empty, in order, with a gap between each two');
export type Fragments = z.infer<typeof FragmentsSchema>;

/** Typed comments other than the analyst's note, by type (brat's `#` lines such as `Lemma`). */
const comments = z.record(z.string().min(1).max(100), z.string().max(10_000)).optional();
/** Comments on one attribute (brat's `#` lines on an A or M line), by attribute name, then by type as above (AnnotatorNotes for its note). */
const attrComments = z.record(z.string().min(1).max(100), z.record(z.string().min(1).max(100), z.string().max(10_000))).optional();

export const MentionSchema = z.object({
  id,
  label: z.string().min(1).max(100),
  start: offset,
  end: offset,
  quote: z.string(),
  fragments: FragmentsSchema.optional(),
  entityId: id.optional(),
  note: z.string().max(10_000).optional(),
  comments,
  attrs: attributes.optional(),
  attrComments,
  origin: z.enum(ORIGINS),
  /** A suggestion the analyst has not yet accepted; pending mentions are never exported. */
  pending: z.boolean().optional(),
  author: z.string().max(200),
  createdAt: z.string(),
  from,
});
export type Mention = z.infer<typeof MentionSchema>;

export const RoleFillerSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('mention'), mentionId: id }),
  z.object({ kind: z.literal('entity'), entityId: id }),
  z.object({ kind: z.literal('topic'), text: z.string().min(1).max(2_000) }),
  /** Another frame of the same layer (brat's events as arguments of events). */
  z.object({ kind: z.literal('frame'), frameId: id }),
]);
export type RoleFiller = z.infer<typeof RoleFillerSchema>;

export const SpanSchema = z.object({ start: offset, end: offset, quote: z.string() });
export type Span = z.infer<typeof SpanSchema>;

export const FrameSchema = z.object({
  id,
  type: z.string().min(1).max(100),
  evidence: SpanSchema,
  roles: z.record(z.string(), z.array(RoleFillerSchema)),
  attrs: attributes,
  note: z.string().max(10_000).optional(),
  comments,
  attrComments,
  origin: z.enum(ORIGINS),
  author: z.string().max(200),
  createdAt: z.string(),
  from,
  handEdits: z.array(HandEditSchema).max(100).optional(),
});
export type Frame = z.infer<typeof FrameSchema>;

/**
 * What a label, frame type, role or attribute value means, where the analyst
 * looks: a definition, examples that are and are not one, a question that
 * decides a hard case, and the heading of the workspace guidelines
 * (`guidelines.md`) that says more.
 */
export const GuideSchema = z.object({
  definition: z.string().max(2000).optional(),
  examples: z.array(z.string().min(1).max(500)).max(20).optional(),
  counterExamples: z.array(z.string().min(1).max(500)).max(20).optional(),
  question: z.string().max(500).optional(),
  anchor: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'a guidelines heading anchor such as "person" or "stance-target"')
    .max(100)
    .optional(),
});
export type Guide = z.infer<typeof GuideSchema>;

export const LabelDefSchema = z.object({
  name: z.string().min(1).max(100),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour like #1f77b4'),
  key: z.string().max(1),
  description: z.string().max(500).optional(),
  guide: GuideSchema.optional(),
});
export type LabelDef = z.infer<typeof LabelDefSchema>;

export const RoleDefSchema = z.object({
  name: recordKey(100),
  /** Labels whose mentions may fill the role; empty means any label. */
  mentionLabels: z.array(z.string()),
  allowMention: z.boolean(),
  allowEntity: z.boolean(),
  allowTopic: z.boolean(),
  min: z.number().int().nonnegative(),
  /** null: no upper bound. */
  max: z.number().int().positive().nullable(),
  guide: GuideSchema.optional(),
});
export type RoleDef = z.infer<typeof RoleDefSchema>;

export const AttributeDefSchema = z.object({
  name: recordKey(100),
  values: z.array(z.string().min(1).max(100)).min(1),
  guide: GuideSchema.optional(),
  /** A guide for each value, by value. */
  valueGuides: z.record(z.string(), GuideSchema).optional(),
});
export type AttributeDef = z.infer<typeof AttributeDefSchema>;

/**
 * A frame type drawn as an arc between mentions and written in each tool's
 * own form for it: a relation (two roles, the first the source; brat's R
 * lines, doccano's and Label Studio's relations, WebAnno relation layers),
 * directed or not, or an equivalence (one role holding the members; brat's
 * `*` lines).
 */
export const RELATION_KINDS = ['directed', 'undirected', 'equivalence'] as const;
export type RelationKind = (typeof RELATION_KINDS)[number];

export const FrameTypeDefSchema = z
  .object({
    name: z.string().min(1).max(100),
    key: z.string().max(1),
    color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
    roles: z.array(RoleDefSchema),
    attributes: z.array(AttributeDefSchema),
    guide: GuideSchema.optional(),
    relation: z.enum(RELATION_KINDS).optional(),
  })
  .refine((f) => f.relation === undefined || f.roles.length === (f.relation === 'equivalence' ? 1 : 2), {
    message: 'a relation type has exactly two roles (source and target), an equivalence one',
    path: ['roles'],
  });
export type FrameTypeDef = z.infer<typeof FrameTypeDefSchema>;

export const FieldDefSchema = z.object({
  name: recordKey(100),
  /** Empty: free text; otherwise the allowed values. */
  values: z.array(z.string().min(1).max(100)),
});
export type FieldDef = z.infer<typeof FieldDefSchema>;

export const OVERLAP_KINDS = ['equal', 'contain', 'cross'] as const;
export type OverlapKind = (typeof OVERLAP_KINDS)[number];

/**
 * How mentions of two labels may share text, as a brat `<OVERLAP>` rule says:
 * a mention of an `inner` label may have the same span as (`equal`), lie
 * inside (`contain`) or cross (`cross`) one of an `outer` label. An empty
 * list of labels is any label.
 */
export const OverlapRuleSchema = z.object({
  inner: z.array(z.string().min(1).max(100)),
  outer: z.array(z.string().min(1).max(100)),
  kinds: z.array(z.enum(OVERLAP_KINDS)).min(1),
});
export type OverlapRule = z.infer<typeof OverlapRuleSchema>;

export const LabelSchemaSchema = z.object({
  labels: z.array(LabelDefSchema),
  frameTypes: z.array(FrameTypeDefSchema),
  documentFields: z.array(FieldDefSchema),
  /**
   * Absent: mentions may overlap in any way. Present (an imported brat
   * annotation.conf's rules): only the overlaps a rule allows, so two labels
   * on one span are refused unless a rule says `equal`.
   */
  overlaps: z.array(OverlapRuleSchema).optional(),
});
export type LabelSchema = z.infer<typeof LabelSchemaSchema>;

export const EntitySchema = z.object({
  id,
  type: z.string().min(1).max(100),
  name: z.string().min(1).max(500),
  aliases: z.array(z.string().min(1).max(500)),
  note: z.string().max(10_000).optional(),
});
export type Entity = z.infer<typeof EntitySchema>;

export const SourceSchema = z.object({
  outlet: z.string().optional(),
  date: z.string().optional(),
  url: z.string().optional(),
  file: z.string().optional(),
});
export type Source = z.infer<typeof SourceSchema>;

/** documents/<id>.json */
export const DocumentRecordSchema = z.object({
  version: z.number().int(),
  id,
  title: z.string(),
  text: z.string(),
  source: SourceSchema,
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  addedAt: z.string(),
});
export type DocumentRecord = z.infer<typeof DocumentRecordSchema>;

export const DocumentEntrySchema = z.object({
  id,
  title: z.string(),
  outlet: z.string().optional(),
  date: z.string().optional(),
  chars: z.number().int().nonnegative(),
  sha256: z.string(),
});
export type DocumentEntry = z.infer<typeof DocumentEntrySchema>;

/** workspace.json */
export const WorkspaceFileSchema = z.object({
  version: z.number().int(),
  name: z.string(),
  schema: LabelSchemaSchema,
  documents: z.array(DocumentEntrySchema),
  entities: z.array(EntitySchema),
});
export type WorkspaceFile = z.infer<typeof WorkspaceFileSchema>;


/** The most changes one batch (one undo step, one request) may hold. */
export const MAX_BATCH = 10_000;

/** One reversible edit of a layer. Undo applies the inverse; redo the change again. */
export type Change =
  | { op: 'addMention'; mention: Mention }
  | { op: 'removeMention'; mention: Mention }
  | { op: 'updateMention'; before: Mention; after: Mention }
  | { op: 'addFrame'; frame: Frame }
  | { op: 'removeFrame'; frame: Frame }
  | { op: 'updateFrame'; before: Frame; after: Frame }
  | { op: 'setStatus'; before: DocumentStatus; after: DocumentStatus }
  | { op: 'setField'; name: string; before: string | null; after: string | null }
  /** An adjudication decision on a review item, recorded in the gold layer. */
  | { op: 'setDecision'; key: string; before: string | null; after: string | null }
  | { op: 'batch'; title: string; changes: Change[] };

export const ChangeSchema: z.ZodType<Change> = z.lazy(() =>
  z.discriminatedUnion('op', [
    z.object({ op: z.literal('addMention'), mention: MentionSchema }),
    z.object({ op: z.literal('removeMention'), mention: MentionSchema }),
    z.object({ op: z.literal('updateMention'), before: MentionSchema, after: MentionSchema }),
    z.object({ op: z.literal('addFrame'), frame: FrameSchema }),
    z.object({ op: z.literal('removeFrame'), frame: FrameSchema }),
    z.object({ op: z.literal('updateFrame'), before: FrameSchema, after: FrameSchema }),
    z.object({ op: z.literal('setStatus'), before: z.enum(STATUSES), after: z.enum(STATUSES) }),
    z.object({ op: z.literal('setField'), name: recordKey(100), before: z.string().max(100_000).nullable(), after: z.string().max(100_000).nullable() }),
    z.object({ op: z.literal('setDecision'), key: recordKey(10_000), before: z.string().max(10_000).nullable(), after: z.string().max(10_000).nullable() }),
    z.object({ op: z.literal('batch'), title: z.string().max(1_000), changes: z.array(ChangeSchema).max(MAX_BATCH) }),
  ]),
);

export const HistorySchema = z.object({ undo: z.array(ChangeSchema), redo: z.array(ChangeSchema) });
export type History = z.infer<typeof HistorySchema>;

/** annotations/<annotator>/<docId>.json: one analyst's labels on one document. */
export const LayerSchema = z.object({
  version: z.number().int(),
  docId: id,
  annotator: z.string().min(1),
  textHash: z.string(),
  status: z.enum(STATUSES),
  mentions: z.array(MentionSchema),
  frames: z.array(FrameSchema),
  fields: z.record(z.string(), z.string()),
  updatedAt: z.string(),
  /** Counts the saves of this layer; a change made on an older revision is refused (`conflict`). */
  revision: z.number().int().nonnegative().optional(),
  /** Adjudication decisions by review item (gold layers only): what was accepted or rejected. */
  decisions: z.record(z.string(), z.string()).optional(),
  /** Undo and redo stacks, kept with the layer so they survive a reload. */
  history: HistorySchema,
  /** The schema version (the number of schema migrations) the layer was last brought up to; 0 or absent: none. */
  schemaVersion: z.number().int().nonnegative().optional(),
});
export type Layer = z.infer<typeof LayerSchema>;

export const GOLD = 'gold';

export function emptyLayer(docId: string, annotator: string, textHash: string): Layer {
  return {
    version: FORMAT_VERSION,
    docId,
    annotator,
    textHash,
    status: 'not_started',
    mentions: [],
    frames: [],
    fields: {},
    updatedAt: new Date(0).toISOString(),
    history: { undo: [], redo: [] },
  };
}

/** Annotator names become folder names, so they are kept to a safe alphabet. */
export const AnnotatorNameSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, dot, dash or underscore, starting with a letter or digit');

export const DocIdSchema = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, dot, dash or underscore');
