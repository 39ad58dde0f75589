/**
 * The import side shared by all readers: offsets in the file's unit turned
 * into checked UTF-16 spans, mentions and frames validated against the model
 * and the schema, entities gathered across files, and the final result.
 * Readers throw on the first problem, so an import is all or nothing.
 */
import { formatError, type ParleyError } from '../errors';
import { newId } from '../ids';
import { EntitySchema, FrameSchema, MentionSchema, type Entity, type Frame, type Mention } from '../model';
import { CodePointIndex } from '../text';
import { InputError, shown } from './input';
import { describePath, shaped } from './json';
import { indexSchema, listNames, type SchemaIndex } from './schema';
import { describeOutcome, LabelResolver } from './labelmap';
import type { DatasetContext, DatasetDocument, ImportOptions, ImportResult, ReadUnit } from './types';

type Path = readonly (string | number)[];

/** The annotator of documents read from files that do not say whose labels they hold; the caller may rename it. */
export const IMPORTED_ANNOTATOR = 'imported';

export interface Span {
  start: number;
  end: number;
}

const UNIT_NAMES: Record<ReadUnit, string> = { codepoint: 'code points', utf16: 'UTF-16 code units', grapheme: 'grapheme clusters' };
const UNITS: readonly ReadUnit[] = ['utf16', 'codepoint', 'grapheme'];

let segmenter: Intl.Segmenter | null = null;
/** Where each grapheme cluster starts (UTF-16 indices), then the text's length. */
function clusterStarts(text: string): number[] {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  const starts: number[] = [];
  for (const s of segmenter.segment(text)) starts.push(s.index);
  starts.push(text.length);
  return starts;
}
const NON_ASCII = /[^\t\n\r\x20-\x7e]/;

/** Who counts offsets in a file's unit, for messages: which tool, and how to read the file in the other unit. */
export interface UnitHint {
  /** The tool whose files count in the reader's unit, e.g. "Label Studio". */
  tool: string;
  /** Whether the reader may be re-run in the other unit (Label Studio and doccano: `--offsets`). */
  switchable: boolean;
  /** The units the tool's versions have counted in, to suggest; utf16 and codepoint unless said. */
  units?: readonly ReadUnit[];
  /** Called once per text that holds astral characters and whose offsets no quote confirmed. */
  unchecked?: () => void;
}

function rerun(unit: ReadUnit): string {
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
  private starts: number[] | null = null;
  /** Per UTF-16 index: 1 when it lies inside a grapheme cluster of non-ASCII characters (a surrogate pair, an emoji sequence, a letter and its accent). */
  private inside: Uint8Array | null = null;

  constructor(
    readonly text: string,
    readonly unit: ReadUnit,
    private readonly hint?: UnitHint,
  ) {
    this.index = new CodePointIndex(text);
    this.length = this.lengthIn(unit);
  }

  private get unitName(): string {
    return UNIT_NAMES[this.unit];
  }

  private lengthIn(unit: ReadUnit): number {
    if (unit === 'codepoint') return this.index.toCodePoint(this.text.length);
    if (unit === 'grapheme') return this.clusters().length - 1;
    return this.text.length;
  }

  private clusters(): number[] {
    this.starts ??= clusterStarts(this.text);
    return this.starts;
  }

  /** The span in model offsets, or null when the offsets do not fit the text in `unit`. */
  private convert(s: number, e: number, unit: ReadUnit): Span | null {
    if (s < 0 || s > e || e > this.lengthIn(unit)) return null;
    if (unit === 'utf16') return { start: s, end: e };
    if (unit === 'grapheme') return { start: this.clusters()[s], end: this.clusters()[e] };
    return { start: this.index.fromCodePoint(s), end: this.index.fromCodePoint(e) };
  }

  /** Whether a UTF-16 position falls inside a character as a reader sees it. */
  private splits(pos: number): boolean {
    if (!this.inside) {
      this.inside = new Uint8Array(this.text.length + 1);
      if (NON_ASCII.test(this.text)) {
        const starts = this.clusters();
        for (let i = 0; i + 1 < starts.length; i++) {
          if (starts[i + 1] - starts[i] > 1 && NON_ASCII.test(this.text.slice(starts[i], starts[i + 1]))) this.inside.fill(1, starts[i] + 1, starts[i + 1]);
        }
      }
    }
    return this.inside[pos] === 1;
  }

  /**
   * Refuses a span that starts or ends inside a surrogate pair (half of an
   * emoji), or inside a grapheme cluster when the quote fits another unit: the
   * file counts in another unit. Names the unit in which the offsets land on
   * character boundaries and fit the quote.
   * Only for formats whose tools have counted in several units.
   */
  private checkBoundaries(span: Span, s: number, e: number, quote: unknown, path: Path): void {
    if (!this.hint?.switchable) return;
    const at = this.splits(span.start) ? span.start : this.splits(span.end) ? span.end : -1;
    if (at < 0) return;
    const starts = this.clusters();
    let c = 0;
    while (starts[c + 1] <= at) c++;
    const ch = this.text.slice(starts[c], starts[c + 1]);
    const what = ch.length === 2 && /[\uD800-\uDBFF]/.test(ch[0]) ? 'a surrogate pair' : 'a grapheme cluster';
    const fits = (this.hint.units ?? UNITS.slice(0, 2)).filter((u) => {
      if (u === this.unit) return false;
      const there = this.convert(s, e, u);
      if (!there || this.splits(there.start) || this.splits(there.end)) return false;
      return quote === undefined || this.text.slice(there.start, there.end) === quote;
    });
    // A span may end inside a cluster on purpose (a letter without its accent): only a fitting other unit shows the file counts differently.
    if (what === 'a grapheme cluster' && (!fits.length || quote === undefined || s === e)) return;
    const todo = fits.length
      ? `counted in ${fits.map((u) => UNIT_NAMES[u]).join(' or in ')} they land on character boundaries${quote === undefined ? '' : ' and match the quoted text'}; nothing was imported; ${fits.length === 1 ? rerun(fits[0]) : `re-run the import with the offsets option set to the unit the tool counted in (${fits.map((u) => `--offsets ${u}`).join(' or ')})`}`
      : `no unit (UTF-16 code units, code points, grapheme clusters) makes them land on character boundaries; nothing was imported; check the tool that wrote the file`;
    throw new InputError(`offsets ${s}–${e} counted in ${this.unitName} split the character ${JSON.stringify(ch)} (${what}): the file counts another way; ${todo}`, path);
  }

  /** A span whose file gives no quote: in astral text, the unit is assumed, and the reader is told once. */
  span(start: unknown, end: unknown, path: Path = []): Span {
    const span = this.checked(start, end, path);
    this.checkBoundaries(span, start as number, end as number, undefined, path);
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
   * that fits only under another unit is named as such. Without a quote it
   * is `span()`.
   */
  quoted(start: unknown, end: unknown, quote: unknown, path: Path = [], quotePath: Path = path): { span: Span; quote: string } {
    if (quote === undefined) {
      const span = this.span(start, end, path);
      return { span, quote: this.text.slice(span.start, span.end) };
    }
    const span = this.checked(start, end, path);
    const checkedQuote = this.quote(span, quote, quotePath, start as number, end as number);
    this.checkBoundaries(span, start as number, end as number, quote, path);
    return { span, quote: checkedQuote };
  }

  /**
   * `quoted()` for a tool that re-saves a region's text without its line
   * breaks (Label Studio 1.4.0): when the quote and the text at the offsets
   * differ only in white space, the offsets win and `warn` names the difference.
   */
  quotedAcrossLines(start: unknown, end: unknown, quote: unknown, path: Path, quotePath: Path, warn: (message: string) => void): { span: Span; quote: string } {
    if (typeof quote === 'string' && Number.isInteger(start) && Number.isInteger(end)) {
      const span = this.convert(start as number, end as number, this.unit);
      const actual = span ? this.text.slice(span.start, span.end) : undefined;
      if (span && actual !== undefined && actual !== quote && /[\r\n]/.test(actual) && actual.replace(/\s+/g, '') === quote.replace(/\s+/g, '')) {
        warn(`${describePath(path)}: the region's text ${shown(quote)} lacks the line breaks of the text at ${String(start)}–${String(end)}, which reads ${shown(actual.replace(/\r?\n/g, '⏎'))} (Label Studio 1.4.0 saves multi-line regions so); matched by offsets`);
        return this.quoted(start, end, undefined, path, quotePath);
      }
    }
    return this.quoted(start, end, quote, path, quotePath);
  }

  /** The span's text, checked against the quote the file gives for it (if any). */
  quote(span: Span, quote: unknown, path: Path = [], fileStart?: number, fileEnd?: number): string {
    const actual = this.text.slice(span.start, span.end);
    if (quote !== undefined && quote !== actual) {
      const at = `${fileStart ?? span.start}–${fileEnd ?? span.end}`;
      const shownQuote = typeof quote === 'string' ? shown(quote) : JSON.stringify(quote);
      const other = fileStart !== undefined && fileEnd !== undefined ? UNITS.find((u) => this.isAt(u, fileStart, fileEnd, quote)) : undefined;
      if (other) {
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

  private isAt(unit: ReadUnit, s: number, e: number, quote: unknown): boolean {
    if (unit === this.unit || !(this.hint?.units ?? UNITS.slice(0, 2)).includes(unit)) return false;
    const there = this.convert(s, e, unit);
    return there !== null && this.text.slice(there.start, there.end) === quote;
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
  /** Records left out with the skip-invalid option. */
  skipped = 0;
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
