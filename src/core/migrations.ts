/**
 * Schema migrations: every change of a schema that touches labels already
 * made (rename, merge, split, retype a role, map an attribute's values,
 * delete) is a versioned step, kept in the schema's history. A step applies
 * to the schema and to every layer the same way, wherever the layer is: in
 * the workspace now, arriving from a colleague through sync, or in a file
 * made under an older version and imported later. Layers record the schema
 * version they were last migrated to, so a step never applies twice.
 */
import { z } from 'zod';
import { ParleyError } from './errors';
import { LabelSchemaSchema, type Entity, type Frame, type LabelDef, type LabelSchema, type Layer, type Mention, type RoleDef } from './model';
import { checkSchema } from './validate';

const name = z.string().min(1).max(100);

/** How a split decides which new label a mention gets: the first rule that matches, else `otherwise`. */
export const SplitRuleSchema = z
  .object({
    label: name,
    /** A regular expression (JavaScript syntax, case-insensitive) the mention's text must contain. */
    quote: z.string().max(1_000).optional(),
    /** The type of the registry entity the mention is linked to. */
    entityType: name.optional(),
    /** The mention's text is one of these (any case, spacing normalised). */
    texts: z.array(z.string().min(1).max(500)).min(1).max(10_000).optional(),
    /** Mentions the analyst assigned by review, as `annotator/docId/mentionId` (see `mentionKey`). */
    mentions: z.array(z.string().min(1).max(500)).max(100_000).optional(),
  })
  .strict();

export const MigrationOpSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('renameLabel'), from: name, to: name }).strict(),
  z.object({ op: z.literal('mergeLabels'), from: z.array(name).min(1).max(100), into: name }).strict(),
  z
    .object({
      op: z.literal('splitLabel'),
      from: name,
      /** The new labels (the first may keep the old name); each with a rule, except the one mentions fall to. */
      into: z.array(SplitRuleSchema).min(2).max(50),
      otherwise: name,
    })
    .strict(),
  z.object({ op: z.literal('renameFrameType'), from: name, to: name }).strict(),
  z.object({ op: z.literal('renameRole'), frameType: name, from: name, to: name }).strict(),
  z
    .object({
      op: z.literal('retypeRole'),
      frameType: name,
      role: name,
      mentionLabels: z.array(name).max(100),
      allowMention: z.boolean(),
      allowEntity: z.boolean(),
      allowTopic: z.boolean(),
    })
    .strict(),
  z
    .object({
      op: z.literal('mapValues'),
      frameType: name,
      attribute: name,
      /** The attribute's values after the step, in order. */
      values: z.array(name).min(1).max(100),
      /** Old value → new value; null clears it. Values not named keep themselves (and must be among `values`). */
      map: z.record(z.string(), name.nullable()),
    })
    .strict(),
  z.object({ op: z.literal('deleteLabel'), name, relabelTo: name.optional() }).strict(),
  /** A role leaves its frame type: every frame of the type loses that role's fillers. */
  z.object({ op: z.literal('removeRole'), frameType: name, role: name }).strict(),
  /**
   * Puts an earlier step back. Where the step ran, the workspace restores
   * every item it changed exactly (from the record it kept); a layer it
   * never saw that meets the step and its revert together skips both, and
   * one that met only the step gets `labels` (a label the step made → the
   * label it came from).
   */
  z
    .object({
      op: z.literal('revertMigration'),
      version: z.number().int().positive(),
      /** The step's id: versions made apart by two copies may meet. */
      of: z.string().min(1).max(200),
      /** What the step did, in words, for the history. */
      summary: z.string().max(1_000),
      /** The schema as it was before the step. */
      schema: LabelSchemaSchema,
      labels: z.record(z.string(), name),
    })
    .strict(),
]);
export type MigrationOp = z.infer<typeof MigrationOpSchema>;

export const MigrationSchema = z
  .object({
    /** 1, 2, 3…: the schema version this step makes. */
    version: z.number().int().positive(),
    id: z.string().min(1).max(200),
    at: z.string(),
    author: z.string().max(200),
    op: MigrationOpSchema,
  })
  .strict();
export type Migration = z.infer<typeof MigrationSchema>;

const bad = (message: string) => new ParleyError('invalid_argument', message);

function labelOf(schema: LabelSchema, label: string): LabelDef {
  const def = schema.labels.find((l) => l.name === label);
  if (!def) throw bad(`the schema has no label ${label}`);
  return def;
}

function frameTypeOf(schema: LabelSchema, type: string) {
  const def = schema.frameTypes.find((t) => t.name === type);
  if (!def) throw bad(`the schema has no frame type ${type}`);
  return def;
}

function roleLabels(schema: LabelSchema, rename: (label: string) => string | null): void {
  for (const t of schema.frameTypes) {
    for (const r of t.roles) r.mentionLabels = [...new Set(r.mentionLabels.map(rename).filter((l): l is string => l !== null))];
  }
}

/** A key no other label or frame type uses, for a label a split adds. */
function freeKey(schema: LabelSchema, label: string): string {
  const used = new Set([...schema.labels, ...schema.frameTypes].map((d) => d.key.toLowerCase()));
  for (const c of `${label.toLowerCase()}abcdefghijklmnopqrtuvyz`) if (/[a-z]/.test(c) && !used.has(c)) return c;
  return '';
}

/** A regular expression from a split rule, refused by name when it does not compile. */
function ruleRegex(pattern: string): RegExp {
  try {
    return new RegExp(pattern, 'iu');
  } catch (e) {
    throw bad(`the split rule /${pattern}/ is not a valid regular expression: ${(e as Error).message}`);
  }
}

/** The schema after one step; refuses a step that names what the schema lacks or leaves it invalid. */
export function migrateSchema(before: LabelSchema, op: MigrationOp): LabelSchema {
  // A deep copy: a schema is plain JSON (core has no structuredClone).
  let schema = JSON.parse(JSON.stringify(before)) as LabelSchema;
  switch (op.op) {
    case 'renameLabel': {
      if (op.from === op.to) throw bad('a rename needs a new name');
      if (schema.labels.some((l) => l.name === op.to)) throw bad(`there is already a label ${op.to}: merge the two instead`);
      labelOf(schema, op.from).name = op.to;
      roleLabels(schema, (l) => (l === op.from ? op.to : l));
      break;
    }
    case 'mergeLabels': {
      const sources = op.from.filter((l) => l !== op.into);
      if (sources.length === 0) throw bad('name at least one label to merge into another');
      for (const l of sources) labelOf(schema, l);
      if (!schema.labels.some((l) => l.name === op.into)) {
        // Merging into a new name: the first source's definition carries it.
        const first = labelOf(schema, sources[0]);
        schema.labels.splice(schema.labels.indexOf(first), 0, { ...first, name: op.into });
      }
      schema.labels = schema.labels.filter((l) => !sources.includes(l.name));
      roleLabels(schema, (l) => (sources.includes(l) ? op.into : l));
      break;
    }
    case 'splitLabel': {
      const old = labelOf(schema, op.from);
      const targets = op.into.map((r) => r.label);
      if (new Set(targets).size !== targets.length) throw bad('a split names each new label once');
      if (!targets.includes(op.otherwise)) throw bad(`the label mentions fall to when no rule matches (${op.otherwise}) must be one of the split's labels`);
      for (const r of op.into) {
        if (r.quote !== undefined) ruleRegex(r.quote);
        if (r.quote === undefined && r.entityType === undefined && r.texts === undefined && r.mentions === undefined && r.label !== op.otherwise) {
          throw bad(`${r.label} needs a rule (a regular expression, an entity type, a list of texts or mentions) or must be the label the rest fall to`);
        }
        if (r.label !== op.from && schema.labels.some((l) => l.name === r.label)) throw bad(`there is already a label ${r.label}; a split makes new labels (merge afterwards if you mean to)`);
      }
      const keepsOld = targets.includes(op.from);
      // The old key goes to the first new label when the old one goes; the others get a free key.
      const made: LabelDef[] = op.into.map((r, i) =>
        r.label === op.from ? old : { name: r.label, color: old.color, key: !keepsOld && i === 0 ? old.key : '', ...(old.description ? { description: old.description } : {}) },
      );
      schema.labels.splice(schema.labels.indexOf(old), 1, ...made);
      for (const l of made) if (l !== old && !l.key) l.key = freeKey(schema, l.name);
      // A role that took the old label takes each new one.
      for (const t of schema.frameTypes) {
        for (const r of t.roles) if (r.mentionLabels.includes(op.from)) r.mentionLabels = [...new Set([...r.mentionLabels.filter((l) => l !== op.from || keepsOld), ...targets])];
      }
      break;
    }
    case 'renameFrameType': {
      if (schema.frameTypes.some((t) => t.name === op.to)) throw bad(`there is already a frame type ${op.to}`);
      frameTypeOf(schema, op.from).name = op.to;
      break;
    }
    case 'renameRole': {
      const t = frameTypeOf(schema, op.frameType);
      const role = t.roles.find((r) => r.name === op.from);
      if (!role) throw bad(`${op.frameType} has no role ${op.from}`);
      if (t.roles.some((r) => r.name === op.to)) throw bad(`${op.frameType} already has a role ${op.to}`);
      role.name = op.to;
      break;
    }
    case 'retypeRole': {
      const t = frameTypeOf(schema, op.frameType);
      const role = t.roles.find((r) => r.name === op.role);
      if (!role) throw bad(`${op.frameType} has no role ${op.role}`);
      for (const l of op.mentionLabels) labelOf(schema, l);
      if (!op.allowMention && !op.allowEntity && !op.allowTopic) throw bad(`${op.frameType}.${op.role} must take a mention, an entity or a topic`);
      Object.assign(role, { mentionLabels: op.mentionLabels, allowMention: op.allowMention, allowEntity: op.allowEntity, allowTopic: op.allowTopic } satisfies Partial<RoleDef>);
      break;
    }
    case 'mapValues': {
      const t = frameTypeOf(schema, op.frameType);
      const attr = t.attributes.find((a) => a.name === op.attribute);
      if (!attr) throw bad(`${op.frameType} has no attribute ${op.attribute}`);
      for (const v of attr.values) {
        const to = v in op.map ? op.map[v] : v;
        if (to !== null && !op.values.includes(to)) throw bad(`${op.attribute} = ${v} would become ${to}, which is not among the new values (${op.values.join(', ')})`);
      }
      attr.values = op.values;
      if (attr.valueGuides) attr.valueGuides = Object.fromEntries(Object.entries(attr.valueGuides).filter(([v]) => op.values.includes(v)));
      break;
    }
    case 'removeRole': {
      const t = frameTypeOf(schema, op.frameType);
      if (!t.roles.some((r) => r.name === op.role)) throw bad(`${op.frameType} has no role ${op.role}`);
      t.roles = t.roles.filter((r) => r.name !== op.role);
      break;
    }
    case 'revertMigration':
      schema = JSON.parse(JSON.stringify(op.schema)) as LabelSchema;
      break;
    case 'deleteLabel': {
      labelOf(schema, op.name);
      if (op.relabelTo !== undefined && (op.relabelTo === op.name || !schema.labels.some((l) => l.name === op.relabelTo))) {
        throw bad(`choose another existing label to move the ${op.name} mentions to`);
      }
      schema.labels = schema.labels.filter((l) => l.name !== op.name);
      roleLabels(schema, (l) => (l === op.name ? (op.relabelTo ?? null) : l));
      break;
    }
  }
  try {
    checkSchema(schema);
  } catch (e) {
    throw bad(`after this change the schema would not be valid: ${(e as Error).message}`);
  }
  return schema;
}

/** What a step changes: a layer, or a document's labels on their way in from a file. */
type Labelled = Pick<Layer, 'mentions' | 'frames'>;

export interface LayerMigration<L extends Labelled = Layer> {
  /** The layer after the step; the same object when nothing in it changed. */
  layer: L;
  mentions: number;
  frames: number;
  removedMentions: number;
  /** Role fillers dropped because the mention they pointed at was deleted. */
  removedFillers: number;
  /** Mentions a split gave its fallback label because no rule matched: worth a look. */
  fellThrough: number;
  /** A split's mentions by the label each goes to. */
  byLabel?: Record<string, number>;
}

/** How review names a mention across layers: the same id may stand in several analysts' layers (gold copies them). */
export function mentionKey(annotator: string, docId: string, mentionId: string): string {
  return `${annotator}/${docId}/${mentionId}`;
}

/** A mention's text as a text-list rule compares it: any case, runs of spacing as one space. */
export function normaliseQuote(quote: string): string {
  return quote.trim().replace(/\s+/gu, ' ').toLowerCase();
}

type SplitOp = Extract<MigrationOp, { op: 'splitLabel' }>;
type Matcher = (m: Mention, key: string | null) => boolean;

type Matchers = { label: string; test: Matcher }[];
/** A step runs over every layer with the same op and registry: its rules are compiled (a review's list made a set) once for all of them. */
const compiled = new WeakMap<SplitOp, { entities: readonly Entity[]; matchers: Matchers }>();

function splitMatchers(op: SplitOp, entities: readonly Entity[]): Matchers {
  const known = compiled.get(op);
  if (known?.entities === entities) return known.matchers;
  const matchers = compileSplit(op, entities);
  compiled.set(op, { entities, matchers });
  return matchers;
}

/** Each rule of a split as one test. */
function compileSplit(op: SplitOp, entities: readonly Entity[]): Matchers {
  const types = new Map(entities.map((e) => [e.id, e.type]));
  return op.into.flatMap((r) => {
    if (r.quote === undefined && r.entityType === undefined && r.texts === undefined && r.mentions === undefined) return [];
    const re = r.quote === undefined ? null : ruleRegex(r.quote);
    const texts = r.texts ? new Set(r.texts.map(normaliseQuote)) : null;
    const keys = r.mentions ? new Set(r.mentions) : null;
    const test: Matcher = (m, key) =>
      (re === null || re.test(m.quote)) &&
      (r.entityType === undefined || (m.entityId !== undefined && types.get(m.entityId) === r.entityType)) &&
      (texts === null || texts.has(normaliseQuote(m.quote))) &&
      (keys === null || (key !== null && keys.has(key)));
    return [{ label: r.label, test }];
  });
}

/** The same empty registry every time, so a split's compiled rules are found again when no registry is given. */
const NO_ENTITIES: readonly Entity[] = [];

/** One layer after one step. Pure: the layer given is never changed. */
export function migrateLayer<L extends Labelled = Layer>(layer: L, op: MigrationOp, entities: readonly Entity[] = NO_ENTITIES): LayerMigration<L> {
  const result: LayerMigration<L> = { layer, mentions: 0, frames: 0, removedMentions: 0, removedFillers: 0, fellThrough: 0 };
  let mentions = layer.mentions;
  let frames = layer.frames;
  const relabel = (to: (m: Mention) => string | null) => {
    let changed = false;
    const next: Mention[] = [];
    for (const m of mentions) {
      const label = to(m);
      if (label === null) {
        result.removedMentions++;
        changed = true;
      } else if (label !== m.label) {
        next.push({ ...m, label });
        result.mentions++;
        changed = true;
      } else next.push(m);
    }
    if (changed) mentions = next;
  };
  const eachFrame = (f: (frame: Frame) => Frame) => {
    let changed = false;
    const next = frames.map((frame) => {
      const after = f(frame);
      if (after !== frame) {
        changed = true;
        result.frames++;
      }
      return after;
    });
    if (changed) frames = next;
  };
  switch (op.op) {
    case 'renameLabel':
      relabel((m) => (m.label === op.from ? op.to : m.label));
      break;
    case 'mergeLabels':
      relabel((m) => (op.from.includes(m.label) ? op.into : m.label));
      break;
    case 'splitLabel': {
      const matchers = splitMatchers(op, entities);
      const { annotator, docId } = layer as Partial<Layer>;
      const byLabel: Record<string, number> = {};
      relabel((m) => {
        if (m.label !== op.from) return m.label;
        const key = annotator !== undefined && docId !== undefined ? mentionKey(annotator, docId, m.id) : null;
        const hit = matchers.find((r) => r.test(m, key));
        if (!hit) result.fellThrough++;
        const label = hit?.label ?? op.otherwise;
        byLabel[label] = (byLabel[label] ?? 0) + 1;
        // A mention that keeps the old name still counts as moved by the split.
        if (label === m.label) result.mentions++;
        return label;
      });
      result.byLabel = byLabel;
      break;
    }
    case 'removeRole':
      eachFrame((f) => {
        if (f.type !== op.frameType || !(op.role in f.roles)) return f;
        const roles = { ...f.roles };
        result.removedFillers += roles[op.role].length;
        delete roles[op.role];
        return { ...f, roles };
      });
      break;
    case 'revertMigration':
      relabel((m) => op.labels[m.label] ?? m.label);
      break;
    case 'deleteLabel':
      relabel((m) => (m.label === op.name ? (op.relabelTo ?? null) : m.label));
      break;
    case 'renameFrameType':
      eachFrame((f) => (f.type === op.from ? { ...f, type: op.to } : f));
      break;
    case 'renameRole':
      eachFrame((f) => {
        if (f.type !== op.frameType || !(op.from in f.roles)) return f;
        const roles: Frame['roles'] = {};
        for (const [r, fillers] of Object.entries(f.roles)) roles[r === op.from ? op.to : r] = fillers;
        return { ...f, roles };
      });
      break;
    case 'mapValues':
      eachFrame((f) => {
        if (f.type !== op.frameType || !(op.attribute in f.attrs)) return f;
        const old = f.attrs[op.attribute];
        if (!(old in op.map)) return f;
        const attrs = { ...f.attrs };
        const to = op.map[old];
        if (to === null) delete attrs[op.attribute];
        else attrs[op.attribute] = to;
        return { ...f, attrs };
      });
      break;
    case 'retypeRole':
      // The definition changes; the fillers stay, and the frame card shows any that no longer fit.
      break;
  }
  if (result.removedMentions > 0) {
    const kept = new Set(mentions.map((m) => m.id));
    eachFrame((f) => {
      let dropped = 0;
      const roles: Frame['roles'] = {};
      for (const [r, fillers] of Object.entries(f.roles)) {
        roles[r] = fillers.filter((x) => x.kind !== 'mention' || kept.has(x.mentionId));
        dropped += fillers.length - roles[r].length;
      }
      if (dropped === 0) return f;
      result.removedFillers += dropped;
      return { ...f, roles };
    });
  }
  if (mentions !== layer.mentions || frames !== layer.frames) result.layer = { ...layer, mentions, frames };
  return result;
}
