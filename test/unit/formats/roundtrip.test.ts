import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FORMATS } from '../../../src/core/formats';
import type { DatasetDocument, FormatName } from '../../../src/core/formats/types';
import { isBreak } from '../../../src/core/formats/bratSyntax';
import { asImport, context, corpusArb, ENTITY_POOL, exportDocs, RELATION_TYPES, relationContext, withoutPending } from './helpers';

const LOSSLESS: FormatName[] = ['native', 'brat', 'doccano', 'labelstudio'];

function referenced(docs: DatasetDocument[]): string[] {
  const ids = new Set<string>();
  for (const d of docs) {
    for (const m of d.mentions) if (m.entityId && m.pending !== true) ids.add(m.entityId);
    for (const f of d.frames) for (const xs of Object.values(f.roles)) for (const x of xs) if (x.kind === 'entity') ids.add(x.entityId);
  }
  return [...ids].sort();
}

describe.each(LOSSLESS)('%s round trip', (format) => {
  it('import(export(x)) equals x for random layers with nested and discontinuous mentions, links, notes, frames, relations and equivalences', () => {
    const ctx = relationContext(ENTITY_POOL);
    fc.assert(
      fc.property(corpusArb(ENTITY_POOL, { relations: true }), (docs) => {
        const { files, report } = exportDocs(format, docs, ctx);
        expect(report.dropped).toEqual([]);
        const back = FORMATS[format].read(asImport(files), ctx);
        expect(back.documents).toEqual(docs.map(withoutPending));
        expect(back.entities.map((e) => e.id).sort()).toEqual(referenced(docs));
        expect(back.entities).toEqual(expect.arrayContaining(ENTITY_POOL.filter((e) => referenced(docs).includes(e.id))));
      }),
      { numRuns: 150 },
    );
  });
});

// ---------------------------------------------------------------- files re-saved by the other tool, and the lossy formats

const RELATIONS = new Set(RELATION_TYPES.map((t) => t.name));

/** A layer by what every format states: mention spans and labels, frames by type, evidence (implied by the arguments for relations) and mention fillers (as spans). */
function spans(doc: DatasetDocument, trim: (s: number, e: number) => [number, number] = (s, e) => [s, e]) {
  const live = doc.mentions.filter((m) => m.pending !== true);
  const at = new Map(live.map((m) => [m.id, `${trim(m.start, m.end).join('-')}:${m.label}`]));
  return {
    mentions: live.map((m) => at.get(m.id)!).sort(),
    frames: doc.frames
      .map((f) => `${f.type}@${RELATIONS.has(f.type) ? '' : trim(f.evidence.start, f.evidence.end).join('-')}{${Object.entries(f.roles).flatMap(([r, xs]) => xs.flatMap((x) => (x.kind === 'mention' ? [`${r}=${at.get(x.mentionId)}`] : []))).join(',')}}`)
      .sort(),
  };
}

/** Without Parley's extras, what brat keeps of a span that starts or ends on a line break is its first to last fragment. */
function bratTrim(text: string) {
  return (s: number, e: number): [number, number] => {
    let a = s;
    let b = e;
    while (a < b && isBreak(text.charCodeAt(a))) a++;
    while (b > a && isBreak(text.charCodeAt(b - 1))) b--;
    return a === b ? [s, s] : [a, b];
  };
}

const WITHOUT_EXTRAS: Record<'brat' | 'doccano' | 'labelstudio', (files: Map<string, string>) => Map<string, string>> = {
  // brat itself writes no sidecar.
  brat: (files) => new Map([...files].filter(([p]) => !p.endsWith('.parley.json'))),
  // doccano keeps its own fields; the parley key is what a re-save may lose.
  doccano: (files) => new Map([...files].map(([p, t]) => [p, t.split('\n').map((l) => (l.trim() ? JSON.stringify({ ...JSON.parse(l), parley: undefined }) : l)).join('\n')])),
  // Label Studio's own export: its task, annotation and region ids, no meta.parley.
  labelstudio: (files) =>
    new Map(
      [...files].map(([p, t]) => {
        if (!p.endsWith('tasks.json')) return [p, t];
        const tasks = JSON.parse(t) as { meta?: unknown; annotations: { id?: number; result: { origin?: string }[] }[] }[];
        return [p, JSON.stringify(tasks.map((task, i) => ({ ...task, id: i + 1, meta: undefined, annotations: task.annotations.map((a, j) => ({ ...a, id: 100 * i + j + 1, result: a.result.map((r) => ({ ...r, origin: 'manual' })) })) })))];
      }),
    ),
};

describe.each(['brat', 'doccano', 'labelstudio'] as const)('%s files re-saved without Parley\'s extras', (format) => {
  it('give back every mention span and label and every frame\'s and relation\'s mention fillers, over random astral text', () => {
    const ctx = relationContext(ENTITY_POOL);
    fc.assert(
      fc.property(corpusArb(ENTITY_POOL, { relations: true }), (docs) => {
        const { files } = exportDocs(format, docs, ctx);
        const back = FORMATS[format].read(asImport(WITHOUT_EXTRAS[format](files)), ctx).documents;
        const key = (d: DatasetDocument) => d.document.text;
        const byText = new Map(back.map((d) => [key(d), d]));
        for (const d of docs) {
          const got = back.length === docs.length ? back[docs.indexOf(d)] : byText.get(key(d))!;
          const trim = format === 'brat' ? bratTrim(d.document.text) : undefined;
          const want = spans(d, trim);
          const have = spans(got);
          // Every span comes back where it was (in brat, less the line breaks at its edges; a span of nothing but line breaks becomes empty).
          expect(have.mentions).toEqual(want.mentions);
          expect(have.frames).toEqual(want.frames);
        }
      }),
      { numRuns: 80 },
    );
  });
});

/** Exports random corpora in a lossy format and reads them back, for a check of what survives. */
function lossy(format: 'spacy' | 'conll', numRuns: number, check: (docs: DatasetDocument[], back: DatasetDocument[], written: number) => void): void {
  const ctx = context(ENTITY_POOL);
  fc.assert(
    fc.property(corpusArb(), (docs) => {
      const { files, report } = exportDocs(format, docs, ctx);
      check(docs, FORMATS[format].read(asImport(files), ctx).documents, report.mentions);
    }),
    { numRuns },
  );
}

describe('lossy formats over random astral text', () => {
  it('spaCy: every mention comes back over whole tokens around its own text, with its label', () => {
    lossy('spacy', 80, (docs, back, written) => {
      expect(back.reduce((n, d) => n + d.mentions.length, 0)).toBe(written);
      back.forEach((d, i) => {
        expect(d.document.text).toBe(docs[i].document.text);
        for (const m of d.mentions) {
          // Widened to whole tokens, less white space at its edges: the imported span holds the source's words.
          const source = docs[i].mentions.filter((x) => x.pending !== true && x.label === m.label && x.start < m.end + 1 && m.start < x.end + 1 && m.quote.includes(x.quote.trim()));
          expect(source.length).toBeGreaterThan(0);
        }
      });
    });
  });

  it('CoNLL: the mentions that survive flattening come back with their labels and words', () => {
    lossy('conll', 60, (docs, back, written) => {
      const got = back.flatMap((d) => d.mentions.map((m) => m.label));
      expect(got).toHaveLength(written);
      const labels = docs.flatMap((d) => d.mentions.filter((m) => m.pending !== true).map((m) => m.label));
      for (const l of new Set(got)) expect(got.filter((x) => x === l).length).toBeLessThanOrEqual(labels.filter((x) => x === l).length);
      // Words keep their text: every mention's words are words of the source texts.
      const words = [...new Set(docs.flatMap((d) => d.document.text.split(/\s+/u)))];
      for (const d of back) for (const m of d.mentions) for (const w of m.quote.split(/\s+/u).filter(Boolean)) expect(words.some((x) => x.includes(w))).toBe(true);
    });
  });
});
