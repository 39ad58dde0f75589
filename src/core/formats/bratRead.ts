/**
 * Reads brat folders, Parley's own exports and brat's alike: .txt + .ann per
 * document, and the optional .parley.json sidecar that restores what brat
 * has no place for.
 */
import { z } from 'zod';
import type { Entity, Frame, FrameTypeDef, Mention, RoleFiller } from '../model';
import { SourceSchema, STATUSES } from '../model';
import { IMPORTED_ANNOTATOR, ImportSession, isRecord, omit, type Span, TextOffsets } from './assemble';
import { bratName, bratRoleName } from './bratConf';
import { ConfPlan, parseAnnotationConf } from './bratConfRead';
import { decodeEventNote, decodeNote, SIDECAR_SUFFIX } from './bratSyntax';
import { parseAnn, type Ann, type TLine, type Targeted } from './bratAnn';
import { atLine, badInput, checkFile, extension, fileName, InputError, shown } from './input';
import { lineOfPath, parseJson, shaped } from './json';
import { UniqueIds, titleFromText } from './names';
import { listNames } from './schema';
import type { DatasetContext, DatasetDocument, ImportFile, ImportResult, ImportOptions } from './types';

const CONFIG_FILES = new Set(['annotation.conf', 'visual.conf', 'tools.conf', 'kb_shortcuts.conf']);

const SidecarSchema = z.object({
  parley: z.number().int(),
  document: z.object({ id: z.string().min(1).max(200), title: z.string(), source: SourceSchema, sha256: z.string().optional() }).optional(),
  annotator: z.string().min(1).optional(),
  status: z.enum(STATUSES).optional(),
  fields: z.record(z.string(), z.string()).optional(),
  annotations: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
  entities: z.array(z.unknown()).optional(),
});
type Sidecar = z.infer<typeof SidecarSchema>;

const SpanPairSchema = z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]);

/** Names in the file (brat-safe, maybe numbered) mapped back to the schema's names. */
class Names {
  private readonly labels = new Map<string, string>();
  private readonly frames = new Map<string, FrameTypeDef>();

  constructor(session: ImportSession) {
    for (const l of session.schema.labels) this.labels.set(l, l);
    for (const l of session.schema.labels) if (!this.labels.has(bratName(l))) this.labels.set(bratName(l), l);
    for (const f of session.schema.frameTypes.values()) this.frames.set(f.name, f);
    for (const f of session.schema.frameTypes.values()) if (!this.frames.has(bratName(f.name))) this.frames.set(bratName(f.name), f);
  }

  label(type: string): string | undefined {
    return this.labels.get(type);
  }

  frame(type: string): FrameTypeDef | undefined {
    return this.frames.get(type);
  }

  /** "Party2" → Party, position 2; a role named with digits of its own is matched first. */
  role(def: FrameTypeDef, written: string): { role: string; number: number } | undefined {
    const find = (name: string) => def.roles.find((r) => r.name === name) ?? def.roles.find((r) => bratRoleName(r) === name || bratName(r.name) === name);
    const whole = find(written);
    if (whole) return { role: whole.name, number: 1 };
    const digits = /\d+$/.exec(written)?.[0] ?? '';
    for (let k = 1; k <= digits.length; k++) {
      const r = find(written.slice(0, written.length - k));
      if (r) return { role: r.name, number: Number(written.slice(written.length - k)) };
    }
    return undefined;
  }

  attribute(def: FrameTypeDef, written: string): string {
    return def.attributes.find((a) => a.name === written || bratName(a.name) === written)?.name ?? written;
  }
}

interface DocumentFiles {
  stem: string;
  txt?: ImportFile;
  ann?: ImportFile;
  sidecar?: ImportFile;
}

function groupFiles(files: ImportFile[], warnings: string[]): DocumentFiles[] {
  const groups = new Map<string, DocumentFiles>();
  const group = (stem: string) => {
    let g = groups.get(stem);
    if (!g) groups.set(stem, (g = { stem }));
    return g;
  };
  for (const f of files) {
    const name = fileName(f.path);
    if (f.path.endsWith(SIDECAR_SUFFIX)) group(f.path.slice(0, -SIDECAR_SUFFIX.length)).sidecar = f;
    else if (extension(f.path) === 'ann') group(f.path.slice(0, -4)).ann = f;
    else if (extension(f.path) === 'txt') group(f.path.slice(0, -4)).txt = f;
    else if (!CONFIG_FILES.has(name)) warnings.push(`${f.path}: not a brat file (.txt, .ann or ${SIDECAR_SUFFIX}); ignored`);
  }
  for (const g of groups.values()) {
    if (!g.txt) {
      const f = g.ann ?? g.sidecar!;
      throw badInput(`no matching ${g.stem}.txt; brat keeps each document's text next to its .ann file`, f.path);
    }
  }
  return [...groups.values()];
}

export function readBrat(files: ImportFile[], ctx: DatasetContext, options: ImportOptions = {}): ImportResult {
  const session = new ImportSession(ctx, options);
  // The folder's own schema (the shallowest annotation.conf) decides on the types it declares before any document is read.
  const confFile = files.filter((f) => fileName(f.path) === 'annotation.conf').sort((a, b) => a.path.split('/').length - b.path.split('/').length)[0];
  const plan = confFile ? new ConfPlan(parseAnnotationConf(confFile.path, checkFile(confFile, session.warnings)), session, options.labels ?? {}) : undefined;
  const names = new Names(session);
  const ids = new UniqueIds();
  for (const g of groupFiles(files, session.warnings)) new DocumentReader(g, session, names, plan).read(ids);
  const result = session.result();
  return plan ? plan.finish(result) : result;
}

function readSidecar(file: ImportFile | undefined, session: ImportSession): Sidecar | undefined {
  if (!file) return undefined;
  const text = checkFile(file, session.warnings);
  const value = parseJson(text, file.path);
  try {
    const sidecar = shaped(SidecarSchema, value);
    for (const [i, e] of (sidecar.entities ?? []).entries()) session.entity(e, file.path, ['entities', i]);
    return sidecar;
  } catch (e) {
    if (e instanceof InputError) throw badInput(e.message, file.path, lineOfPath(text, e.path));
    throw e;
  }
}

type Placed = { role: string; number: number; order: number; filler: RoleFiller };

/** Reads one document: its text, its .ann lines and its sidecar, if any. */
class DocumentReader {
  private readonly text: string;
  private readonly offsets: TextOffsets;
  private readonly sidecar: Sidecar | undefined;
  private readonly extras: Record<string, Record<string, unknown>>;
  private readonly annPath: string;
  private readonly ann: Ann;
  private readonly annotator: string;
  private readonly byTarget = new Map<string, Targeted[]>();
  private readonly events: Set<string>;
  private readonly textBound: Map<string, TLine>;
  /** .ann T id → mention id */
  private readonly mentionOf = new Map<string, string>();

  constructor(
    private readonly files: DocumentFiles,
    private readonly session: ImportSession,
    private readonly names: Names,
    private readonly plan?: ConfPlan,
  ) {
    // brat counts a byte-order mark as a character, so it stays.
    this.text = checkFile(files.txt!, session.warnings, true);
    this.offsets = new TextOffsets(this.text, 'codepoint');
    this.sidecar = readSidecar(files.sidecar, session);
    this.extras = this.sidecar?.annotations ?? {};
    this.annPath = files.ann?.path ?? `${files.stem}.ann`;
    this.ann = parseAnn({ path: this.annPath, text: files.ann ? checkFile(files.ann, session.warnings) : '' }, session.warnings);
    this.annotator = this.sidecar?.annotator ?? IMPORTED_ANNOTATOR;
    this.events = new Set(this.ann.es.map((e) => e.id));
    this.textBound = new Map(this.ann.ts.map((t) => [t.id, t]));
    for (const x of this.ann.targeted) {
      if (!this.ann.ids.has(x.target)) throw badInput(`${x.id} refers to ${x.target}, which the file does not define`, this.annPath, x.line);
      const list = this.byTarget.get(x.target);
      if (list) list.push(x);
      else this.byTarget.set(x.target, [x]);
    }
  }

  read(ids: UniqueIds): void {
    const mentions = this.mentions();
    // Events of a type annotation.conf declares and the workspace lacks are read only once it is added.
    const events = this.ann.es.filter((ev) => !this.plan || this.at(ev.line, () => this.plan!.takesEvent(ev.type, this.sidecar?.document?.id ?? fileName(this.files.stem))));
    const frames = events.map((ev) => this.at(ev.line, () => this.frame(ev)));
    frames.push(...this.relationFrames(mentions));
    for (const x of this.ann.targeted) {
      if (!this.mentionOf.has(x.target) && !this.events.has(x.target)) this.warn(x.line, `${x.id} is attached to ${x.target}, which is neither a mention nor an event; skipped`);
    }
    const { stem, txt } = this.files;
    const side = this.sidecar?.document;
    const doc: DatasetDocument = {
      document: {
        id: side?.id ?? ids.take(fileName(stem)),
        title: side?.title ?? titleFromText(this.text, stem),
        text: this.text,
        source: side?.source ?? { file: txt!.path },
        ...(side?.sha256 !== undefined ? { sha256: side.sha256 } : {}),
      },
      annotator: this.annotator,
      status: this.sidecar?.status ?? (mentions.length || frames.length ? 'in_progress' : 'not_started'),
      mentions,
      frames,
      fields: this.sidecar?.fields ?? {},
    };
    atLine(this.annPath, undefined, () => this.session.finish(doc));
  }

  private at<T>(line: number, work: () => T): T {
    return atLine(this.annPath, line, work);
  }

  private warn(line: number, message: string): void {
    this.session.warnings.push(`${this.annPath}:${line}: ${message}`);
  }

  /** The span a T line covers, checked against its text column as brat does. */
  private spanOf(t: TLine): Span {
    return this.at(t.line, () => {
      const frags = t.frags.map(([s, e]) => this.offsets.span(s, e)).sort((a, b) => a.start - b.start);
      const expected = frags.map((f) => this.text.slice(f.start, f.end)).join(' ');
      // brat's own rule: the text column starts with the fragments' texts joined by spaces.
      const rest = t.tail.slice(expected.length);
      if (!t.tail.startsWith(expected) || (rest !== '' && !/^\s/u.test(rest))) {
        throw new InputError(`the text of ${t.id}, ${shown(t.tail)}, does not match the text at its offsets, ${shown(expected)}`);
      }
      for (let i = 1; i < frags.length; i++) {
        if (/\S/u.test(this.text.slice(frags[i - 1].end, frags[i].start))) {
          this.warn(t.line, `${t.id} is discontinuous; imported as one span from its first to its last fragment`);
          break;
        }
      }
      return { start: frags[0].start, end: frags[frags.length - 1].end };
    });
  }

  /** The exact offsets the sidecar kept for a span that starts or ends on a line break. */
  private exactSpan(id: string, key: 'span' | 'evidence', found: Span): Span {
    const raw = this.extras[id]?.[key];
    if (raw === undefined) return found;
    const pair = SpanPairSchema.safeParse(raw);
    if (pair.success && pair.data[0] <= found.start && found.end <= pair.data[1] && pair.data[1] <= this.text.length) return { start: pair.data[0], end: pair.data[1] };
    this.session.warnings.push(`${this.files.sidecar?.path}: the ${key} kept for ${id} does not fit its fragments; the fragments were used`);
    return found;
  }

  /** Mentions: text-bound lines that are not event triggers, with their notes, links and attributes. */
  private mentions(): Mention[] {
    const triggers = new Set(this.ann.es.map((e) => e.trigger));
    const mentions: Mention[] = [];
    const linked: Entity[] = [];
    for (const t of this.ann.ts) {
      if (triggers.has(t.id)) continue;
      const known = this.names.label(t.type);
      if (known === undefined && this.names.frame(t.type)) {
        this.warn(t.line, `${t.id} is a ${t.type} trigger without an event; skipped`);
        continue;
      }
      // A type the schema lacks goes to the label map, which the import plan asks about.
      const label = known ?? t.type;
      const span = this.exactSpan(t.id, 'span', this.spanOf(t));
      const parts: Record<string, unknown> = omit(this.extras[t.id] ?? {}, ['span']);
      for (const x of this.byTarget.get(t.id) ?? []) {
        if (x.kind === '#' && x.type === 'AnnotatorNotes') {
          const note = decodeNote(x.text);
          parts.note = typeof parts.note === 'string' ? `${parts.note}\n${note}` : note;
        } else if (x.kind === 'N') {
          if (parts.entityId !== undefined) this.warn(x.line, `${t.id} is linked to more than one entity; kept the first`);
          else {
            parts.entityId = x.value;
            linked.push({ id: x.value!, type: label, name: x.text.trim() || x.value!, aliases: [] });
          }
        } else if (x.kind === 'A') {
          parts.attrs = { ...(isRecord(parts.attrs) ? parts.attrs : {}), [x.type]: x.value ?? 'true' };
        } else this.warn(x.line, `${x.id}: "${x.type}" comments are not imported`);
      }
      const quote = this.text.slice(span.start, span.end);
      const mention = this.at(t.line, () => this.session.mention({ label, start: span.start, end: span.end, quote }, parts, this.annotator));
      this.mentionOf.set(t.id, mention.id);
      mentions.push(mention);
    }
    // brat knows entities only by reference; those the sidecar and the workspace lack are made from the N lines.
    for (const e of linked) if (!this.session.isKnownEntity(e.id)) this.session.entity(e, this.annPath);
    return mentions;
  }

  /** A frame from an event: its trigger as evidence, arguments and noted fillers in order, attributes, note. */
  private frame(ev: Ann['es'][number]): Frame {
    const trigger = this.textBound.get(ev.trigger);
    if (!trigger || trigger.type !== ev.type) throw new InputError(`${ev.id} needs a text-bound trigger ${ev.trigger} of type ${ev.type}`);
    const def = this.names.frame(ev.type);
    if (!def) throw new InputError(`unknown frame type ${JSON.stringify(ev.type)}; expected one of ${listNames(this.session.schema.frameTypes.keys())}`);
    const evidence = this.exactSpan(ev.id, 'evidence', this.spanOf(trigger));
    const placed: Placed[] = [];
    const roleOf = (written: string) => {
      const r = this.names.role(def, written);
      if (!r) throw new InputError(`${def.name} has no role ${JSON.stringify(written)}; expected ${listNames(def.roles.map((x) => x.name))}`);
      return r;
    };
    for (const arg of ev.args) {
      const r = roleOf(arg.role);
      const mentionId = this.mentionOf.get(arg.ref);
      if (mentionId !== undefined) placed.push({ ...r, order: placed.length, filler: { kind: 'mention', mentionId } });
      else if (this.ann.ids.has(arg.ref)) this.warn(ev.line, `${ev.id}: the ${arg.role} argument ${arg.ref} is not a mention; skipped`);
      else throw new InputError(`${ev.id} refers to ${arg.ref}, which the file does not define`);
    }
    const extra = this.extras[ev.id] ?? {};
    const attrs: Record<string, string> = isRecord(extra.attrs) ? { ...(extra.attrs as Record<string, string>) } : {};
    let note: string | undefined;
    for (const x of this.byTarget.get(ev.id) ?? []) {
      if (x.kind === 'A') attrs[this.names.attribute(def, x.type)] = x.value ?? 'true';
      else if (x.kind === '#' && x.type === 'AnnotatorNotes') {
        const decoded = this.at(x.line, () => decodeEventNote(x.text));
        if (decoded.note !== undefined) note = note === undefined ? decoded.note : `${note}\n${decoded.note}`;
        for (const f of decoded.fillers) {
          const r = this.at(x.line, () => roleOf(f.role));
          placed.push({ ...r, order: placed.length, filler: f.kind === 'entity' ? { kind: 'entity', entityId: f.value } : { kind: 'topic', text: f.value } });
        }
      } else this.warn(x.line, `${x.id}: ${x.kind === 'N' ? 'entity links on events' : `"${x.type}" comments`} are not imported`);
    }
    placed.sort((a, b) => a.number - b.number || a.order - b.order);
    const roles: Record<string, RoleFiller[]> = {};
    if (Array.isArray(extra.emptyRoles)) for (const r of extra.emptyRoles) if (typeof r === 'string') roles[r] = [];
    for (const p of placed) (roles[p.role] ??= []).push(p.filler);
    const core = { type: def.name, evidence: { ...evidence, quote: this.text.slice(evidence.start, evidence.end) }, roles, attrs };
    return this.session.frame({ ...omit(extra, ['attrs', 'emptyRoles', 'evidence']), ...core, ...(note !== undefined ? { note } : {}) }, this.annotator);
  }

  /**
   * brat relations become frames when their type is a frame type and both
   * arguments are roles of it (e.g. "R1	Stance Holder:T1 Target:T2"); the
   * evidence is then the stretch of text from the first argument to the
   * last. Other relations have no place in Parley's model and are reported.
   */
  private relationFrames(mentions: Mention[]): Frame[] {
    const byId = new Map(mentions.map((m) => [m.id, m]));
    const frames: Frame[] = [];
    for (const r of this.ann.rs) {
      const def = this.names.frame(r.type);
      const roles = def ? r.args.map((a) => this.names.role(def, a.role)) : [];
      const args = r.args.map((a) => byId.get(this.mentionOf.get(a.ref) ?? ''));
      if (!def || roles.some((x) => !x) || args.some((m) => !m)) {
        this.warn(r.line, `relation ${r.id} (${r.type}) is not a frame of the schema; skipped`);
        continue;
      }
      const start = Math.min(...args.map((m) => m!.start));
      const end = Math.max(...args.map((m) => m!.end));
      const filled: Record<string, RoleFiller[]> = {};
      args.forEach((m, i) => (filled[roles[i]!.role] ??= []).push({ kind: 'mention', mentionId: m!.id }));
      const evidence = { start, end, quote: this.text.slice(start, end) };
      frames.push(this.at(r.line, () => this.session.frame({ type: def.name, evidence, roles: filled, attrs: {} }, this.annotator)));
    }
    return frames;
  }
}
