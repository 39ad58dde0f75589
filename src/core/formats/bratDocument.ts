/**
 * One brat document read into a layer: T lines become mentions (several
 * fragments where the span is discontinuous), E lines frames with their
 * trigger as evidence, R lines relation frames and `*` lines equivalence
 * frames (their evidence the stretch from the first argument to the last),
 * events and relations may be arguments of events; A and M lines are
 * attributes, N lines entity links, `#` lines the analyst's note
 * (AnnotatorNotes) or typed comments (Lemma…) on whatever they annotate.
 */
import { z } from 'zod';
import { newId } from '../ids';
import type { Entity, Frame, FrameTypeDef, Mention, RoleFiller } from '../model';
import { IMPORTED_ANNOTATOR, ImportSession, isRecord, omit, type Span, TextOffsets } from './assemble';
import type { ConfPlan } from './bratConfRead';
import { stretchOf } from './bratFrames';
import { decodeEventNote, decodeNote, joinFragments, NOTE_TYPE, PROVENANCE_TYPE } from './bratSyntax';
import { parseAnn, type Ann, type ELine, type EqLine, type RLine, type TLine, type Targeted } from './bratAnn';
import type { DocumentFiles, Names, Sidecar } from './bratNames';
import { atLine, checkFile, fileName, InputError, shown } from './input';
import { titleFromText, type UniqueIds } from './names';
import { listNames } from './schema';
import type { DatasetDocument } from './types';

const SpanPairSchema = z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]);
const FragmentListSchema = z.array(SpanPairSchema).min(2);

type Placed = { role: string; number: number; order: number; filler: RoleFiller };
/** A line that becomes a frame, with the frame type it was resolved to. */
type FrameLine = { kind: 'E'; line: ELine; def: FrameTypeDef } | { kind: 'R'; line: RLine; def: FrameTypeDef } | { kind: '*'; line: EqLine; def: FrameTypeDef };

export class DocumentReader {
  private readonly text: string;
  private readonly offsets: TextOffsets;
  private readonly extras: Record<string, Record<string, unknown>>;
  private readonly annPath: string;
  private readonly ann: Ann;
  private readonly annotator: string;
  private readonly docId: string | undefined;
  private readonly byTarget = new Map<string, Targeted[]>();
  private readonly textBound: Map<string, TLine>;
  /** .ann T id → mention */
  private readonly mentionOf = new Map<string, Mention>();
  /** .ann E, R or * id → the frame line it becomes, with the frame's id */
  private readonly frameOf = new Map<string, FrameLine & { id: string }>();
  private readonly evidence = new Map<string, Span>();
  /** Entities the N lines link to, as brat names them. */
  private linked: Entity[] = [];
  /** `#` lines on attribute lines, kept as the attribute's comments. */
  private readonly onAttributes = new Set<string>();

  constructor(
    private readonly files: DocumentFiles,
    private readonly session: ImportSession,
    private readonly names: Names,
    private readonly sidecar: Sidecar | undefined,
    private readonly plan?: ConfPlan,
  ) {
    // brat counts a byte-order mark as a character, so it stays.
    this.text = checkFile(files.txt!, session.warnings, true);
    this.offsets = new TextOffsets(this.text, 'codepoint');
    this.extras = this.sidecar?.annotations ?? {};
    this.annPath = files.ann?.path ?? `${files.stem}.ann`;
    this.ann = parseAnn({ path: this.annPath, text: files.ann ? checkFile(files.ann, session.warnings) : '' });
    this.annotator = this.sidecar?.annotator ?? IMPORTED_ANNOTATOR;
    this.docId = this.sidecar?.document?.id;
    this.textBound = new Map(this.ann.ts.map((t) => [t.id, t]));
    for (const x of this.ann.targeted) {
      if (!this.ann.ids.has(x.target) || x.target === '*') throw atLine(this.annPath, x.line, () => new InputError(`${x.id} refers to ${x.target}, which the file does not define`));
      const list = this.byTarget.get(x.target);
      if (list) list.push(x);
      else this.byTarget.set(x.target, [x]);
    }
  }

  read(ids: UniqueIds): void {
    const mentions = this.mentions();
    const lines = this.frameLines();
    const frames = lines.map((f) => this.at(f.line.line, () => this.frame(f)));
    for (const x of this.ann.targeted) {
      if (!this.mentionOf.has(x.target) && !this.frameOf.has(x.target) && !this.onAttributes.has(x.id)) this.warn(x.line, `${x.id} is attached to ${x.target}, which is neither a mention nor a frame; skipped`);
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
    // brat knows entities only by reference; those the sidecar and the workspace lack are made from the N lines, once the document is in.
    for (const e of this.linked) if (!this.session.isKnownEntity(e.id)) this.session.entity(e, this.annPath);
  }

  private at<T>(line: number, work: () => T): T {
    return atLine(this.annPath, line, work);
  }

  private warn(line: number, message: string): void {
    this.session.warnings.push(`${this.annPath}:${line}: ${message}`);
  }

  private get documentName(): string {
    return this.docId ?? fileName(this.files.stem);
  }

  /** The pieces a T line covers (pieces cut at line breaks joined again), checked against its text column as brat does. */
  private piecesOf(t: TLine): [number, number][] {
    return this.at(t.line, () => {
      const frags = t.frags.map(([s, e]) => this.offsets.span(s, e)).sort((a, b) => a.start - b.start);
      const expected = frags.map((f) => this.text.slice(f.start, f.end)).join(' ');
      // brat's own rule: the text column starts with the fragments' texts joined by spaces.
      const rest = t.tail.slice(expected.length);
      if (!t.tail.startsWith(expected) || (rest !== '' && !/^\s/u.test(rest))) {
        throw new InputError(`the text of ${t.id}, ${shown(t.tail)}, does not match the text at its offsets, ${shown(expected)}`);
      }
      return joinFragments(
        this.text,
        frags.map((f) => [f.start, f.end]),
      );
    });
  }

  /** The exact offsets the sidecar kept for a span that starts or ends on a line break. */
  private exactSpan(id: string, key: 'span' | 'evidence', found: Span): Span {
    const raw = this.extras[id]?.[key];
    if (raw === undefined) return found;
    const pair = SpanPairSchema.safeParse(raw);
    if (pair.success && pair.data[0] <= pair.data[1] && pair.data[1] <= this.text.length) return { start: pair.data[0], end: pair.data[1] };
    this.session.warnings.push(`${this.files.sidecar?.path}: the ${key} kept for ${id} does not fit the text; the .ann's offsets were used`);
    return found;
  }

  /** A typed comment (not the analyst's note, not Parley's provenance) added to a record's comments. */
  private comment(parts: Record<string, unknown>, x: Targeted): void {
    const comments: Record<string, string> = isRecord(parts.comments) ? { ...(parts.comments as Record<string, string>) } : {};
    const text = decodeNote(x.text);
    comments[x.type] = comments[x.type] === undefined ? text : `${comments[x.type]}\n${text}`;
    parts.comments = comments;
  }

  /** The `#` lines on an attribute line (brat's notes on an attribute), added to the record's comments on that attribute. */
  private attributeComments(parts: Record<string, unknown>, name: string, line: Targeted): void {
    const notes = (this.byTarget.get(line.id) ?? []).filter((y) => y.kind === '#');
    if (!notes.length) return;
    const all: Record<string, Record<string, string>> = isRecord(parts.attrComments) ? { ...(parts.attrComments as Record<string, Record<string, string>>) } : {};
    const mine = { ...(all[name] ?? {}) };
    for (const y of notes) {
      this.onAttributes.add(y.id);
      const text = decodeNote(y.text);
      mine[y.type] = mine[y.type] === undefined ? text : `${mine[y.type]}\n${text}`;
    }
    all[name] = mine;
    parts.attrComments = all;
  }

  /** Mentions: text-bound lines that are not event triggers, with their notes, comments, links and attributes. */
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
      let pieces = this.piecesOf(t);
      const kept = FragmentListSchema.safeParse(this.extras[t.id]?.fragments);
      if (kept.success) pieces = kept.data as [number, number][];
      const span = this.exactSpan(t.id, 'span', { start: pieces[0][0], end: pieces[pieces.length - 1][1] });
      const parts: Record<string, unknown> = omit(this.extras[t.id] ?? {}, ['span', 'fragments']);
      if (pieces.length > 1) parts.fragments = pieces;
      for (const x of this.byTarget.get(t.id) ?? []) {
        if (x.kind === '#' && x.type === NOTE_TYPE) {
          const note = decodeNote(x.text);
          parts.note = typeof parts.note === 'string' ? `${parts.note}\n${note}` : note;
        } else if (x.kind === '#') {
          if (x.type !== PROVENANCE_TYPE) this.comment(parts, x);
        } else if (x.kind === 'N') {
          if (parts.entityId !== undefined) this.warn(x.line, `${t.id} is linked to more than one entity; kept the first`);
          else {
            parts.entityId = x.value;
            linked.push({ id: x.value!, type: label, name: x.text.trim() || x.value!, aliases: [] });
          }
        } else if (x.kind === 'A') {
          parts.attrs = { ...(isRecord(parts.attrs) ? parts.attrs : {}), [x.type]: x.value ?? 'true' };
          this.attributeComments(parts, x.type, x);
        }
      }
      const quote = this.text.slice(span.start, span.end);
      const mention = this.at(t.line, () => this.session.mention({ label, start: span.start, end: span.end, quote }, parts, this.annotator));
      this.mentionOf.set(t.id, mention);
      mentions.push(mention);
    }
    this.linked = linked;
    return mentions;
  }

  /** The E, R and * lines that become frames, in file order, each with its type and the id its frame will have. */
  private frameLines(): (FrameLine & { id: string })[] {
    const out: (FrameLine & { id: string })[] = [];
    const add = (f: FrameLine) => {
      const kept = this.extras[f.line.id]?.id;
      const entry = { ...f, id: typeof kept === 'string' ? kept : newId('f') };
      this.frameOf.set(f.line.id, entry);
      out.push(entry);
    };
    for (const ev of this.ann.es) {
      // Events of a type annotation.conf declares and the workspace lacks are read only once it is added.
      if (this.plan && !this.at(ev.line, () => this.plan!.takesEvent(ev.type, this.documentName))) continue;
      const def = this.names.frame(ev.type);
      if (!def) throw this.at(ev.line, () => new InputError(`unknown frame type ${JSON.stringify(ev.type)}; expected one of ${listNames(this.session.schema.frameTypes.keys())}`));
      add({ kind: 'E', line: ev, def });
    }
    for (const r of this.ann.rs) {
      const def = (this.session.relationTypes.tracks(r.type) ? undefined : this.names.frame(r.type)) ?? this.at(r.line, () => this.session.relationTypes.use(r.type, 'directed', r.args.map((a) => a.role), this.documentName));
      if (def) add({ kind: 'R', line: r, def });
    }
    for (const q of this.ann.eqs) {
      const def = (this.session.relationTypes.tracks(q.type) ? undefined : this.names.frame(q.type)) ?? this.at(q.line, () => this.session.relationTypes.use(q.type, 'equivalence', [], this.documentName));
      if (def) add({ kind: '*', line: q, def });
    }
    return out.sort((a, b) => a.line.line - b.line.line);
  }

  /** What an argument id points at: a mention, a frame, or nothing Parley keeps (a trigger, a skipped line). */
  private filler(ref: string, owner: string, role: string, line: number): RoleFiller | undefined {
    const m = this.mentionOf.get(ref);
    if (m) return { kind: 'mention', mentionId: m.id };
    const f = this.frameOf.get(ref);
    if (f) return { kind: 'frame', frameId: f.id };
    if (this.ann.ids.has(ref)) this.warn(line, `${owner}: the ${role} argument ${ref} is neither a mention nor a frame that was read; skipped`);
    else throw new InputError(`${owner} refers to ${ref}, which the file does not define`);
    return undefined;
  }

  /** A frame's evidence: an event's trigger, else the stretch over its arguments; the sidecar's exact offsets win. */
  private evidenceOf(annId: string, depth = 0): Span | undefined {
    const known = this.evidence.get(annId);
    if (known) return known;
    const m = this.mentionOf.get(annId);
    if (m) return m;
    const f = this.frameOf.get(annId);
    if (!f || depth > 50) return undefined;
    let span: Span;
    if (f.kind === 'E') {
      const pieces = this.piecesOf(this.textBound.get(f.line.trigger)!);
      span = { start: pieces[0][0], end: pieces[pieces.length - 1][1] };
    } else {
      const refs = f.kind === 'R' ? f.line.args.map((a) => a.ref) : f.line.refs;
      span = stretchOf(refs.flatMap((r) => this.evidenceOf(r, depth + 1) ?? []));
    }
    span = this.exactSpan(annId, 'evidence', span);
    this.evidence.set(annId, span);
    return span;
  }

  private frame(f: FrameLine & { id: string }): Frame {
    const def = f.def;
    const annId = f.line.id;
    const placed: Placed[] = [];
    const roleOf = (written: string, position: number) => {
      const r = this.names.role(def, written) ?? (def.relation && def.roles[position] ? { role: def.roles[position].name, number: 1 } : undefined);
      if (!r) throw new InputError(`${def.name} has no role ${JSON.stringify(written)}; expected ${listNames(def.roles.map((x) => x.name))}`);
      return r;
    };
    if (f.kind === 'E') {
      const trigger = this.textBound.get(f.line.trigger);
      if (!trigger || trigger.type !== f.line.type) throw new InputError(`${annId} needs a text-bound trigger ${f.line.trigger} of type ${f.line.type}`);
      if (this.piecesOf(trigger).length > 1) this.warn(f.line.line, `the trigger ${trigger.id} of ${annId} is discontinuous; its evidence is one span from its first fragment to its last`);
    }
    const args = f.kind === '*' ? f.line.refs.map((ref) => ({ role: def.roles[0].name, ref })) : f.line.args;
    args.forEach((arg, i) => {
      const r = f.kind === '*' ? { role: def.roles[0].name, number: i + 1 } : roleOf(arg.role, i);
      const filler = this.filler(arg.ref, annId, arg.role, f.line.line);
      if (filler) placed.push({ ...r, order: placed.length, filler });
    });
    const extra = this.extras[annId] ?? {};
    const attrs: Record<string, string> = isRecord(extra.attrs) ? { ...(extra.attrs as Record<string, string>) } : {};
    const parts: Record<string, unknown> = isRecord(extra.attrComments) ? { attrComments: extra.attrComments } : {};
    for (const x of this.byTarget.get(annId) ?? []) {
      if (x.kind === 'A') {
        const name = this.names.attribute(def, x.type);
        attrs[name] = x.value ?? 'true';
        this.attributeComments(parts, name, x);
      } else if (x.kind === '#' && x.type === NOTE_TYPE) {
        const decoded = this.at(x.line, () => decodeEventNote(x.text));
        if (decoded.note !== undefined) parts.note = parts.note === undefined ? decoded.note : `${String(parts.note)}\n${decoded.note}`;
        for (const nf of decoded.fillers) {
          const r = this.at(x.line, () => roleOf(nf.role, -1));
          placed.push({ ...r, order: placed.length, filler: nf.kind === 'entity' ? { kind: 'entity', entityId: nf.value } : { kind: 'topic', text: nf.value } });
        }
      } else if (x.kind === '#') {
        if (x.type !== PROVENANCE_TYPE) this.comment(parts, x);
      } else this.warn(x.line, `${x.id}: entity links on frames are not imported`);
    }
    placed.sort((a, b) => a.number - b.number || a.order - b.order);
    const roles: Record<string, RoleFiller[]> = {};
    if (Array.isArray(extra.emptyRoles)) for (const r of extra.emptyRoles) if (typeof r === 'string') roles[r] = [];
    for (const p of placed) (roles[p.role] ??= []).push(p.filler);
    const evidence = this.evidenceOf(annId)!;
    const core = { id: f.id, type: def.name, evidence: { ...evidence, quote: this.text.slice(evidence.start, evidence.end) }, roles, attrs };
    const comments = { ...(isRecord(extra.comments) ? extra.comments : {}), ...(isRecord(parts.comments) ? parts.comments : {}) };
    return this.session.frame({ ...omit(extra, ['attrs', 'emptyRoles', 'evidence', 'comments']), ...parts, ...(Object.keys(comments).length ? { comments } : {}), ...core }, this.annotator);
  }
}
