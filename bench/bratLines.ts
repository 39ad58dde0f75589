/**
 * What a brat folder keeps through Parley: each .ann line named by what it
 * says rather than by its id (ids are renumbered on export), so the lines of
 * the original and of the export can be matched one to one, per line kind.
 * A T line is its type, offsets and text; an event its type, trigger and
 * arguments (each argument also counted on its own, as its event's type and
 * trigger, its role as written and what it points at); a relation its type and
 * arguments; an attribute (A or M, the same thing to brat) its name, target
 * and value; a note or comment its type, target and text; an equivalence its
 * type and members.
 */
import { readBrat } from '../src/core/formats/bratRead';
import { FORMATS } from '../src/core/formats';
import type { DatasetContext, ImportFile } from '../src/core/formats/types';
import { newLabelDefs } from '../src/core/formats/labelmap';
import { defaultSchema } from '../src/core/defaults';

export const KINDS = ['T', 'R', 'E', 'E args', 'A/M', 'N', '#', '*'] as const;
export type Kind = (typeof KINDS)[number];
export type Counts = Record<Kind, number>;

const zero = (): Counts => Object.fromEntries(KINDS.map((k) => [k, 0])) as Counts;

/** Every line of one .ann file as [kind, content key]; ids resolved to the keys of what they name. */
export function lineKeys(ann: string): [Kind, string][] {
  const rows = ann.split('\n').map((l) => l.replace(/\r$/, '')).filter((l) => l.trim() !== '');
  const byId = new Map<string, string[]>();
  for (const l of rows) {
    const tab = l.indexOf('\t');
    byId.set(l.slice(0, tab), l.slice(tab + 1).split('\t'));
  }
  const memo = new Map<string, string>();
  const key = (id: string, depth = 0): string => {
    const known = memo.get(id);
    if (known) return known;
    const cols = byId.get(id);
    if (!cols || depth > 20) return `?${id}`;
    const [data, tail = ''] = cols;
    let out: string;
    if (id.startsWith('T')) out = `T ${data} ${tail}`;
    else if (id.startsWith('E')) {
      const [head, ...args] = data.split(' ').filter(Boolean);
      const [type, trigger] = head.split(':');
      out = `E ${type}:${key(trigger, depth + 1)} ${args.map((a) => argKey(a, depth)).sort().join(' ')}`;
    } else if (id.startsWith('R')) {
      const [type, ...args] = data.split(' ').filter(Boolean);
      out = `R ${type} ${args.map((a) => argKey(a, depth)).join(' ')}`;
    } else out = `${id[0]} ${data}`;
    memo.set(id, out);
    return out;
  };
  const argKey = (a: string, depth: number) => {
    const colon = a.lastIndexOf(':');
    return `${a.slice(0, colon)}=(${key(a.slice(colon + 1), depth + 1)})`;
  };
  const out: [Kind, string][] = [];
  for (const l of rows) {
    const tab = l.indexOf('\t');
    const id = l.slice(0, tab);
    const [data, tail = ''] = l.slice(tab + 1).split('\t');
    const words = data.split(' ').filter(Boolean);
    switch (id[0]) {
      case 'T':
      case 'R':
        out.push([id[0], key(id)]);
        break;
      case 'E': {
        out.push(['E', key(id)]);
        // An argument by its event's type and trigger, its role as written and what it points at (an event by its type and trigger too).
        const [type, trigger] = words[0].split(':');
        const shallow = (ref: string) => (ref.startsWith('E') ? `E ${byId.get(ref)?.[0].split(' ')[0].split(':')[0]}:${key(byId.get(ref)?.[0].split(' ')[0].split(':')[1] ?? '')}` : key(ref));
        for (const a of words.slice(1)) out.push(['E args', `${type}:${key(trigger)} ${a.slice(0, a.lastIndexOf(':'))}=(${shallow(a.slice(a.lastIndexOf(':') + 1))})`]);
        break;
      }
      case 'A':
      case 'M':
        out.push(['A/M', `${words[0]} ${key(words[1])} ${words[2] ?? ''}`]);
        break;
      case 'N':
        out.push(['N', `${words[0]} ${key(words[1])} ${words[2]} ${tail}`]);
        break;
      case '#':
        out.push(['#', `${words[0]} ${key(words[1])} ${tail}`]);
        break;
      case '*':
        out.push(['*', `${words[0]} ${words.slice(1).map((w) => key(w)).sort().join(' ')}`]);
        break;
    }
  }
  return out;
}

export interface Kept {
  before: Counts;
  kept: Counts;
}

/** How many lines of each kind `before` has, and how many of them `after` has too (matched one to one). */
export function compareAnn(before: string, after: string, into: Kept = { before: zero(), kept: zero() }): Kept {
  const left = new Map<string, number>();
  for (const [kind, k] of lineKeys(after)) left.set(`${kind}\u0000${k}`, (left.get(`${kind}\u0000${k}`) ?? 0) + 1);
  for (const [kind, k] of lineKeys(before)) {
    into.before[kind]++;
    const n = left.get(`${kind}\u0000${k}`) ?? 0;
    if (n > 0) {
      into.kept[kind]++;
      left.set(`${kind}\u0000${k}`, n - 1);
    }
  }
  return into;
}

/**
 * A brat folder (its .txt, .ann and annotation.conf) imported with every type
 * it uses added to the schema, then exported to brat again; the .ann files
 * of the export by the path of the original's.
 */
export function throughParley(files: ImportFile[]): { anns: Map<string, string>; warnings: string[] } {
  const types = new Set<string>();
  for (const f of files) {
    if (!f.path.endsWith('.ann')) continue;
    for (const l of f.text.split('\n')) {
      const [id, data = ''] = l.split('\t');
      if (/^[TR*]/.test(id)) types.add(data.split(' ')[0]);
    }
  }
  const conf = files.find((f) => f.path.endsWith('annotation.conf'));
  if (conf) for (const l of conf.text.split('\n')) if (/^\S/.test(l) && !l.startsWith('[') && !l.startsWith('#')) types.add(l.split(/\s/)[0].replace(/^!/, '').split('|')[0]);
  const schema = defaultSchema();
  const ctx: DatasetContext = { schema, entities: [] };
  const result = readBrat(files, ctx, { labels: { add: [...types] } });
  const frameTypes = new Set(result.labels?.frameTypes?.map((f) => f.name) ?? []);
  const added = (result.labels?.added ?? []).filter((a) => a.kind !== 'frame type' && !frameTypes.has(a.label)).map((a) => a.label);
  const exportCtx: DatasetContext = {
    schema: { ...schema, labels: [...schema.labels, ...newLabelDefs(added, schema.labels)], frameTypes: [...schema.frameTypes, ...(result.labels?.frameTypes ?? [])] },
    entities: result.entities,
  };
  const writer = FORMATS.brat.createWriter(exportCtx, {});
  const anns = new Map<string, string>();
  for (const doc of result.documents) {
    // Without a sidecar, a document's source is its .txt file.
    const stem = (doc.document.source.file ?? doc.document.id).replace(/\.txt$/, '');
    for (const c of writer.document(doc)) if (c.path.endsWith('.ann')) anns.set(`${stem}.ann`, c.data);
  }
  return { anns, warnings: result.warnings };
}
