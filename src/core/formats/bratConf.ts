/**
 * brat's project configuration (annotation.conf, visual.conf) generated from
 * the label schema, so an exported folder opens in brat as it is; plus the
 * naming rules brat imposes on types, roles and attributes.
 */
import type { FrameTypeDef, LabelSchema, RoleDef, RoleFiller } from '../model';

/** brat splits its lines on spaces, colons, commas and bars, so type names keep to letters, digits, _ . and -. */
export function bratName(name: string): string {
  let safe = bratNames.get(name);
  if (safe === undefined) {
    safe = name.replace(/[^\p{L}\p{N}_.-]/gu, '_') || '_';
    if (bratNames.size < 10_000) bratNames.set(name, safe);
  }
  return safe;
}

// Called for every mention of an export, with a handful of distinct names.
const bratNames = new Map<string, string>();

/**
 * A role's name in brat: brat numbers repeated arguments (Party1, Party2), so
 * it refuses a repeatable role whose name ends in a digit; such a role gets a
 * trailing "_" (`Phase2_`), mapped back through the schema on import.
 */
export function bratRoleName(role: RoleDef): string {
  const name = bratName(role.name);
  return /\d$/.test(name) && (role.max === null || role.max > 1) ? `${name}_` : name;
}

/** A value brat can hold in an attribute line and in annotation.conf. */
export function bratValueOk(value: string): boolean {
  return /^[^\s,:|]+$/u.test(value);
}

/**
 * A role's cardinality in brat's grammar: `` (one), `?`, `*`, `+`, `{N}`,
 * `{MIN-MAX}`, as the schema states it. brat counts only event arguments;
 * entity and topic fillers are kept in the event's note, and a frame may be
 * unfinished, so when an exported frame has fewer mention fillers than the
 * minimum (`short`), the minimum written is 0 and brat reports nothing
 * missing. brat has no open range above 1 (`{2-}`), so "2 or more" is `+`.
 */
export function cardinality(role: RoleDef, short = false): string {
  const min = short ? 0 : role.min;
  const max = role.max;
  if (max === null) return min === 0 ? '*' : '+';
  if (min === max) return max === 1 ? '' : `{${max}}`;
  if (min === 0 && max === 1) return '?';
  return `{${min}-${max}}`;
}

/** What the exported documents hold that the conf must allow: how mentions overlap, and the attributes on mentions with their values. */
export interface BratUsage {
  overlaps: Set<'contain' | 'equal' | 'cross'>;
  mentionAttrs: Map<string, Set<string>>;
  /** Attributes exported frames have that their type's schema does not declare (brat's own, read without a conf): "type\0name" → values. */
  frameAttrs: Map<string, Set<string>>;
  /** "Frame type\0role" for roles some exported frame fills with another frame (brat's events as arguments): declared to take <EVENT>. */
  frameFilled: Set<string>;
  /** "Frame type\0role" for roles some exported frame fills with fewer mentions than the schema's minimum. */
  short: Set<string>;
}

export function newUsage(): BratUsage {
  return { overlaps: new Set(), mentionAttrs: new Map(), frameAttrs: new Map(), frameFilled: new Set(), short: new Set() };
}

/** Notes the roles this frame fills with fewer mention or frame arguments than their minimum, and those it fills with frames. */
export function noteShortRoles(def: FrameTypeDef, roles: Record<string, RoleFiller[]>, usage: BratUsage): void {
  for (const r of def.roles) {
    const fillers = roles[r.name] ?? [];
    if (r.min > 0 && fillers.filter((x) => x.kind === 'mention' || x.kind === 'frame').length < r.min) usage.short.add(`${def.name}\u0000${r.name}`);
    if (fillers.some((x) => x.kind === 'frame')) usage.frameFilled.add(`${def.name}\u0000${r.name}`);
  }
}

/** Adds the kinds of overlap among these spans (brat's contain, equal, cross) to the usage. */
export function noteOverlaps(spans: { start: number; end: number }[], usage: BratUsage): void {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const open: { start: number; end: number }[] = [];
  for (const s of sorted) {
    if (usage.overlaps.size === 3) return;
    for (let i = open.length - 1; i >= 0; i--) if (open[i].end <= s.start) open.splice(i, 1);
    for (const o of open) {
      if (o.start === s.start && o.end === s.end) usage.overlaps.add('equal');
      else if (s.end <= o.end) usage.overlaps.add('contain');
      else usage.overlaps.add('cross');
    }
    open.push(s);
  }
}

/**
 * annotation.conf in brat's grammar: the labels as entities; an `<OVERLAP>`
 * rule naming only the kinds of overlap the documents have; the frame types
 * as events with their roles, cardinalities and role types; the attributes of
 * frames and mentions with the values the schema and the documents have.
 */
/** Said above the <OVERLAP> line when the workspace has no overlap rules: the line then only allows what the documents hold. */
export const OVERLAPS_AS_USED = '# The workspace sets no overlap rules: the overlap line, if any, allows the kinds its documents hold.';

/** A frame attribute whose only value is "true": brat's binary attribute (present or not), written without a value. */
export function isBinary(def: FrameTypeDef | undefined, name: string): boolean {
  const values = def?.attributes.find((a) => a.name === name)?.values;
  return values?.length === 1 && values[0] === 'true';
}

export function annotationConf(schema: LabelSchema, usage: BratUsage = newUsage()): string {
  const lines = ['# Generated by Parley from the workspace label schema.', '[entities]'];
  for (const l of schema.labels) lines.push(bratName(l.name));
  lines.push('', '[relations]');
  const types = (labels: string[]) => (labels.length ? labels.map(bratName).join('|') : '<ENTITY>');
  if (schema.overlaps) for (const r of schema.overlaps) lines.push(`<OVERLAP>\tArg1:${types(r.inner)}, Arg2:${types(r.outer)}, <OVL-TYPE>:${r.kinds.join('|')}`);
  else {
    lines.push(OVERLAPS_AS_USED);
    if (usage.overlaps.size) lines.push(`<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:${[...usage.overlaps].sort().join('|')}`);
  }
  const withEvents = (f: FrameTypeDef, r: RoleDef, types: string) => (usage.frameFilled.has(`${f.name}\u0000${r.name}`) && !types.startsWith('<ANY>') ? `${types}|<EVENT>` : types);
  const argTypes = (f: FrameTypeDef, r: RoleDef) => withEvents(f, r, r.mentionLabels.length ? r.mentionLabels.map(bratName).join('|') : '<ANY>');
  for (const f of schema.frameTypes) {
    if (f.relation === undefined) continue;
    // brat's relations have two arguments; an equivalence is a symmetric, transitive one, written as * lines.
    const [from, to] = f.relation === 'equivalence' ? [f.roles[0], f.roles[0]] : f.roles;
    const names = f.relation === 'equivalence' ? ['Arg1', 'Arg2'] : [bratRoleName(from), bratRoleName(to)];
    const relType = f.relation === 'equivalence' ? ', <REL-TYPE>:symmetric-transitive' : f.relation === 'undirected' ? ', <REL-TYPE>:symmetric' : '';
    lines.push(`${bratName(f.name)}\t${names[0]}:${argTypes(f, from)}, ${names[1]}:${argTypes(f, to)}${relType}`);
  }
  lines.push('', '[events]');
  for (const f of schema.frameTypes) {
    if (f.relation !== undefined) continue;
    const args = f.roles
      .filter((r) => r.allowMention)
      .map((r) => `${bratRoleName(r)}${cardinality(r, usage.short.has(`${f.name}\u0000${r.name}`))}:${withEvents(f, r, r.mentionLabels.length ? r.mentionLabels.map(bratName).join('|') : '<ENTITY>')}`);
    lines.push(args.length ? `${bratName(f.name)}\t${args.join(', ')}` : bratName(f.name));
  }
  lines.push('', '[attributes]');
  for (const [name, { types, values }] of bratAttributes(schema, usage)) {
    lines.push(values.length ? `${name}\tArg:${types.join('|')}, Value:${values.join('|')}` : `${name}\tArg:${types.join('|')}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * brat declares an attribute once, so frame types sharing an attribute name
 * share one line, and mention attributes attach to <ENTITY>. An attribute
 * only ever "true" on mentions is binary (no values).
 */
function bratAttributes(schema: LabelSchema, usage: BratUsage): Map<string, { types: string[]; values: string[] }> {
  const attrs = new Map<string, { types: string[]; values: Set<string> }>();
  const binaryNames = new Set<string>();
  for (const f of schema.frameTypes) {
    for (const a of f.attributes) {
      const name = bratName(a.name);
      if (name !== a.name) continue;
      const entry = attrs.get(name) ?? { types: [], values: new Set<string>() };
      entry.types.push(bratName(f.name));
      if (isBinary(f, a.name)) binaryNames.add(name);
      for (const v of a.values) if (bratValueOk(v)) entry.values.add(v);
      attrs.set(name, entry);
    }
  }
  for (const [key, values] of usage.frameAttrs) {
    const [type, name] = key.split('\u0000');
    const entry = attrs.get(name) ?? { types: [], values: new Set<string>() };
    if (!entry.types.includes(type)) entry.types.push(type);
    const binary = values.size === 1 && values.has('true') && entry.values.size === 0;
    if (!binary) for (const v of values) entry.values.add(v);
    attrs.set(name, entry);
  }
  for (const [name, values] of usage.mentionAttrs) {
    const entry = attrs.get(name) ?? { types: [], values: new Set<string>() };
    entry.types.unshift('<ENTITY>');
    const binary = !attrs.has(name) && values.size === 1 && values.has('true');
    if (!binary) for (const v of values) entry.values.add(v);
    attrs.set(name, entry);
  }
  // Binary on every type that has it and nothing else: written without Value, as brat declares it.
  const values = (k: string, v: Set<string>) => (binaryNames.has(k) && v.size === 1 && v.has('true') ? [] : [...v]);
  return new Map([...attrs].map(([k, v]) => [k, { types: v.types, values: values(k, v.values) }]));
}

/** White text on dark colours, black on light ones. */
function textColour(hex: string): string {
  const n = parseInt(hex.slice(1), 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  return 0.299 * r + 0.587 * g + 0.114 * b < 140 ? 'white' : 'black';
}

/** brat reads "-" in a drawing value as ",", so a glyph shows hyphens as U+2010. */
function glyph(value: string): string {
  return `[${value.replace(/-/g, '\u2010')}]`;
}

export function visualConf(schema: LabelSchema, usage: BratUsage = newUsage()): string {
  const labels = ['[labels]'];
  const drawing = [
    '[drawing]',
    'SPAN_DEFAULT\tfgColor:black, bgColor:lightgreen, borderColor:darken',
    'ARC_DEFAULT\tcolor:black, arrowHead:triangle-5',
    'ATTRIBUTE_DEFAULT\tglyph:*',
  ];
  const seen = new Set<string>();
  const add = (name: string, style: string) => {
    const type = bratName(name);
    if (seen.has(type)) return;
    seen.add(type);
    labels.push(`${type} | ${name.replace(/\|/g, '/')}`);
    drawing.push(`${type}\t${style}`);
  };
  for (const l of schema.labels) add(l.name, `bgColor:${l.color}, fgColor:${textColour(l.color)}`);
  for (const f of schema.frameTypes) add(f.name, `bgColor:${f.color}, fgColor:${textColour(f.color)}`);
  for (const f of schema.frameTypes) for (const r of f.roles) add(r.name, `color:${f.color}`);
  // One line per attribute; its glyphs follow the order of the values in annotation.conf (brat's document.py matches them by position).
  for (const [name, { values }] of bratAttributes(schema, usage)) {
    if (values.length) drawing.push(`${name}\tglyph:${values.map(glyph).join('|')}`);
  }
  return `${labels.join('\n')}\n\n${drawing.join('\n')}\n`;
}
