/**
 * Reads a brat folder's annotation.conf, in brat's own grammar
 * (server/src/projectconfig.py): sections [entities], [relations], [events]
 * and [attributes]; one type a line, indented under its parent; `!Type` for
 * a type that only groups others; `Type|Alias` with the first term stored;
 * arguments after a tab or spaces, separated by commas; role cardinalities
 * `Role` (one), `?`, `*`, `+`, `{N}` and `{N-M}`; type alternatives with `|`;
 * `<MACRO>=…` definitions; `#` comments.
 */
import { OVERLAP_KINDS, type AttributeDef, type FrameTypeDef, type OverlapKind, type OverlapRule, type RoleDef } from '../model';
import type { ImportSession } from './assemble';
import { bratName, OVERLAPS_AS_USED } from './bratConf';
import { badInput, InputError } from './input';
import { PALETTE, type LabelMapping, type LabelOutcome } from './labelmap';
import { relationTypeDef } from './relationTypes';
import type { ImportResult } from './types';

export interface ConfRole {
  name: string;
  min: number;
  /** null: any number. */
  max: number | null;
  types: string[];
}

export interface ConfEvent {
  name: string;
  roles: ConfRole[];
  line: number;
}

export interface ConfAttribute {
  name: string;
  /** The types it attaches to (`<EVENT>`, `<ENTITY>` or named types). */
  args: string[];
  /** Empty for a binary attribute (present or not). */
  values: string[];
  line: number;
}

/** An `<OVERLAP>` rule (or an old-style `ENTITY-NESTING`, which is `contain`): empty type lists are any type. */
export interface ConfOverlap {
  inner: string[];
  outer: string[];
  kinds: OverlapKind[];
  line: number;
}

export interface ConfRelation {
  name: string;
  roles: ConfRole[];
  /** brat's <REL-TYPE>: symmetric (undirected) or symmetric-transitive (an equivalence, written as `*` lines). */
  relType: string[];
  line: number;
}

export interface AnnotationConf {
  path: string;
  entities: { name: string; line: number }[];
  events: ConfEvent[];
  relations: ConfRelation[];
  attributes: ConfAttribute[];
  /** The overlap rules as written; none means brat allows no overlap between entities at all. */
  overlaps: ConfOverlap[];
  /** Written by Parley's export of a workspace without rules: its <OVERLAP> line says what the documents held, not a policy. */
  overlapsAreUsage: boolean;
}

const SECTIONS = new Set(['entities', 'relations', 'events', 'attributes']);
const RESERVED = /^<[A-Z-]+>$/;

/** "Party{2-10}" → Party, 2, 10; throws a message brat's parser would give. */
export function parseCardinality(key: string): { name: string; min: number; max: number | null } {
  const m = /^(\S+?)(\{\S+\}|\?|\*|\+|)$/u.exec(key);
  if (!m) throw new Error(`cannot read the argument ${JSON.stringify(key)}`);
  const [, name, rep] = m;
  if (rep === '') return { name, min: 1, max: 1 };
  if (rep === '?') return { name, min: 0, max: 1 };
  if (rep === '*') return { name, min: 0, max: null };
  if (rep === '+') return { name, min: 1, max: null };
  const r = /^\{(\d+)(?:-(\d+))?\}$/.exec(rep);
  if (!r) throw new Error(`cannot read the range ${rep} of ${name}; expected {N} or {MIN-MAX}`);
  const min = Number(r[1]);
  const max = r[2] === undefined ? min : Number(r[2]);
  if (max === 0) throw new Error(`${name}${rep} allows no argument at all`);
  if (min > max) throw new Error(`${name}${rep} is an empty range`);
  return { name, min, max };
}

export function parseAnnotationConf(path: string, text: string): AnnotationConf {
  const conf: AnnotationConf = { path, entities: [], events: [], relations: [], attributes: [], overlaps: [], overlapsAreUsage: text.includes(OVERLAPS_AS_USED) };
  const nesting: ConfOverlap[] = [];
  let section = '';
  let macros = new Map<string, string>();
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    let line = lines[i];
    if (line.trim() === '' || /^\s*#/.test(line) || /^\s*-+\s*$/.test(line)) continue;
    const head = /^\s*\[(\w+)\]\s*$/.exec(line);
    if (head) {
      section = head[1];
      macros = new Map();
      continue;
    }
    if (!SECTIONS.has(section)) continue;
    const macro = /^<([a-zA-Z_-]+)>=\s*(.*?)\s*$/.exec(line);
    if (macro) {
      macros.set(`<${macro[1]}>`, macro[2]);
      continue;
    }
    for (const [k, v] of macros) line = line.split(k).join(v);
    const m = /^(\s*)(\S+)(?:\s+(.*))?$/.exec(line)!;
    const term = m[2].split('|').map((t) => t.trim()).filter(Boolean)[0] ?? '';
    const args = (m[3] ?? '').split(',').map((a) => a.trim()).filter(Boolean);
    if (section === 'relations' && (term === '<OVERLAP>' || term === 'ENTITY-NESTING')) {
      try {
        (term === '<OVERLAP>' ? conf.overlaps : nesting).push(overlapRule(term, args, lineNo));
      } catch (e) {
        throw badInput(`${(e as Error).message} in ${term}, as brat reads it (Arg1:Type, Arg2:Type, <OVL-TYPE>:contain|equal|cross|<ANY>)`, path, lineNo);
      }
      continue;
    }
    // "!Type" only groups its children; reserved names configure brat itself.
    if (term.startsWith('!') || RESERVED.test(term) || term === 'ENTITY-NESTING') continue;
    try {
      if (section === 'entities') conf.entities.push({ name: term, line: lineNo });
      else if (section === 'relations') conf.relations.push({ name: term, roles: roles(args), relType: relTypes(args), line: lineNo });
      else if (section === 'events') conf.events.push({ name: term, roles: roles(args), line: lineNo });
      else conf.attributes.push({ ...attribute(args), name: term, line: lineNo });
    } catch (e) {
      throw badInput(`${(e as Error).message} in the ${section} section, as brat's grammar reads it (Role, Role?, Role*, Role+, Role{N}, Role{MIN-MAX}, then :Type|Type)`, path, lineNo);
    }
  }
  // brat: new-style rules take precedence over ENTITY-NESTING, which means contain.
  if (conf.overlaps.length === 0) conf.overlaps = nesting;
  return conf;
}

const ANY_TYPE = new Set(['<ANY>', '<ENTITY>']);

function overlapRule(term: string, args: string[], line: number): ConfOverlap {
  const get = (key: string) => args.map(splitArg).find(([k]) => k === key)?.[1];
  const types = (key: string) => {
    const list = (get(key) ?? '').split('|').filter(Boolean);
    if (list.length === 0) throw new Error(`no ${key}`);
    return list.some((t) => ANY_TYPE.has(t)) ? [] : list;
  };
  const inner = types('Arg1');
  const outer = types('Arg2');
  if (term === 'ENTITY-NESTING') return { inner, outer, kinds: ['contain'], line };
  const raw = (get('<OVL-TYPE>') ?? '').split('|').filter(Boolean);
  if (raw.length === 0) throw new Error('no <OVL-TYPE>');
  const unknown = raw.filter((k) => !['contain', 'equal', 'cross', '<ANY>'].includes(k));
  if (unknown.length) throw new Error(`unknown <OVL-TYPE> ${unknown.join(', ')}`);
  const kinds = raw.includes('<ANY>') ? [...OVERLAP_KINDS] : OVERLAP_KINDS.filter((k) => raw.includes(k));
  return { inner, outer, kinds, line };
}

/** The schema's overlap rules a conf states: brat's, so a conf without any allows no overlap. */
export function overlapRulesFromConf(conf: AnnotationConf, labelOf: (type: string) => string | undefined): OverlapRule[] {
  const labels = (types: string[]) => [...new Set(types.flatMap((t) => labelOf(t) ?? []))];
  return conf.overlaps
    .map((r) => ({ inner: labels(r.inner), outer: labels(r.outer), kinds: r.kinds, any: [r.inner.length === 0, r.outer.length === 0] }))
    // A rule whose named types are none of the workspace's labels allows nothing here.
    .filter((r) => (r.any[0] || r.inner.length > 0) && (r.any[1] || r.outer.length > 0))
    .map(({ inner, outer, kinds }) => ({ inner, outer, kinds }));
}

function splitArg(a: string): [string, string] {
  const m = /^(\S*?):(\S*)$/.exec(a);
  if (!m) throw new Error(`cannot read the argument ${JSON.stringify(a)}; expected Name:Type`);
  return [m[1], m[2]];
}

function roles(args: string[]): ConfRole[] {
  const out: ConfRole[] = [];
  for (const a of args) {
    const [key, types] = splitArg(a);
    if (RESERVED.test(key)) continue;
    const { name, min, max } = parseCardinality(key);
    if ((max === null || max > 1) && /\d$/.test(name)) throw new Error(`the argument ${name} ends with a digit, so it cannot be repeated`);
    const list = types.split('|').map((t) => t.trim());
    if (list.some((t) => t === '')) throw new Error(`the argument ${name} has an empty type`);
    out.push({ name, min, max, types: list });
  }
  return out;
}

function relTypes(args: string[]): string[] {
  const a = args.find((x) => x.startsWith('<REL-TYPE>:'));
  return a ? a.slice('<REL-TYPE>:'.length).split(/[|-]/).filter(Boolean) : [];
}

function attribute(args: string[]): { args: string[]; values: string[] } {
  let on: string[] = [];
  let values: string[] = [];
  for (const a of args) {
    const [key, list] = splitArg(a);
    if (key === 'Arg') on = list.split('|').filter(Boolean);
    else if (key === 'Value') values = list.split('|').filter(Boolean);
  }
  return { args: on, values };
}

/** The frame type an event declaration describes; role types are kept when they are labels the schema will have. */
export function frameTypeFromConf(ev: ConfEvent, conf: Pick<AnnotationConf, 'attributes'>, labelOf: (type: string) => string | undefined, color: string): FrameTypeDef {
  const roleDefs: RoleDef[] = ev.roles.map((r) => ({
    name: r.name,
    mentionLabels: [...new Set(r.types.flatMap((t) => labelOf(t) ?? []))],
    allowMention: true,
    allowEntity: false,
    allowTopic: false,
    min: r.min,
    max: r.max,
  }));
  const attrs: AttributeDef[] = conf.attributes
    .filter((a) => a.args.includes(ev.name) || a.args.includes('<EVENT>'))
    .map((a) => ({ name: a.name, values: a.values.length ? a.values : ['true'] }));
  return { name: ev.name, key: '', color, roles: roleDefs, attributes: attrs };
}

/**
 * What an import does with the types a folder's annotation.conf declares and
 * the workspace lacks, decided through the label map like any unknown label:
 * `--add-labels` adds them (frame types with the conf's roles, cardinalities,
 * role types and attributes), `--map X=-` drops their annotations, and an
 * undecided one is listed in the plan (or stops the import) when the files
 * use it, offered when they do not. Differences between the conf and the
 * workspace's own definitions are reported, never applied silently.
 */
export class ConfPlan {
  private readonly add: Set<string>;
  private readonly map: Map<string, string | null>;
  private readonly listUndecided: boolean;
  private readonly newLabels: string[] = [];
  private overlaps: OverlapRule[] | undefined;
  private readonly newFrames = new Map<string, { def: FrameTypeDef; decision: 'add' | 'drop' | 'undecided'; count: number; firstDocument?: string; line: number }>();

  constructor(
    private readonly conf: AnnotationConf,
    private readonly session: ImportSession,
    mapping: LabelMapping,
  ) {
    this.add = new Set(mapping.add ?? []);
    this.map = new Map(Object.entries(mapping.map ?? {}));
    this.listUndecided = mapping.undecided === 'list';
    const schema = session.schema;
    const labelNames = new Map<string, string>();
    for (const l of schema.labels) labelNames.set(bratName(l), l);
    for (const l of schema.labels) labelNames.set(l, l);
    const labelOf = (type: string): string | undefined => {
      if (labelNames.has(type)) return labelNames.get(type);
      if (this.map.has(type)) return this.map.get(type) ?? undefined;
      return this.add.has(type) ? type : undefined;
    };
    for (const e of conf.entities) if (!labelNames.has(e.name)) this.newLabels.push(e.name);
    const frameNames = new Map<string, FrameTypeDef>();
    for (const f of schema.frameTypes.values()) frameNames.set(bratName(f.name), f);
    for (const f of schema.frameTypes.values()) frameNames.set(f.name, f);
    let colour = schema.frameTypes.size;
    for (const ev of conf.events) {
      const known = frameNames.get(ev.name);
      if (known) {
        this.compare(ev, known);
        continue;
      }
      const def = frameTypeFromConf(ev, conf, labelOf, PALETTE[colour++ % PALETTE.length]);
      const decision = this.add.has(ev.name) ? 'add' : this.map.has(ev.name) && this.map.get(ev.name) === null ? 'drop' : 'undecided';
      // An added frame type is known to the rest of the import as if the workspace had it.
      if (decision === 'add') schema.frameTypes.set(def.name, def);
      this.newFrames.set(ev.name, { def, decision, count: 0, line: ev.line });
    }
    // A conf of brat's own states a policy (without rules, nothing overlaps); one Parley wrote only says what its documents held.
    if (!conf.overlapsAreUsage) this.overlaps = overlapRulesFromConf(conf, labelOf);
    // Relation types go to the session's relation types, decided like the ones files use without a conf.
    for (const r of conf.relations) {
      if (frameNames.has(r.name)) continue;
      const kind = r.relType.includes('transitive') ? 'equivalence' : r.relType.includes('symmetric') ? 'undirected' : 'directed';
      const types = r.roles.map((x) => [...new Set(x.types.flatMap((t) => labelOf(t) ?? []))]);
      session.relationTypes.declare(relationTypeDef(r.name, kind, r.roles.map((x) => x.name), PALETTE[colour++ % PALETTE.length], kind === 'equivalence' ? [[...new Set(types.flat())]] : types));
    }
  }

  /** Roles, cardinalities and attribute values where the conf and the workspace schema differ: reported, the workspace's kept. */
  private compare(ev: ConfEvent, def: FrameTypeDef): void {
    const at = `${this.conf.path}:${ev.line}`;
    const say = (what: string) => this.session.warnings.push(`${at}: ${what}; the workspace schema's definition was kept`);
    for (const r of ev.roles) {
      const role = def.roles.find((x) => x.name === r.name || bratName(x.name) === r.name);
      if (!role) say(`${ev.name} has a role ${r.name} in annotation.conf that the workspace's ${def.name} lacks`);
      // A lower minimum is what brat can state (no `{2-}`) or what a Parley export writes for frames with fillers outside brat's arguments: not a difference.
      else if (r.min > role.min || role.max !== r.max) say(`${def.name}'s role ${role.name} takes ${range(r.min, r.max)} in annotation.conf, ${range(role.min, role.max)} in the workspace`);
    }
    for (const a of this.conf.attributes.filter((x) => x.args.includes(ev.name) || x.args.includes('<EVENT>'))) {
      const attr = def.attributes.find((x) => x.name === a.name || bratName(x.name) === a.name);
      const values = a.values.length ? a.values : ['true'];
      if (!attr) say(`annotation.conf gives ${ev.name} an attribute ${a.name} (${values.join(', ')}) that the workspace's ${def.name} lacks`);
      else {
        const missing = values.filter((v) => !attr.values.includes(v));
        if (missing.length) say(`annotation.conf allows ${def.name}'s ${attr.name} the values ${missing.join(', ')}, which the workspace does not`);
      }
    }
  }

  /** An event of a type the workspace lacks: false to skip it (dropped or left for the plan to ask); throws when undecided types stop the import. */
  takesEvent(type: string, documentId: string): boolean {
    const entry = this.newFrames.get(type);
    if (!entry) return true;
    entry.count++;
    entry.firstDocument ??= documentId;
    if (entry.decision === 'add') return true;
    if (entry.decision === 'undecided' && !this.listUndecided) {
      throw new InputError(
        `frame type ${JSON.stringify(type)} is declared in annotation.conf (line ${entry.line}) but not in the workspace schema; add it with its roles (--add-labels ${type}) or drop its events (--map ${type}=-)`,
      );
    }
    return false;
  }

  /** The import's outcome with the conf's types: frame types added, dropped or undecided, unused types offered. */
  finish(result: ImportResult): ImportResult {
    const labels: LabelOutcome = result.labels ?? { unknown: [], added: [], mapped: [], dropped: [] };
    const used = new Set([...labels.unknown, ...labels.added, ...labels.dropped].map((x) => x.label).concat(labels.mapped.map((m) => m.from)));
    const offered: NonNullable<LabelOutcome['offered']> = [];
    const frameTypes: FrameTypeDef[] = [];
    for (const name of this.newLabels) {
      if (used.has(name) || this.map.has(name)) continue;
      if (this.add.has(name)) labels.added.push({ label: name, count: 0 });
      else offered.push({ label: name });
    }
    for (const [name, e] of this.newFrames) {
      const kind = 'frame type' as const;
      if (e.decision === 'add') {
        labels.added.push({ label: name, count: e.count, kind });
        frameTypes.push(e.def);
        result.warnings.push(`frame type ${name} added to the schema as annotation.conf declares it (${e.count} frame(s))`);
      } else if (e.decision === 'drop') {
        labels.dropped.push({ label: name, count: e.count, kind });
        result.warnings.push(`${e.count} ${name} frame(s) dropped, as the label map asks`);
      } else if (e.count > 0) labels.unknown.push({ label: name, count: e.count, kind, ...(e.firstDocument ? { firstDocument: e.firstDocument } : {}) });
      else offered.push({ label: name, kind });
    }
    const allTypes = [...(labels.frameTypes ?? []), ...frameTypes];
    const allOffered = [...(labels.offered ?? []), ...offered];
    if (allOffered.length) {
      result.warnings.push(`${this.conf.path} declares types the workspace lacks and no annotation uses: ${allOffered.map((o) => o.label).join(', ')}; add them with --add-labels if wanted`);
    }
    if (this.overlaps) {
      const kinds = (r: OverlapRule) => `${r.inner.join('|') || 'any label'} within/with ${r.outer.join('|') || 'any label'}: ${r.kinds.join(', ')}`;
      result.warnings.push(
        `${this.conf.path} allows mentions to overlap only as its <OVERLAP> rules say (${this.overlaps.map(kinds).join('; ') || 'no overlap at all'}); a workspace without rules of its own takes them, so two labels on one span are refused unless a rule says equal`,
      );
    }
    return {
      ...result,
      labels: { ...labels, ...(allTypes.length ? { frameTypes: allTypes } : {}), ...(allOffered.length ? { offered: allOffered } : {}), ...(this.overlaps ? { overlaps: this.overlaps } : {}) },
    };
  }
}

function range(min: number, max: number | null): string {
  if (max === null) return `${min} or more`;
  return min === max ? `exactly ${min}` : `${min} to ${max}`;
}
