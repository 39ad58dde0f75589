/** Deterministic synthetic corpora for the benchmarks. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { defaultSchema } from '../src/core/defaults';
import { seededRandom } from '../src/core/random';

/** The benchmarks' seeded generator, so every run measures the same data. */
export const rng = seededRandom;
import { FORMAT_VERSION, emptyLayer, type Mention, type WorkspaceFile } from '../src/core/model';
import { makeDocument, entryOf } from '../src/main/workspace';


const WORDS = (
  'the minister said talks on ceasefire would resume in Geneva after Lavrov and Kerry met for hours to discuss humanitarian access ' +
  'Aleppo opposition government coalition agreement council resolution military experts coordination delegation statement ' +
  'envoy process transition security region parties conflict settlement negotiations Moscow Washington Damascus Riyadh'
).split(' ');

/** Text of about `chars` characters in paragraphs of 300 to 900 characters. */
export function article(chars: number, seed = 1): string {
  const r = rng(seed);
  const paras: string[] = [];
  let total = 0;
  while (total < chars) {
    const target = 300 + Math.floor(r() * 600);
    let p = '';
    while (p.length < target) p += (p ? ' ' : '') + WORDS[Math.floor(r() * WORDS.length)];
    p = p[0].toUpperCase() + p.slice(1) + '.';
    paras.push(p);
    total += p.length + 2;
  }
  return paras.join('\n\n');
}

const LABELS = ['PERSON', 'ORG', 'GPE', 'LOC', 'DATE', 'EVENT', 'TOPIC'];

/** `count` mentions on word boundaries; `overlapping` of them overlap (nest in or cross) another. */
export function mentions(text: string, count: number, overlapping: number, seed = 2): Mention[] {
  const r = rng(seed);
  const words: [number, number][] = [];
  for (const m of text.matchAll(/[A-Za-z]+/g)) words.push([m.index, m.index + m[0].length]);
  const plain = count - overlapping;
  const stride = Math.floor(words.length / plain);
  const out: Mention[] = [];
  const make = (start: number, end: number, i: number): Mention => ({
    id: `m_${i.toString(36)}`,
    label: LABELS[Math.floor(r() * LABELS.length)],
    start,
    end,
    quote: text.slice(start, end),
    origin: 'imported',
    author: 'bench',
    createdAt: '2026-01-01T00:00:00.000Z',
  });
  for (let i = 0; i < plain; i++) {
    const w = i * stride;
    const len = 1 + Math.floor(r() * Math.min(3, stride - 1));
    out.push(make(words[w][0], words[Math.min(w + len - 1, words.length - 1)][1], i));
  }
  for (let j = 0; j < overlapping; j++) {
    const base = out[Math.floor(r() * plain)];
    const w = words.findIndex((x) => x[0] === base.start);
    // Half nest a longer span around the mention, half cross its end.
    const start = r() < 0.5 ? words[Math.max(0, w - 1)][0] : words[w][0] + 1 < base.end ? words[w][0] : base.start;
    const end = words[Math.min(words.length - 1, w + 2 + Math.floor(r() * 2))][1];
    out.push(make(start, Math.max(end, base.end + 1 <= text.length ? end : base.end), plain + j));
  }
  return out;
}

/** Writes a workspace folder directly (no fsync per file: generation is not what is measured). */
export async function writeWorkspace(dir: string, docs: { id: string; title: string; text: string; mentions?: Mention[] }[], annotator: string): Promise<void> {
  await mkdir(join(dir, 'documents'), { recursive: true });
  await mkdir(join(dir, 'annotations', annotator), { recursive: true });
  const entries = [];
  for (const d of docs) {
    const record = makeDocument(d.id, d.title, d.text, {});
    entries.push(entryOf(record));
    await writeFile(join(dir, 'documents', `${d.id}.json`), JSON.stringify(record));
    if (d.mentions) {
      const layer = { ...emptyLayer(d.id, annotator, record.sha256), status: 'in_progress' as const, mentions: d.mentions };
      await writeFile(join(dir, 'annotations', annotator, `${d.id}.json`), JSON.stringify(layer));
    }
  }
  const ws: WorkspaceFile = { version: FORMAT_VERSION, name: 'bench', schema: defaultSchema(), documents: entries, entities: [] };
  await writeFile(join(dir, 'workspace.json'), JSON.stringify(ws));
}
