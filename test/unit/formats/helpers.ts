/** Shared fixtures for the format tests: a small hand-made document, export/import plumbing, random layers. */
import fc from 'fast-check';
import { defaultSchema } from '../../../src/core/defaults';
import { FORMATS } from '../../../src/core/formats';
import type { DatasetContext, DatasetDocument, ExportOptions, ExportReport, FormatName, ImportFile, ImportResult } from '../../../src/core/formats/types';
import type { Entity, Frame, FrameTypeDef, Mention, RoleFiller } from '../../../src/core/model';
import { relationTypeDef } from '../../../src/core/formats/relationTypes';
import { isBreak } from '../../../src/core/formats/bratSyntax';

export const LAVROV: Entity = { id: 'ent_lavrov', type: 'PERSON', name: 'Sergey Lavrov', aliases: ['Sergei Lavrov', 'Lavrov'] };
export const MULLER: Entity = { id: 'ent_muller', type: 'PERSON', name: 'Anna Müller', aliases: [] };
export const RUSSIA: Entity = { id: 'ent_russia', type: 'GPE', name: 'Russia', aliases: ['Moscow'] };

export function context(entities: Entity[] = [LAVROV, MULLER, RUSSIA]): DatasetContext {
  return { schema: defaultSchema(), entities };
}

/** Relation types beside the default schema's frames: directed with its own role names, undirected with brat's, and an equivalence. */
export const RELATION_TYPES: FrameTypeDef[] = [
  relationTypeDef('Located in', 'directed', ['Thing', 'Place'], '#336699', [[], ['LOC', 'GPE']]),
  relationTypeDef('Met', 'undirected', ['Arg1', 'Arg2'], '#993366'),
  relationTypeDef('Same', 'equivalence', [], '#669933'),
];

/** The default schema with the relation types. */
export function relationContext(entities: Entity[] = [LAVROV, MULLER, RUSSIA]): DatasetContext {
  const schema = defaultSchema();
  schema.frameTypes.push(...structuredClone(RELATION_TYPES));
  return { schema, entities };
}

/** Two lines with a flag, a ZWJ family emoji and a combining umlaut before the mentions, so every unit differs. */
export const TEXT = 'Lavrov 🇷🇺 told Mu\u0308ller: no ceasefire.\nThe 👩‍👩‍👧 talks in Geneva failed.';

const at = (needle: string, from = 0) => {
  const start = TEXT.indexOf(needle, from);
  if (start < 0) throw new Error(`no ${needle}`);
  return { start, end: start + needle.length, quote: needle };
};

const base = { origin: 'manual' as const, author: 'ana', createdAt: '2024-05-01T10:00:00.000Z' };

export function sampleDocument(): DatasetDocument {
  const mentions: Mention[] = [
    { id: 'm1', label: 'PERSON', ...at('Lavrov'), entityId: 'ent_lavrov', ...base },
    { id: 'm2', label: 'GPE', ...at('🇷🇺'), entityId: 'ent_russia', note: 'flag as\nstand-in', ...base },
    { id: 'm3', label: 'PERSON', ...at('Mu\u0308ller'), ...base },
    { id: 'm4', label: 'TOPIC', ...at('ceasefire'), ...base, origin: 'suggested' },
    { id: 'm5', label: 'LOC', ...at('Geneva'), ...base },
    { id: 'm6', label: 'EVENT', ...at('talks in Geneva'), ...base, attrs: { certainty: 'high' } },
    { id: 'p1', label: 'ORG', ...at('The'), ...base, pending: true },
  ];
  const frames: Frame[] = [
    {
      id: 'f1',
      type: 'Stance',
      evidence: at('told Mu\u0308ller: no ceasefire'),
      roles: { Holder: [{ kind: 'mention', mentionId: 'm1' }], Target: [{ kind: 'mention', mentionId: 'm4' }] },
      attrs: { Polarity: 'against' },
      note: 'blunt',
      ...base,
    },
    {
      id: 'f2',
      type: 'Agreement',
      evidence: at('talks in Geneva failed'),
      roles: {
        Party: [
          { kind: 'mention', mentionId: 'm1' },
          { kind: 'entity', entityId: 'ent_muller' },
          { kind: 'mention', mentionId: 'm3' },
        ],
        Topic: [{ kind: 'topic', text: 'a "ceasefire" | truce' }],
      },
      attrs: { Status: 'failed' },
      ...base,
    },
  ];
  return {
    document: { id: 'doc-1', title: 'Lavrov rebuffs Müller', text: TEXT, source: { outlet: 'Wire', date: '2024-05-01' }, sha256: 'a'.repeat(64) },
    annotator: 'ana',
    status: 'done',
    mentions,
    frames,
    fields: { 'Overall tone': 'negative' },
  };
}

/** What a faithful export and import gives back: the document without pending suggestions. */
export function withoutPending(doc: DatasetDocument): DatasetDocument {
  return { ...doc, mentions: doc.mentions.filter((m) => m.pending !== true) };
}

export interface Exported {
  files: Map<string, string>;
  report: ExportReport;
}

export function exportDocs(format: FormatName, docs: DatasetDocument[], ctx = context(), options: ExportOptions = {}): Exported {
  const writer = FORMATS[format].createWriter(ctx, options);
  const files = new Map<string, string>();
  const add = (chunks: { path: string; data: string }[]) => {
    for (const c of chunks) files.set(c.path, (files.get(c.path) ?? '') + c.data);
  };
  add(writer.begin());
  for (const d of docs) add(writer.document(d));
  add(writer.end());
  return { files, report: writer.report() };
}

export function asImport(files: Map<string, string>): ImportFile[] {
  return [...files].map(([path, text]) => ({ path, text }));
}

export function roundTrip(format: FormatName, docs: DatasetDocument[], ctx = context()): ImportResult {
  return FORMATS[format].read(asImport(exportDocs(format, docs, ctx).files), ctx);
}

/** Expects a ParleyError('bad_input') naming the file and, when given, the line. */
export function catchError(work: () => unknown): { code: string; message: string; file?: string; line?: number } {
  try {
    work();
  } catch (e) {
    return e as { code: string; message: string; file?: string; line?: number };
  }
  throw new Error('expected an error');
}

// ---------------------------------------------------------------- random layers

const PIECES = ['Lavrov', 'Mu\u0308ller', 'Ge\u0301ne\u0300ve', '🇷🇺', '🇩🇪', '👩‍👩‍👧', '😀', '👍🏽', 'talks', 'ceasefire', 'NATO', 'Kyiv', '中文', ' ', ' ', ' ', '\n', '\r\n', ',', '.', '"', "'", '\t', 'é', '𝔸'];

const textArb = fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 40 }).map((parts) => parts.join(''));

/**
 * Character boundaries of a text as a person selects it: grapheme-cluster edges. A span inside a cluster (a letter without its
 * accent) is legal in the model, but in a file whose offsets also fit another unit it reads as a unit mix-up, which the readers
 * refuse by design; random spans stay where a mouse puts them.
 */
function boundaries(text: string): number[] {
  const out = [0];
  for (const { index, segment } of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)) out.push(index + segment.length);
  return out;
}

const noteArb = fc.oneof(
  fc.constantFrom('', ' padded ', 'line\nbreak', '"quoted"', 'has [parley: Target=topic:"x"]', 'tab\there', 'back\\slash', 'ünïcödé 🇷🇺', '\u2028sep'),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
);
const wordArb = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 10 });
const idArb = fc.stringMatching(/^[a-z][a-z0-9_]{2,8}$/);
const isoArb = fc.date({ min: new Date('2000-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString());

export const ENTITY_POOL: Entity[] = [
  LAVROV,
  MULLER,
  RUSSIA,
  { id: 'ent:odd id/☃', type: 'ORG', name: 'An odd\nname', aliases: [], note: 'kept' },
];

/** What a random layer may hold beyond the default schema's frames: relations and equivalences (RELATION_TYPES), discontinuous mentions. */
export interface LayerOptions {
  relations?: boolean;
}

const isBreakAt = (text: string, i: number) => i < text.length && isBreak(text.charCodeAt(i));

/** A random document with a random layer, valid against the default schema (with the relation types, when asked). */
export function documentArb(entities: Entity[] = ENTITY_POOL, options: LayerOptions = {}): fc.Arbitrary<DatasetDocument> {
  const schema = defaultSchema();
  const labels = schema.labels.map((l) => l.name);
  return fc
    .record({
      text: textArb,
      docId: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,20}$/),
      title: fc.string({ unit: 'grapheme', maxLength: 30 }),
      annotator: fc.stringMatching(/^[a-z][a-z0-9._-]{0,10}$/),
      status: fc.constantFrom('not_started', 'in_progress', 'done', 'reviewed' as const),
      source: fc.record({ outlet: wordArb, url: fc.webUrl(), date: fc.constant('2024-05-01') }, { requiredKeys: [] }),
      sha256: fc.option(fc.stringMatching(/^[0-9a-f]{64}$/), { nil: undefined }),
      fields: fc.dictionary(fc.constantFrom('Outlet', 'Overall tone'), wordArb, { maxKeys: 2 }),
      seed: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 12 }),
      mentionInfo: fc.array(
        fc.record(
          {
            label: fc.constantFrom(...labels),
            entity: fc.option(fc.constantFrom(...entities.map((e) => e.id)), { nil: undefined }),
            note: fc.option(noteArb, { nil: undefined }),
            // Attribute names are record keys: never one that reaches an object's prototype (the model's reserved names).
            attrs: fc.option(fc.dictionary(wordArb.filter((k) => !['__proto__', 'constructor', 'prototype'].includes(k)), wordArb, { maxKeys: 2 }), { nil: undefined }),
            origin: fc.constantFrom('manual', 'suggested', 'imported' as const),
            pending: fc.constantFrom(undefined, false, true),
            author: wordArb,
            createdAt: isoArb,
            id: idArb,
            // Two pieces of a discontinuous mention, as grapheme boundaries.
            fragments: fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.nat()),
          },
          { requiredKeys: ['label', 'origin', 'author', 'createdAt', 'id'] },
        ),
        { maxLength: 12 },
      ),
      relationInfo: fc.array(
        fc.record({
          type: fc.nat(2),
          ends: fc.array(fc.nat(), { minLength: 2, maxLength: 4 }),
          // The second end a frame (an event) rather than a mention.
          toFrame: fc.boolean(),
          note: fc.option(noteArb, { nil: undefined }),
          certain: fc.boolean(),
          id: idArb,
          origin: fc.constantFrom('manual', 'suggested', 'imported' as const),
          createdAt: isoArb,
        }),
        { maxLength: options.relations ? 4 : 0 },
      ),
      frameInfo: fc.array(
        fc.record({
          stance: fc.boolean(),
          evidence: fc.tuple(fc.nat(), fc.nat()),
          picks: fc.array(fc.tuple(fc.nat(), fc.constantFrom('mention', 'entity', 'topic')), { minLength: 0, maxLength: 5 }),
          topic: wordArb,
          attr: fc.option(fc.nat(), { nil: undefined }),
          note: fc.option(noteArb, { nil: undefined }),
          emptyRole: fc.boolean(),
          id: idArb,
          origin: fc.constantFrom('manual', 'suggested', 'imported' as const),
          createdAt: isoArb,
        }),
        { maxLength: 4 },
      ),
    })
    .map((r) => {
      const cuts = boundaries(r.text);
      const span = ([a, b]: [number, number]) => {
        const s = cuts[a % cuts.length];
        const e = cuts[b % cuts.length];
        return s <= e ? { start: s, end: e } : { start: e, end: s };
      };
      const usedIds = new Set<string>();
      const unique = (id: string) => {
        let out = id;
        for (let n = 2; usedIds.has(out); n++) out = `${id}${n}`;
        usedIds.add(out);
        return out;
      };
      const mentions: Mention[] = r.mentionInfo.map((info, i) => {
        const { start, end } = span(r.seed[i] ?? [i, i + 3]);
        const m: Mention = { id: unique(info.id), label: info.label, start, end, quote: r.text.slice(start, end), origin: info.origin, author: info.author, createdAt: info.createdAt };
        if (info.entity !== undefined) m.entityId = info.entity;
        if (info.note !== undefined) m.note = info.note;
        if (info.attrs !== undefined) m.attrs = info.attrs;
        if (info.pending !== undefined) m.pending = info.pending;
        if (options.relations && info.fragments) {
          // Pieces that neither start nor end on a line break, so brat's fragments give them back without Parley's extras.
          const ps = [...new Set(info.fragments.map((n) => cuts[n % cuts.length]))].sort((a, b) => a - b);
          const clean = (s: number, e: number) => s < e && !isBreakAt(r.text, s) && !isBreakAt(r.text, e - 1);
          if (ps.length === 4 && clean(ps[0], ps[1]) && clean(ps[2], ps[3])) {
            Object.assign(m, { start: ps[0], end: ps[3], quote: r.text.slice(ps[0], ps[3]), fragments: [[ps[0], ps[1]], [ps[2], ps[3]]] });
          }
        }
        return m;
      });
      const live = mentions.filter((m) => m.pending !== true);
      const filler = ([n, kind]: [number, string], topic: string): RoleFiller =>
        kind === 'mention' && live.length
          ? { kind: 'mention', mentionId: live[n % live.length].id }
          : kind === 'entity'
            ? { kind: 'entity', entityId: entities[n % entities.length].id }
            : { kind: 'topic', text: topic };
      const frames: Frame[] = r.frameInfo.map((info) => {
        const { start, end } = span(info.evidence);
        const def = schema.frameTypes[info.stance ? 0 : 1];
        const [first, second] = def.roles;
        const fillers = info.picks.map((p) => filler(p, info.topic));
        const roles: Frame['roles'] = {};
        // The first role takes no topic (Holder, Party); the second takes the rest.
        const forFirst = fillers.filter((x) => x.kind !== 'topic');
        roles[first.name] = info.stance ? forFirst.slice(0, 1) : forFirst;
        const rest = fillers.filter((x) => !roles[first.name].includes(x));
        if (rest.length || info.emptyRole) roles[second.name] = info.stance ? rest.slice(0, 1) : rest.slice(0, 2);
        const attrDef = def.attributes[0];
        const f: Frame = {
          id: unique(info.id),
          type: def.name,
          evidence: { start, end, quote: r.text.slice(start, end) },
          roles,
          attrs: info.attr === undefined ? {} : { [attrDef.name]: attrDef.values[info.attr % attrDef.values.length] },
          origin: info.origin,
          author: r.annotator,
          createdAt: info.createdAt,
        };
        if (info.note !== undefined) f.note = info.note;
        return f;
      });
      // Relations and equivalences between live mentions (or a relation to an event), their evidence the stretch from the first to the last.
      for (const info of r.relationInfo) {
        const def = RELATION_TYPES[info.type];
        const picked = [...new Set(info.ends.map((n) => live[n % Math.max(live.length, 1)]).filter(Boolean))];
        const events = frames.filter((f) => f.type === 'Stance' || f.type === 'Agreement');
        const ends: RoleFiller[] = picked.map((m) => ({ kind: 'mention', mentionId: m.id }));
        const spans: { start: number; end: number }[] = [...picked];
        if (def.relation !== 'equivalence' && info.toFrame && events.length && ends.length) {
          const target = events[info.ends[0] % events.length];
          ends.splice(1, ends.length, { kind: 'frame', frameId: target.id });
          spans.splice(1, spans.length, target.evidence);
        }
        if (ends.length < 2) continue;
        const used = def.relation === 'equivalence' ? ends : ends.slice(0, 2);
        const within = def.relation === 'equivalence' ? spans : spans.slice(0, 2);
        const start = Math.min(...within.map((s) => s.start));
        const end = Math.max(...within.map((s) => s.end));
        const roles: Frame['roles'] = def.relation === 'equivalence' ? { [def.roles[0].name]: used } : { [def.roles[0].name]: [used[0]], [def.roles[1].name]: [used[1]] };
        const f: Frame = { id: unique(info.id), type: def.name, evidence: { start, end, quote: r.text.slice(start, end) }, roles, attrs: info.certain ? { Certain: 'true' } : {}, origin: info.origin, author: r.annotator, createdAt: info.createdAt };
        if (info.note !== undefined) f.note = info.note;
        frames.push(f);
      }
      const document: DatasetDocument['document'] = { id: r.docId, title: r.title, text: r.text, source: r.source };
      if (r.sha256 !== undefined) document.sha256 = r.sha256;
      return { document, annotator: r.annotator, status: r.status, mentions, frames, fields: r.fields };
    });
}

/** A few documents with distinct ids, as one export would hold. */
export function corpusArb(entities: Entity[] = ENTITY_POOL, options: LayerOptions = {}): fc.Arbitrary<DatasetDocument[]> {
  return fc.uniqueArray(documentArb(entities, options), { minLength: 1, maxLength: 3, selector: (d) => d.document.id });
}
