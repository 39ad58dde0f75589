/**
 * The import side shared by all readers: offsets in the file's unit turned
 * into checked UTF-16 spans, mentions and frames validated against the model
 * and the schema, entities gathered across files, and the final result.
 * Readers throw on the first problem, so an import is all or nothing.
 */
import { formatError, ParleyError } from '../errors';
import { newId } from '../ids';
import { EntitySchema, FrameSchema, MentionSchema, type Entity, type Frame, type Mention } from '../model';
import { InputError, shown } from './input';
import { shaped } from './json';
import { indexSchema, listNames, type SchemaIndex } from './schema';
import { describeOutcome, LabelResolver } from './labelmap';
import { RelationTypes } from './relationTypes';
import { describeMigration, migrationsAfter } from '../migrationPlan';
import { withoutReverted } from '../migrationUndo';
import { migrateLayer, type Migration } from '../migrations';
import type { DatasetContext, DatasetDocument, ImportOptions, ImportResult, ReadUnit } from './types';

type Path = readonly (string | number)[];

/** The annotator of documents read from files that do not say whose labels they hold; the caller may rename it. */
export const IMPORTED_ANNOTATOR = 'imported';

import { rerun, UNIT_NAMES, type UnitHint } from './textOffsets';

export { TextOffsets, type Span, type UnitHint } from './textOffsets';

/** The parts of a mention a format holds natively; the rest comes from the format's extras or defaults. */
export interface MentionCore {
  label: string;
  start: number;
  end: number;
  quote: string;
}

/** One import run: the schema, the defaults for what a file does not say, the entities and documents found so far. */
export class ImportSession {
  readonly schema: SchemaIndex;
  readonly warnings: string[] = [];
  /** Records left out with the skip-invalid option. */
  skipped = 0;
  /** When a file does not say who made an annotation or when. */
  readonly createdAt = new Date().toISOString();
  private readonly registry: Set<string>;
  private readonly entities = new Map<string, { entity: Entity; file: string }>();
  private readonly documents: DatasetDocument[] = [];
  private readonly seen = new Set<string>();

  private readonly labels: LabelResolver;
  /** Relation and equivalence types the files use, the schema's or decided by the label map. */
  readonly relationTypes: RelationTypes;
  /** Schema migrations the documents read next were made before, applied to each as it is finished. */
  private steps: readonly Migration[] = [];
  private readonly caughtUp = new Map<string, { steps: readonly Migration[]; documents: number }>();
  private source = '';

  constructor(private readonly ctx: DatasetContext, options: ImportOptions = {}) {
    this.schema = indexSchema(ctx.schema);
    this.registry = new Set(ctx.entities.map((e) => e.id));
    this.labels = new LabelResolver(this.schema.labels, options.labels);
    this.relationTypes = new RelationTypes(this.schema, options.labels);
  }

  /** The documents read next were made under schema `version` (a file's header says so): the steps since are applied to them. */
  madeUnder(version: number, file: string): void {
    this.missing(migrationsAfter(this.ctx.history ?? [], version), `${file} (made under schema version ${version})`);
  }

  /** The documents read next lack these steps of the workspace's schema history (a copy of it that had not run them). */
  missing(given: readonly Migration[], source: string): void {
    const steps = withoutReverted(given);
    this.steps = steps;
    if (steps.length && !this.caughtUp.has(source)) this.caughtUp.set(source, { steps, documents: 0 });
    this.source = source;
  }

  /** A document brought up to the newest schema, before its labels are checked against it. */
  private catchUp(doc: DatasetDocument): DatasetDocument {
    if (this.steps.length === 0) return doc;
    let labelled: Pick<DatasetDocument, 'mentions' | 'frames'> = doc;
    for (const step of this.steps) labelled = migrateLayer(labelled, step.op, this.ctx.entities).layer;
    if (labelled === doc) return doc;
    this.caughtUp.get(this.source)!.documents++;
    return { ...doc, mentions: labelled.mentions, frames: labelled.frames };
  }

  /** How a reader names its unit in messages; warns once for the file when astral text had no quote to check offsets against. */
  unitHint(file: string, tool: string, unit: ReadUnit, switchable: boolean, units?: readonly ReadUnit[]): UnitHint {
    let told = false;
    const other: ReadUnit = unit === 'utf16' ? 'codepoint' : 'utf16';
    return {
      tool,
      switchable,
      units,
      unchecked: () => {
        if (told) return;
        told = true;
        this.warnings.push(
          `${file}: the text holds emoji or other characters outside the Basic Multilingual Plane, and the file quotes no text to check offsets against; the offsets were read as ${UNIT_NAMES[unit]}, as ${tool} counts them${switchable ? `; if spans look shifted, ${rerun(other)}` : ''}`,
        );
      },
    };
  }

  /** A label as a file gives it; one the schema lacks is resolved by the label map when the document is finished. */
  checkLabel(label: unknown, path: Path = []): string {
    if (typeof label !== 'string' || !this.labels.allows(label)) throw this.unknownLabel(label, path);
    return label;
  }

  unknownLabel(label: unknown, path: Path = []): InputError {
    return new InputError(`unknown label ${JSON.stringify(label)}; expected one of the schema's labels (${listNames(this.schema.labels)}); map it to one of them (--map ${String(label)}=LABEL), drop it (--map ${String(label)}=-) or add it (--add-labels ${String(label)})`, path);
  }

  /** A mention from a format's own fields plus its extras (id, origin, author…), defaults filling what neither says. */
  mention(core: MentionCore, extra: unknown, annotator: string, path: Path = []): Mention {
    const extras = isRecord(extra) ? extra : {};
    this.checkLabel(core.label, path);
    return shaped(MentionSchema, { id: newId('m'), origin: 'imported', author: annotator, createdAt: this.createdAt, ...extras, ...core }, path);
  }

  frame(value: Record<string, unknown>, annotator: string, path: Path = []): Frame {
    return shaped(FrameSchema, { id: newId('f'), origin: 'imported', author: annotator, createdAt: this.createdAt, attrs: {}, ...value }, path);
  }

  /** Adds an entity a file defines; the first definition of an id wins. */
  entity(value: unknown, file: string, path: Path = []): Entity {
    const entity = shaped(EntitySchema, value, path);
    const known = this.entities.get(entity.id);
    if (!known) this.entities.set(entity.id, { entity, file });
    else if (JSON.stringify(known.entity) !== JSON.stringify(entity)) {
      this.warnings.push(`${file}: entity ${entity.id} differs from its definition in ${known.file}; the first one was kept`);
    }
    return known?.entity ?? entity;
  }

  /** Defined by a file read so far or by the workspace. */
  isKnownEntity(id: string): boolean {
    return this.entities.has(id) || this.registry.has(id);
  }

  /**
   * Checks what only the whole document can show (unique ids, frames that
   * refer to existing mentions, roles and frame types in the schema, spans
   * that match the text) and adds it to the result.
   */
  finish(doc: DatasetDocument, path: Path = []): void {
    const key = `${doc.document.id}\u0000${doc.annotator}`;
    if (this.seen.has(key)) {
      throw new InputError(`document ${doc.document.id} appears twice for annotator ${doc.annotator}; expected each document once per annotator`, path);
    }
    const text = doc.document.text;
    doc = this.catchUp(doc);
    doc.mentions.forEach((m, i) => this.checkLabel(m.label, [...path, 'mentions', i, 'label']));
    doc = this.resolveLabels(doc);
    const ids = new Set<string>();
    doc.mentions.forEach((m, i) => {
      const at = [...path, 'mentions', i];
      checkSpan(text, m, at);
      if (m.fragments && (m.fragments[0][0] !== m.start || m.fragments[m.fragments.length - 1][1] !== m.end)) {
        throw new InputError(`the fragments of mention ${m.id} run from ${m.fragments[0][0]} to ${m.fragments[m.fragments.length - 1][1]}, not from its start ${m.start} to its end ${m.end}`, [...at, 'fragments']);
      }
      if (ids.has(m.id)) throw new InputError(`two mentions have the id ${m.id}; expected unique ids`, [...at, 'id']);
      ids.add(m.id);
    });
    const frameIds = new Set<string>();
    const allFrames = new Set(doc.frames.map((f) => f.id));
    doc.frames.forEach((f, i) => {
      const at = [...path, 'frames', i];
      const def = this.schema.frameTypes.get(f.type);
      if (!def) throw new InputError(`unknown frame type ${JSON.stringify(f.type)}; expected one of ${listNames(this.schema.frameTypes.keys())}`, [...at, 'type']);
      checkSpan(text, f.evidence, [...at, 'evidence']);
      if (frameIds.has(f.id)) throw new InputError(`two frames have the id ${f.id}; expected unique ids`, [...at, 'id']);
      frameIds.add(f.id);
      for (const [role, fillers] of Object.entries(f.roles)) {
        if (!def.roles.some((r) => r.name === role)) {
          throw new InputError(`${f.type} has no role ${JSON.stringify(role)}; expected ${listNames(def.roles.map((r) => r.name))}`, [...at, 'roles', role]);
        }
        fillers.forEach((x, j) => {
          if (x.kind === 'mention' && !ids.has(x.mentionId)) {
            throw new InputError(`the ${role} of frame ${f.id} refers to mention ${x.mentionId}, which is not in the document`, [...at, 'roles', role, j]);
          }
          if (x.kind === 'frame' && !allFrames.has(x.frameId)) {
            throw new InputError(`the ${role} of frame ${f.id} refers to frame ${x.frameId}, which is not in the document`, [...at, 'roles', role, j]);
          }
        });
      }
    });
    this.seen.add(key);
    this.documents.push(doc);
  }

  /** Labels the schema lacks, mapped, dropped or added as the label map says; frames lose the fillers whose mention was dropped. */
  private resolveLabels(doc: DatasetDocument): DatasetDocument {
    const gone = new Set<string>();
    const mentions: Mention[] = [];
    for (const m of doc.mentions) {
      const label = this.labels.resolve(m.label, doc.document.id);
      if (label === null) gone.add(m.id);
      else mentions.push(label === m.label ? m : { ...m, label });
    }
    if (gone.size === 0) return { ...doc, mentions };
    let cut = 0;
    const frames = doc.frames.map((f) => {
      const roles: Frame['roles'] = {};
      for (const [role, fillers] of Object.entries(f.roles)) {
        roles[role] = fillers.filter((x) => x.kind !== 'mention' || !gone.has(x.mentionId));
        cut += fillers.length - roles[role].length;
      }
      return { ...f, roles };
    });
    if (cut) this.warnings.push(`document ${doc.document.id}: ${cut} frame filler(s) referred to mentions whose label was dropped; the frames were kept without them`);
    return { ...doc, mentions, frames };
  }

  result(): ImportResult {
    const dangling = new Set<string>();
    const check = (id: string) => {
      if (!this.entities.has(id) && !this.registry.has(id)) dangling.add(id);
    };
    for (const d of this.documents) {
      for (const m of d.mentions) if (m.entityId !== undefined) check(m.entityId);
      for (const f of d.frames) for (const xs of Object.values(f.roles)) for (const x of xs) if (x.kind === 'entity') check(x.entityId);
    }
    if (dangling.size > 0) {
      const some = [...dangling].slice(0, 5).join(', ');
      this.warnings.push(`${dangling.size} linked entit${dangling.size === 1 ? 'y is' : 'ies are'} defined neither in the files nor in the workspace (${some}${dangling.size > 5 ? ', …' : ''}); the links were kept`);
    }
    for (const [source, { steps, documents }] of this.caughtUp) {
      if (documents) this.warnings.push(`${source}: ${documents} document(s) were migrated to the workspace's schema on the way in (${steps.map((s) => describeMigration(s.op)).join('; ')})`);
    }
    const labels = this.relationTypes.finish(this.labels.outcome());
    this.warnings.push(...describeOutcome(labels));
    return { documents: this.documents, entities: [...this.entities.values()].map((e) => e.entity), warnings: this.warnings, labels };
  }
}

function checkSpan(text: string, s: { start: number; end: number; quote: string }, path: Path): void {
  if (s.start < 0 || s.end > text.length || s.start > s.end) {
    throw new InputError(`offsets ${s.start}–${s.end} fall outside the text, which is ${text.length} UTF-16 code units long`, path);
  }
  const actual = text.slice(s.start, s.end);
  if (actual !== s.quote) {
    throw new InputError(`the quoted text ${shown(s.quote)} does not match the text at ${s.start}–${s.end}, which reads ${shown(actual)}`, [...path, 'quote']);
  }
}

/**
 * With the skip-invalid option, what a reader calls with a refused record
 * (one document): the record is left out and named in a warning with its line.
 * Without it, undefined: the first problem refuses the import.
 */
export function skipper(session: ImportSession, options: ImportOptions): ((error: ParleyError, line?: number) => void) | undefined {
  if (!options.skipInvalid) return undefined;
  return (error) => {
    session.skipped++;
    session.warnings.push(`skipped: ${formatError(error)}`);
  };
}

/**
 * Reads one record (a document) with `skip` from skipper: a bad_input problem
 * leaves the record out and names it, file, line and problem, instead of
 * refusing the import. Without `skip`, the problem is thrown.
 */
export function orSkip(skip: ((error: ParleyError) => void) | undefined, work: () => void): void {
  if (!skip) return work();
  try {
    work();
  } catch (e) {
    if (e instanceof ParleyError && e.code === 'bad_input') skip(e);
    else throw e;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A copy of `value` without the listed keys: the part of a record a format must carry as extras. */
export function omit<T extends object, K extends keyof T>(value: T, keys: readonly K[]): Omit<T, K> {
  // Copying key by key is several times faster than spreading and deleting, which sends V8 objects into dictionary mode.
  const out: Record<string, unknown> = {};
  for (const k in value) if (!(keys as readonly string[]).includes(k)) out[k] = value[k];
  return out as Omit<T, K>;
}
