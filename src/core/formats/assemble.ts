/**
 * The import side shared by all readers: offsets in the file's unit turned
 * into checked UTF-16 spans, mentions and frames validated against the model
 * and the schema, entities gathered across files, and the final result.
 * Readers throw on the first problem, so an import is all or nothing.
 */
import { newId } from '../ids';
import { EntitySchema, FrameSchema, MentionSchema, type Entity, type Frame, type Mention } from '../model';
import { CodePointIndex } from '../text';
import { InputError, shown } from './input';
import { shaped } from './json';
import { indexSchema, listNames, type SchemaIndex } from './schema';
import { describeOutcome, LabelResolver } from './labelmap';
import type { DatasetContext, DatasetDocument, ImportOptions, ImportResult, OffsetUnit } from './types';

type Path = readonly (string | number)[];

/** The annotator of documents read from files that do not say whose labels they hold; the caller may rename it. */
export const IMPORTED_ANNOTATOR = 'imported';

export interface Span {
  start: number;
  end: number;
}

const UNIT_NAMES: Record<OffsetUnit, string> = { codepoint: 'code points', utf16: 'UTF-16 code units' };

/** Who counts offsets in a file's unit, for messages: which tool, and how to read the file in the other unit. */
export interface UnitHint {
  /** The tool whose files count in the reader's unit, e.g. "Label Studio". */
  tool: string;
  /** Whether the reader may be re-run in the other unit (Label Studio and doccano: `--offsets`). */
  switchable: boolean;
  /** Called once per text that holds astral characters and whose offsets no quote confirmed. */
  unchecked?: () => void;
}

function rerun(unit: OffsetUnit): string {
  return `re-run the import with the offsets option set to ${unit} (--offsets ${unit})`;
}

/**
 * Converts spans counted in a file's unit (UTF-16 or code points) to model
 * offsets, checking them on the way. A quote that does not match is tried in
 * the other unit: when it matches there, the error says the file counts the
 * other way and how to read it so; offsets are never shifted silently.
 */
export class TextOffsets {
  private readonly index: CodePointIndex;
  /** The text's length in the file's unit. */
  readonly length: number;
  private reported = false;

  constructor(
    readonly text: string,
    readonly unit: OffsetUnit,
    private readonly hint?: UnitHint,
  ) {
    this.index = new CodePointIndex(text);
    this.length = unit === 'codepoint' ? this.index.toCodePoint(text.length) : text.length;
  }

  private get unitName(): string {
    return UNIT_NAMES[this.unit];
  }

  /** The span in model offsets, or null when the offsets do not fit the text in `unit`. */
  private convert(s: number, e: number, unit: OffsetUnit): Span | null {
    if (unit === 'utf16') {
      if (s < 0 || e > this.text.length || s > e) return null;
      return { start: s, end: e };
    }
    const max = this.index.toCodePoint(this.text.length);
    if (s < 0 || e > max || s > e) return null;
    return { start: this.index.fromCodePoint(s), end: this.index.fromCodePoint(e) };
  }

  /** A span whose file gives no quote: in astral text, the unit is assumed, and the reader is told once. */
  span(start: unknown, end: unknown, path: Path = []): Span {
    const span = this.checked(start, end, path);
    if (this.index.hasAstral && !this.reported) {
      this.reported = true;
      this.hint?.unchecked?.();
    }
    return span;
  }

  private checked(start: unknown, end: unknown, path: Path): Span {
    if (!Number.isInteger(start) || !Number.isInteger(end)) {
      throw new InputError(`expected whole-number offsets, found ${JSON.stringify(start)} and ${JSON.stringify(end)}`, path);
    }
    const span = this.convert(start as number, end as number, this.unit);
    if (!span) throw new InputError(`offsets ${String(start)}–${String(end)} fall outside the text, which is ${this.length} ${this.unitName} long`, path);
    return span;
  }

  /**
   * A span the file quotes: offsets and quote are checked together; a quote
   * that fits only under the other unit is named as such. Without a quote it
   * is `span()`.
   */
  quoted(start: unknown, end: unknown, quote: unknown, path: Path = [], quotePath: Path = path): { span: Span; quote: string } {
    if (quote === undefined) {
      const span = this.span(start, end, path);
      return { span, quote: this.text.slice(span.start, span.end) };
    }
    const span = this.checked(start, end, path);
    return { span, quote: this.quote(span, quote, quotePath, start as number, end as number) };
  }

  /** The span's text, checked against the quote the file gives for it (if any). */
  quote(span: Span, quote: unknown, path: Path = [], fileStart?: number, fileEnd?: number): string {
    const actual = this.text.slice(span.start, span.end);
    if (quote !== undefined && quote !== actual) {
      const at = `${fileStart ?? span.start}–${fileEnd ?? span.end}`;
      const shownQuote = typeof quote === 'string' ? shown(quote) : JSON.stringify(quote);
      const other: OffsetUnit = this.unit === 'utf16' ? 'codepoint' : 'utf16';
      const there = fileStart !== undefined && fileEnd !== undefined ? this.convert(fileStart, fileEnd, other) : null;
      if (there && this.text.slice(there.start, there.end) === quote) {
        const who = this.hint ? `, as ${this.hint.tool} does` : '';
        const todo = this.hint?.switchable ? rerun(other) : `convert the offsets to ${this.unitName}`;
        throw new InputError(
          `the quoted text ${shownQuote} is at ${at} counted in ${UNIT_NAMES[other]}, not in ${this.unitName}${who}: the file was written by a tool that counts the other way; nothing was imported; ${todo}`,
          path,
        );
      }
      throw new InputError(`the quoted text ${shownQuote} does not match the text at ${at}, which reads ${shown(actual)}`, path);
    }
    return actual;
  }
}

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
  /** When a file does not say who made an annotation or when. */
  readonly createdAt = new Date().toISOString();
  private readonly registry: Set<string>;
  private readonly entities = new Map<string, { entity: Entity; file: string }>();
  private readonly documents: DatasetDocument[] = [];
  private readonly seen = new Set<string>();

  private readonly labels: LabelResolver;

  constructor(ctx: DatasetContext, options: ImportOptions = {}) {
    this.schema = indexSchema(ctx.schema);
    this.registry = new Set(ctx.entities.map((e) => e.id));
    this.labels = new LabelResolver(this.schema.labels, options.labels);
  }

  /** How a reader names its unit in messages; warns once for the file when astral text had no quote to check offsets against. */
  unitHint(file: string, tool: string, unit: OffsetUnit, switchable: boolean): UnitHint {
    let told = false;
    const other: OffsetUnit = unit === 'utf16' ? 'codepoint' : 'utf16';
    return {
      tool,
      switchable,
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
    doc.mentions.forEach((m, i) => this.checkLabel(m.label, [...path, 'mentions', i, 'label']));
    doc = this.resolveLabels(doc);
    const ids = new Set<string>();
    doc.mentions.forEach((m, i) => {
      const at = [...path, 'mentions', i];
      checkSpan(text, m, at);
      if (ids.has(m.id)) throw new InputError(`two mentions have the id ${m.id}; expected unique ids`, [...at, 'id']);
      ids.add(m.id);
    });
    const frameIds = new Set<string>();
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
    const labels = this.labels.outcome();
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
