/**
 * Reads WebAnno TSV 3.2/3.3 files as INCEpTION's Tsv3XDeserializer does:
 * the header's layers and columns, sentence text rebuilt from `#Text=` lines
 * (gaps before a sentence's first token padded with spaces), token and
 * sub-token lines, stacked values split on unescaped `|`, annotations over
 * several tokens joined by their `[n]` disambiguation ids, slot features and
 * relations resolved to the annotations they point at.
 *
 * Named entities become mentions (`value` the label, `identifier` the entity
 * link); a span layer named like a frame type becomes frames (features as
 * attributes, slot links to named entities as role fillers); a relation whose
 * layer or first feature names a frame type becomes a frame whose first role
 * is the relation's source and second its target, the evidence stretching
 * from one to the other. Other layers (POS, lemmas, chains…) are reported and
 * skipped.
 */
import type { FrameTypeDef, RoleFiller } from '../model';
import { IMPORTED_ANNOTATOR, ImportSession, orSkip, skipper, TextOffsets } from './assemble';
import { atLine, badInput, checkFile, extension, fileName, InputError } from './input';
import { titleFromText, UniqueIds } from './names';
import { DEFAULT_ROLES } from './relationTypes';
import type { DatasetContext, DatasetDocument, ImportFile, ImportOptions, ImportResult } from './types';
import { CUSTOM, NE_TYPE, NULL_COLUMN, NULL_VALUE, RELATION_VALUE, tsvName, unescapeText, unescapeValue } from './webannoSyntax';

type ColumnKind = 'primitive' | 'placeholder' | 'slotRole' | 'slotTarget' | 'relRef' | 'chain';

interface Column {
  index: number;
  layer: Layer;
  kind: ColumnKind;
  name: string;
  /** Slot target or relation base type. */
  target?: string;
}

interface Layer {
  kind: 'span' | 'relation' | 'chain';
  type: string;
  columns: Column[];
}

interface Unit {
  id: string;
  begin: number;
  end: number;
  token: string;
  line: number;
  /** Annotations on this unit, by layer type, in stacking order. */
  anns: Map<string, Ann[]>;
}

interface Ann {
  layer: Layer;
  begin: number;
  end: number;
  line: number;
  features: Record<string, string>;
  roles?: string[];
  targets?: string[];
  /** Relations: the source unit id and the disambiguation ids of source and target. */
  ref?: { unit: string; source: number; target: number };
  first: Unit;
}

const STACK = /(?<!\\)\|/;
const SLOT = /(?<!\\);/;
const UNIT_ID = /^(\d+-\d+(?:\.\d+)?)(?:\[(\d+)(?:_(\d+))?\])?$/;

export function readWebanno(files: ImportFile[], ctx: DatasetContext, options: ImportOptions = {}): ImportResult {
  const session = new ImportSession(ctx, options);
  const ids = new UniqueIds();
  // With skip-invalid a file (one document) with a bad line is left out whole and named with the line.
  const skip = skipper(session, options);
  for (const f of files) {
    if (extension(f.path) !== 'tsv') {
      session.warnings.push(`${f.path}: not a WebAnno TSV file (.tsv); ignored`);
      continue;
    }
    orSkip(skip, () => new TsvReader(f, session).read(ids));
  }
  return session.result();
}

class TsvReader {
  private readonly lines: string[];
  private readonly layers: Layer[] = [];
  private readonly columns: Column[] = [];
  private readonly units = new Map<string, Unit>();
  private readonly anns: Ann[] = [];
  private readonly byId = new Map<number, Ann>();
  private readonly skipped = new Map<string, number>();

  constructor(
    private readonly file: ImportFile,
    private readonly session: ImportSession,
  ) {
    this.lines = checkFile(file, session.warnings).split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  }

  private fail(message: string, line: number): never {
    throw badInput(message, this.file.path, line);
  }

  read(ids: UniqueIds): void {
    const m = /^#FORMAT=(.*) (\d+)\.(\d+)$/.exec(this.lines[0] ?? '');
    if (!m || m[1] !== 'WebAnno TSV') this.fail(`expected the header "#FORMAT=WebAnno TSV 3.3" on the first line, found ${JSON.stringify((this.lines[0] ?? '').slice(0, 60))}`, 1);
    if (m[2] !== '3' || Number(m[3]) < 2) this.fail(`WebAnno TSV ${m[2]}.${m[3]} is not read; expected version 3.2 or 3.3 (export again from INCEpTION or WebAnno 3.x)`, 1);
    let i = 1;
    for (; i < this.lines.length && this.lines[i].trim() !== ''; i++) this.header(this.lines[i], i + 1);
    const text = this.body(i);
    const docText = text.endsWith('\n') ? text.slice(0, -1) : text;
    const offsets = new TextOffsets(docText, 'utf16', this.session.unitHint(this.file.path, 'INCEpTION', 'utf16', false));
    for (const u of this.units.values()) atLine(this.file.path, u.line, () => offsets.quoted(u.begin, u.end, u.token));
    const stem = this.file.path.slice(0, -4);
    const doc: DatasetDocument = {
      document: { id: ids.take(fileName(stem)), title: titleFromText(docText, fileName(stem)), text: docText, source: { file: this.file.path } },
      annotator: IMPORTED_ANNOTATOR,
      status: 'in_progress',
      mentions: [],
      frames: [],
      fields: {},
    };
    this.build(doc);
    if (!doc.mentions.length && !doc.frames.length) doc.status = 'not_started';
    for (const [what, n] of this.skipped) this.session.warnings.push(`${this.file.path}: ${n} ${what}; skipped`);
    atLine(this.file.path, undefined, () => this.session.finish(doc));
  }

  private header(line: string, lineNo: number): void {
    const m = /^#T_(SP|RL|CH)=(.*)$/.exec(line);
    if (!m) this.fail(`expected a layer declaration (#T_SP=, #T_RL= or #T_CH=) or a blank line after the header, found ${JSON.stringify(line.slice(0, 60))}`, lineNo);
    const fields = m[2].split('|').filter((f) => f !== '');
    if (!fields.length) this.fail('a layer declaration needs a type name', lineNo);
    const layer: Layer = { kind: m[1] === 'SP' ? 'span' : m[1] === 'RL' ? 'relation' : 'chain', type: fields[0], columns: [] };
    const add = (kind: ColumnKind, name: string, target?: string) => {
      const col: Column = { index: this.columns.length, layer, kind, name, ...(target !== undefined ? { target } : {}) };
      layer.columns.push(col);
      this.columns.push(col);
    };
    for (const decl of fields.slice(1)) {
      const prev = layer.columns[layer.columns.length - 1];
      if (layer.kind === 'span' && decl.startsWith('ROLE_')) {
        const parts = decl.split('_');
        if (parts.length < 3) this.fail(`cannot read the slot declaration ${JSON.stringify(decl)}; expected ROLE_<type>:<feature>_<link type>`, lineNo);
        add('slotRole', parts[1].slice(parts[1].indexOf(':') + 1));
      } else if (layer.kind === 'relation' && decl.startsWith('BT_')) add('relRef', 'source', decl.slice(3));
      else if (layer.kind === 'chain') add('chain', decl);
      else if (prev?.kind === 'slotRole' && decl.includes('.')) add('slotTarget', prev.name, decl);
      else add('primitive', decl);
    }
    if (fields.length === 1) add('placeholder', '');
    this.layers.push(layer);
  }

  /** The sentence blocks: text rebuilt as INCEpTION does, and the annotations of every unit. */
  private body(from: number): string {
    let text = '';
    let sentence = '';
    let state: 'space' | 'header' | 'token' = 'space';
    let token: Unit | undefined;
    for (let i = from; i < this.lines.length; i++) {
      const line = this.lines[i];
      const lineNo = i + 1;
      if (line === '') {
        if (state === 'header') this.fail('a sentence needs at least one token line after its #Text= lines', lineNo);
        state = 'space';
        continue;
      }
      if (line.startsWith('#')) {
        if (state === 'token') this.fail('expected a token line or a blank line before the next sentence', lineNo);
        state = 'header';
        if (line.startsWith('#Text=')) sentence += `${unescapeText(line.slice(6))}\n`;
        continue;
      }
      if (state === 'space') this.fail('expected a sentence header (#Text=) before the token lines', lineNo);
      const fields = line.split('\t');
      if (fields.length < this.columns.length + 3) {
        this.fail(`expected ${this.columns.length + 3} tab-separated columns (id, offsets, token and one per declared feature), found ${fields.length}`, lineNo);
      }
      const off = /^(\d+)-(\d+)$/.exec(fields[1]);
      if (!off || !/^\d+-\d+(\.\d+)?$/.test(fields[0])) this.fail(`expected a token id like 1-2 and offsets like 4-8, found ${JSON.stringify(fields[0])} and ${JSON.stringify(fields[1])}`, lineNo);
      const begin = Number(off[1]);
      const end = Number(off[2]);
      if (state === 'header') {
        // The sentence starts at its first token: drop the line break the previous one ended with, or pad a gap with spaces.
        if (text.length > begin) {
          if (text.length !== begin + 1 || !text.endsWith('\n')) this.fail(`the sentence starts at ${begin}, inside the text before it, which is ${text.length - 1} UTF-16 code units long`, lineNo);
          text = text.slice(0, -1);
        }
        text += ' '.repeat(begin - text.length) + sentence;
        sentence = '';
      }
      const unit: Unit = { id: fields[0], begin, end, token: fields[2], line: lineNo, anns: new Map() };
      if (this.units.has(unit.id)) this.fail(`token id ${unit.id} appears twice`, lineNo);
      if (!unit.id.includes('.')) token = unit;
      else if (!token) this.fail('a sub-token line needs a token line before it', lineNo);
      this.units.set(unit.id, unit);
      atLine(this.file.path, lineNo, () => this.annotations(unit, fields));
      state = 'token';
    }
    return text;
  }

  private annotations(unit: Unit, fields: string[]): void {
    for (const col of this.columns) {
      const raw = fields[col.index + 3];
      if (raw === NULL_COLUMN || col.kind === 'chain') {
        if (col.kind === 'chain' && raw !== NULL_COLUMN) this.skip(`coreference chain value(s) on ${col.layer.type}`);
        continue;
      }
      raw.split(STACK).forEach((value, stack) => this.value(unit, col, stack, value));
    }
  }

  private value(unit: Unit, col: Column, stack: number, raw: string): void {
    let value = raw;
    let id: number | undefined;
    if (col.kind !== 'slotTarget' && col.kind !== 'relRef' && raw.endsWith(']') && !raw.endsWith('\\]')) {
      const open = raw.lastIndexOf('[');
      const n = raw.slice(open + 1, -1);
      if (open < 0 || !/^\d+$/.test(n)) throw new InputError(`cannot read the disambiguation id in ${JSON.stringify(raw)}; expected value[N]`);
      id = Number(n);
      value = raw.slice(0, open);
    }
    const list = unit.anns.get(col.layer.type) ?? [];
    unit.anns.set(col.layer.type, list);
    let ann = list[stack];
    if (!ann && id !== undefined && this.byId.has(id)) {
      ann = this.byId.get(id)!;
      if (ann.layer !== col.layer) throw new InputError(`disambiguation id ${id} is used by two layers, ${ann.layer.type} and ${col.layer.type}`);
      ann.end = Math.max(ann.end, unit.end);
      list.push(ann);
    }
    if (!ann) {
      ann = { layer: col.layer, begin: unit.begin, end: unit.end, line: unit.line, features: {}, first: unit };
      this.anns.push(ann);
      list.push(ann);
    }
    if (id !== undefined) this.byId.set(id, ann);
    if (col.kind === 'primitive') {
      if (value !== NULL_VALUE && ann.features[col.name] === undefined) ann.features[col.name] = unescapeValue(value);
    } else if (col.kind === 'slotRole') {
      ann.roles ??= value === NULL_COLUMN || value === '' ? [] : value.split(SLOT).map((r) => unescapeValue(r));
    } else if (col.kind === 'slotTarget') {
      ann.targets ??= value === NULL_VALUE || value === '' ? [] : value.split(SLOT);
    } else if (col.kind === 'relRef') {
      const m = UNIT_ID.exec(value);
      if (!m) throw new InputError(`cannot read the relation source ${JSON.stringify(value)}; expected a token id like 1-3, maybe with [source_target] ids`);
      ann.ref = { unit: m[1], source: Number(m[2] ?? 0), target: Number(m[3] ?? 0) };
    }
  }

  private skip(what: string): void {
    this.skipped.set(what, (this.skipped.get(what) ?? 0) + 1);
  }

  /** The annotation of `type` a reference points at: by its disambiguation id, else the first of that type on the unit. */
  private pointed(unitId: string, type: string, id: number): Ann | undefined {
    if (id > 0) {
      const a = this.byId.get(id);
      return a && a.layer.type === type ? a : undefined;
    }
    return this.units.get(unitId)?.anns.get(type)?.[0];
  }

  private frameType(name: string): FrameTypeDef | undefined {
    for (const def of this.session.schema.frameTypes.values()) if (def.name === name || tsvName(def.name) === name) return def;
    return undefined;
  }

  private build(doc: DatasetDocument): void {
    const text = doc.document.text;
    const mentionOf = new Map<Ann, string>();
    for (const a of this.anns) {
      if (a.layer.type !== NE_TYPE) continue;
      const label = a.features.value;
      if (label === undefined) {
        this.skip(`named entit(ies) without a value`);
        continue;
      }
      const parts = a.features.identifier !== undefined ? { entityId: a.features.identifier } : {};
      const m = atLine(this.file.path, a.line, () => this.session.mention({ label, start: a.begin, end: a.end, quote: text.slice(a.begin, a.end) }, parts, doc.annotator));
      mentionOf.set(a, m.id);
      doc.mentions.push(m);
    }
    const short = (type: string) => (type.startsWith(CUSTOM) ? type.slice(CUSTOM.length) : type.slice(type.lastIndexOf('.') + 1));
    for (const a of this.anns) {
      if (a.layer.type === NE_TYPE) continue;
      const frame = atLine(this.file.path, a.line, () => (a.layer.kind === 'relation' ? this.relation(a, mentionOf, text, short) : this.span(a, mentionOf, text, short)));
      if (frame) doc.frames.push(frame);
    }
  }

  private span(a: Ann, mentionOf: Map<Ann, string>, text: string, short: (t: string) => string) {
    const def = this.frameType(short(a.layer.type));
    if (!def) {
      this.skip(`annotation(s) on layer ${a.layer.type}, which is neither the named-entity layer nor a frame type`);
      return undefined;
    }
    const attrs: Record<string, string> = {};
    for (const [feature, value] of Object.entries(a.features)) {
      const attr = def.attributes.find((x) => x.name === feature || tsvName(x.name, false) === feature);
      if (attr) attrs[attr.name] = value;
      else this.skip(`value(s) of feature ${feature}, which ${def.name} has no attribute for`);
    }
    const roles: Record<string, RoleFiller[]> = {};
    const slotCol = a.layer.columns.find((c) => c.kind === 'slotTarget');
    (a.roles ?? []).forEach((role, i) => {
      const r = def.roles.find((x) => x.name === role || tsvName(x.name) === role);
      const m = UNIT_ID.exec(a.targets?.[i] ?? '');
      if (!r || !m || !slotCol) {
        this.skip(`slot link(s) whose role is not one of the frame type's or whose target cannot be read`);
        return;
      }
      const target = this.pointed(m[1], slotCol.target!, Number(m[2] ?? 0));
      const mentionId = target ? mentionOf.get(target) : undefined;
      if (mentionId === undefined) throw new InputError(`the ${role} slot of ${a.layer.type} points at ${a.targets![i]}, where there is no named entity`);
      (roles[r.name] ??= []).push({ kind: 'mention', mentionId });
    });
    return this.session.frame({ type: def.name, evidence: { start: a.begin, end: a.end, quote: text.slice(a.begin, a.end) }, roles, attrs }, IMPORTED_ANNOTATOR);
  }

  private relation(a: Ann, mentionOf: Map<Ann, string>, text: string, short: (t: string) => string) {
    const base = a.layer.columns.find((c) => c.kind === 'relRef');
    // The label: the `value` feature (INCEpTION's and Parley's own relation layers), else the first feature that has one.
    const labelFeature = a.features[RELATION_VALUE] !== undefined ? RELATION_VALUE : Object.keys(a.features)[0];
    const label = labelFeature !== undefined ? a.features[labelFeature] : undefined;
    const known = (label !== undefined ? this.frameType(label) : undefined) ?? this.frameType(short(a.layer.type));
    // A relation layer that names no frame type is a relation type of its own, named by its label or its layer, decided by the label map.
    const def = known ?? (base && a.ref ? this.session.relationTypes.use(label ?? short(a.layer.type), 'directed', DEFAULT_ROLES, fileName(this.file.path)) : undefined);
    if (def === null) return undefined;
    if (!def || def.roles.length < 2 || !base || !a.ref) {
      this.skip(`relation(s) on layer ${a.layer.type} that name no frame type with two roles`);
      return undefined;
    }
    const source = this.pointed(a.ref.unit, base.target!, a.ref.source);
    const target = a.ref.target > 0 ? this.pointed(a.first.id, base.target!, a.ref.target) : a.first.anns.get(base.target!)?.[0];
    const from = source ? mentionOf.get(source) : undefined;
    const to = target ? mentionOf.get(target) : undefined;
    if (from === undefined || to === undefined) {
      this.skip(`relation(s) on layer ${a.layer.type} between annotations that are not named entities`);
      return undefined;
    }
    const start = Math.min(source!.begin, target!.begin);
    const end = Math.max(source!.end, target!.end);
    const roles: Record<string, RoleFiller[]> = { [def.roles[0].name]: [{ kind: 'mention', mentionId: from }] };
    (roles[def.roles[1].name] ??= []).push({ kind: 'mention', mentionId: to });
    // The other features are the relation's attributes, where its type has one of that name.
    const attrs: Record<string, string> = {};
    for (const [feature, value] of Object.entries(a.features)) {
      if (feature === labelFeature && def.name === label) continue;
      const attr = def.attributes.find((x) => x.name === feature || tsvName(x.name, false) === feature);
      if (attr) attrs[attr.name] = value;
      else if (feature !== labelFeature) this.skip(`value(s) of feature ${feature}, which ${def.name} has no attribute for`);
    }
    return this.session.frame({ type: def.name, evidence: { start, end, quote: text.slice(start, end) }, roles, attrs }, IMPORTED_ANNOTATOR);
  }
}
