/**
 * Labels a file uses that the workspace schema does not have: mapped to a
 * schema label (`PER=PERSON`), dropped (`MISC=-`), added to the schema, or,
 * when nobody has decided yet, listed so the import plan can ask. Nothing
 * is written while a label is undecided.
 */
import { ParleyError } from '../errors';
import type { FrameTypeDef, LabelDef, OverlapRule } from '../model';
import { listNames } from './schema';

export interface LabelMapping {
  /** File label → schema label, or null to drop its mentions. */
  map?: Record<string, string | null>;
  /** File labels to add to the schema as they are. */
  add?: string[];
  /**
   * What a reader does with a label nobody decided on: stop with the file and
   * line (`reject`, the default), or leave its mentions out and list it in
   * the result (`list`), for an import plan that asks the analyst.
   */
  undecided?: 'reject' | 'list';
}

/** What a name in the files is: a mention label (the default) or a frame type (brat's event types, declared in annotation.conf). */
export type DecidedKind = 'frame type';

export interface LabelOutcome {
  /** Labels neither in the schema nor decided: their mentions were left out of the result, and the plan cannot be applied. */
  unknown: { label: string; count: number; firstDocument?: string; kind?: DecidedKind }[];
  /** Labels the import adds to the schema. */
  added: { label: string; count: number; kind?: DecidedKind }[];
  mapped: { from: string; to: string; count: number }[];
  dropped: { label: string; count: number; kind?: DecidedKind }[];
  /** Frame types the import adds, as the files' schema (brat's annotation.conf) declares them; their names are in `added`. */
  frameTypes?: FrameTypeDef[];
  /** Types the files' schema declares, the workspace lacks and no annotation uses: added only when asked (--add-labels), never required. */
  offered?: { label: string; kind?: DecidedKind }[];
  /** The overlap rules the files' schema states (brat's `<OVERLAP>`), taken by a workspace that has none of its own. */
  overlaps?: OverlapRule[];
}

/**
 * "PER=PERSON,MISC=-" → { PER: "PERSON", MISC: null }. A label holding a
 * comma, an "=", a tab or a line break is written in double quotes with JSON's
 * escapes: "a=b"=PERSON, "Person\tName"=PERSON. Throws on a pair without "=".
 */
export function parseLabelMap(text: string): Record<string, string | null> {
  const map: Record<string, string | null> = {};
  let pos = 0;
  const bad = (what: string) =>
    new ParleyError('invalid_argument', `cannot read ${JSON.stringify(what)} in the label map; expected FILE_LABEL=SCHEMA_LABEL, or FILE_LABEL=- to drop it; quote a label that holds , = or a tab in double quotes ("a=b"=B), or use a mapping file (--map-file)`);
  /** One label: quoted (JSON string) or bare up to the delimiter. */
  const label = (stops: string): string => {
    while (text[pos] === ' ') pos++;
    if (text[pos] === '"') {
      const m = /^"(?:[^"\\]|\\.)*"/.exec(text.slice(pos));
      if (!m) throw bad(text.slice(pos));
      pos += m[0].length;
      try {
        return JSON.parse(m[0]) as string;
      } catch {
        throw bad(m[0]);
      }
    }
    const from = pos;
    while (pos < text.length && !stops.includes(text[pos])) pos++;
    return text.slice(from, pos).trim();
  };
  while (pos < text.length) {
    const pairStart = pos;
    const from = label('=,');
    while (text[pos] === ' ') pos++;
    if (from === '' && (text[pos] === ',' || pos >= text.length)) {
      pos++;
      continue;
    }
    if (text[pos] !== '=' || from === '') throw bad(text.slice(pairStart, text.indexOf(',', pos) < 0 ? text.length : text.indexOf(',', pos)));
    pos++;
    const quoted = text.slice(pos).trimStart().startsWith('"');
    const to = label(',');
    while (text[pos] === ' ') pos++;
    if (to === '' || (pos < text.length && text[pos] !== ',')) throw bad(text.slice(pairStart, pos + 1));
    pos++;
    map[from] = to === '-' && !quoted ? null : to;
  }
  return map;
}

/**
 * A mapping file: a JSON object from file label to schema label, null (or "-")
 * to drop the label's mentions. Any label text can be written there.
 */
export function parseLabelMapFile(text: string, file: string): Record<string, string | null> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new ParleyError('invalid_argument', `the mapping file is not JSON (${(e as Error).message}); expected an object such as {"PER": "PERSON", "MISC": null}`, file);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ParleyError('invalid_argument', 'expected the mapping file to hold a JSON object such as {"PER": "PERSON", "MISC": null}', file);
  const map: Record<string, string | null> = {};
  for (const [from, to] of Object.entries(value)) {
    if (to !== null && typeof to !== 'string') throw new ParleyError('invalid_argument', `the label ${JSON.stringify(from)} maps to ${JSON.stringify(to)}; expected a schema label, or null to drop it`, file);
    map[from] = to === null || to === '-' ? null : to;
  }
  return map;
}

const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
const listed = (m: Map<string, number>) => [...m].map(([label, count]) => ({ label, count }));

export class LabelResolver {
  private readonly map: Map<string, string | null>;
  private readonly add: Set<string>;
  private readonly unknown = new Map<string, number>();
  private readonly firstIn = new Map<string, string>();
  private readonly added = new Map<string, number>();
  private readonly mapped = new Map<string, number>();
  private readonly dropped = new Map<string, number>();
  private readonly listUndecided: boolean;

  constructor(
    private readonly labels: Set<string>,
    mapping: LabelMapping = {},
  ) {
    this.map = new Map(Object.entries(mapping.map ?? {}));
    this.add = new Set(mapping.add ?? []);
    this.listUndecided = mapping.undecided === 'list';
    for (const [from, to] of this.map) {
      if (to !== null && !labels.has(to) && !this.add.has(to)) {
        throw new ParleyError('invalid_argument', `the label map sends ${from} to ${to}, which is not a label of this workspace; expected one of ${listNames(labels)}, or - to drop`);
      }
    }
  }

  /** False when a reader should stop at this label: it is not in the schema, nobody decided on it, and undecided labels are rejected. */
  allows(label: string): boolean {
    return this.listUndecided || this.labels.has(label) || this.map.has(label) || this.add.has(label);
  }

  /** The schema label a mention gets, null when it is dropped (decided or not), counting each case. */
  resolve(label: string, docId?: string): string | null {
    if (this.map.has(label)) {
      const to = this.map.get(label)!;
      if (to === null) bump(this.dropped, label);
      else bump(this.mapped, `${label}\u0000${to}`);
      return to;
    }
    if (this.labels.has(label)) return label;
    if (this.add.has(label)) {
      bump(this.added, label);
      return label;
    }
    bump(this.unknown, label);
    if (docId !== undefined && !this.firstIn.has(label)) this.firstIn.set(label, docId);
    return null;
  }

  outcome(): LabelOutcome {
    return {
      unknown: [...this.unknown].map(([label, count]) => ({ label, count, ...(this.firstIn.has(label) ? { firstDocument: this.firstIn.get(label) } : {}) })),
      added: listed(this.added),
      mapped: [...this.mapped].map(([k, count]) => {
        const [from, to] = k.split('\u0000');
        return { from, to, count };
      }),
      dropped: listed(this.dropped),
    };
  }
}

/** One line per decision, for the import's warnings and the CLI. */
export function describeOutcome(o: LabelOutcome): string[] {
  return [
    ...o.mapped.map((m) => `${m.count} ${m.from} mention(s) imported as ${m.to}`),
    ...o.dropped.map((d) => (d.kind === 'frame type' ? `${d.count} ${d.label} frame(s) dropped, as the label map asks` : `${d.count} ${d.label} mention(s) dropped, as the label map asks`)),
    ...o.added.map((a) => (a.kind === 'frame type' ? `frame type ${a.label} added to the schema (${a.count} frame(s))` : `label ${a.label} added to the schema (${a.count} mention(s))`)),
  ];
}

export const PALETTE = ['#e07a5f', '#3d405b', '#81b29a', '#f2a541', '#6d597a', '#2a9d8f', '#b56576', '#457b9d'];

/** Schema entries for the labels an import adds: a colour each, no key (the analyst picks one in the schema editor). */
export function newLabelDefs(names: string[], existing: LabelDef[]): LabelDef[] {
  const have = new Set(existing.map((l) => l.name));
  return names.filter((n) => !have.has(n)).map((name, i) => ({ name, color: PALETTE[(existing.length + i) % PALETTE.length], key: '', description: 'Added by an import' }));
}

/** Why a plan cannot be applied yet, naming every label that needs a decision; null when none does. */
export function undecidedMessage(o: LabelOutcome): string | null {
  if (o.unknown.length === 0) return null;
  const list = o.unknown.map((u) => `${u.kind === 'frame type' ? 'frame type ' : ''}${u.label} (${u.count} ${u.kind === 'frame type' ? 'frame' : 'mention'}${u.count === 1 ? '' : 's'}${u.firstDocument ? `, first in document ${u.firstDocument}` : ''})`).join(', ');
  const first = o.unknown[0].label;
  return `the files use label${o.unknown.length === 1 ? '' : 's'} the workspace schema lacks: ${list}; nothing was imported. Map each to a schema label (--map ${first}=PERSON), drop it (--map ${first}=-), or add it to the schema (--add-labels ${o.unknown.map((u) => u.label).join(',')})`;
}
