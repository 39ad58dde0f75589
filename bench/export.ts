/**
 * Export speed and memory: a generated workspace of 10,000 documents, each
 * with 100 mentions (10 of them nested or crossing another) and 5 stance
 * frames, exported in-process (the code `datasets.export` runs, without
 * HTTP) to native JSONL, brat and CoNLL.
 *
 * Each format's documents/second is compared with a baseline measured in the
 * same run on the same files: the plainest possible export, which reads
 * each document and layer file, JSON.parses them, JSON.stringifies the pair
 * and appends the line to one file. The baseline reads as many documents
 * ahead as the export does, so the ratios compare the work done per
 * document; the naive one-at-a-time loop is reported too
 * (docs_per_second.baseline_sequential), and is slower than the exports.
 *
 * Memory: process RSS sampled every few milliseconds during the exports of
 * the 10,000-document workspace and, separately, of a 2,000-document one;
 * equal peaks show that memory does not grow with the corpus.
 *
 * `node --import tsx bench/export.ts` prints the figures as a table.
 */
import { execFileSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { defaultSchema } from '../src/core/defaults';
import { FORMAT_VERSION, emptyLayer, type Frame, type WorkspaceFile } from '../src/core/model';
import { runExport } from '../src/main/datasets/export';
import { aheadInOrder as inOrder } from '../src/core/async';
import { entryOf, makeDocument, Workspace } from '../src/main/workspace';
import { seededRandom as rng } from '../src/core/random';
import { article, mentions } from './generate';

const FORMATS = ['native', 'brat', 'conll'] as const;
/** As many documents as the export reads ahead (src/main/datasets/export.ts). */
const READ_AHEAD = 8;
const ANNOTATOR = 'bench';
const MENTIONS = 100;
const FRAMES = 5;

/** A full collection before each measurement, so one run's garbage does not count against the next. */
const gc: () => void = (() => {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
})();

function stanceFrames(ms: ReturnType<typeof mentions>, text: string, seed: number): Frame[] {
  const r = rng(seed);
  const frames: Frame[] = [];
  for (let i = 0; i < FRAMES; i++) {
    const a = Math.floor(r() * (MENTIONS - 20));
    const holder = ms[a];
    const target = ms[a + 1 + Math.floor(r() * 10)];
    const start = Math.min(holder.start, target.start);
    const end = Math.max(holder.end, target.end);
    frames.push({
      id: `f_${i}`,
      type: 'Stance',
      evidence: { start, end, quote: text.slice(start, end) },
      roles: { Holder: [{ kind: 'mention', mentionId: holder.id }], Target: [{ kind: 'mention', mentionId: target.id }] },
      attrs: { Polarity: ['favor', 'against', 'neutral', 'unclear'][i % 4] },
      origin: 'manual',
      author: ANNOTATOR,
      createdAt: '2026-01-01T00:00:00.000Z',
    });
  }
  return frames;
}

/** Writes the workspace files directly (no API, no fsync): generating is not what is measured. */
async function generate(dir: string, count: number): Promise<void> {
  await mkdir(join(dir, 'documents'), { recursive: true });
  await mkdir(join(dir, 'annotations', ANNOTATOR), { recursive: true });
  // 100 distinct article texts, shared round-robin: enough variety, far less generation time.
  const texts = Array.from({ length: 100 }, (_, i) => article(3_000, 1_000 + i));
  const entries = [];
  const batch: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const id = `doc${String(i).padStart(5, '0')}`;
    const text = texts[i % texts.length];
    const record = makeDocument(id, `Document ${i}`, text, { outlet: 'Bench Wire', date: '2026-01-01' });
    entries.push(entryOf(record));
    const ms = mentions(text, MENTIONS, 10, i + 1).sort((a, b) => a.start - b.start || b.end - a.end);
    const layer = { ...emptyLayer(id, ANNOTATOR, record.sha256), status: 'done' as const, mentions: ms, frames: stanceFrames(ms, text, i + 7) };
    batch.push(writeFile(join(dir, 'documents', `${id}.json`), JSON.stringify(record)), writeFile(join(dir, 'annotations', ANNOTATOR, `${id}.json`), JSON.stringify(layer)));
    if (batch.length >= 64) await Promise.all(batch.splice(0));
  }
  await Promise.all(batch);
  const ws: WorkspaceFile = { version: FORMAT_VERSION, name: 'bench', schema: defaultSchema(), documents: entries, entities: [] };
  await writeFile(join(dir, 'workspace.json'), JSON.stringify(ws));
}

/**
 * The plainest export: read, parse, stringify, append. `ahead` documents are
 * read at once: 1 is the naive loop; with the export's own read-ahead the
 * comparison is about the work per document rather than about disk waits,
 * and that is the baseline the ratios use.
 */
async function baseline(ws: Workspace, out: string, ahead: number): Promise<void> {
  const file = createWriteStream(out);
  const read = async (id: string) => ({
    document: JSON.parse(await readFile(ws.documentPath(id), 'utf8')) as unknown,
    layer: JSON.parse(await readFile(ws.layerPath(ANNOTATOR, id), 'utf8')) as unknown,
  });
  for await (const pair of inOrder(ws.entries.map((e) => e.id), read, ahead)) {
    if (!file.write(`${JSON.stringify(pair)}\n`)) await once(file, 'drain');
  }
  file.end();
  await once(file, 'finish');
}

/** Runs `work` while sampling RSS; returns its result and the peak in MB. */
async function sampled<T>(work: () => Promise<T>): Promise<{ value: T; peakMb: number }> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 2);
  try {
    const value = await work();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { value, peakMb: Math.round((peak / 1024 / 1024) * 10) / 10 };
  } finally {
    clearInterval(timer);
  }
}

interface Run {
  dps: Record<string, number>;
  /** Format documents/second over the baseline's, each measured right after its own baseline run. */
  ratios: Record<string, number>;
  peakMb: number;
}

/**
 * Lets the disk catch up (the files just generated or exported) before a
 * measurement, so one run's writeback is not billed to the next.
 */
function settle(): void {
  if (process.platform !== 'win32') execFileSync('sync');
  gc();
}

async function exportAll(root: string, count: number): Promise<Run> {
  const wsDir = join(root, `ws${count}`);
  await generate(wsDir, count);
  const ws = await Workspace.open(wsDir);
  const dps: Record<string, number> = {};
  let peakMb = 0;
  const timed = async (key: string, work: () => Promise<unknown>) => {
    settle();
    const t0 = performance.now();
    const { peakMb: peak } = await sampled(work);
    dps[key] = count / ((performance.now() - t0) / 1000);
    return peak;
  };
  // Warm-up: the first pass pays for the JIT and the disk cache; it is not measured.
  await runExport(ws, { format: 'native', out: join(root, `warm${count}`) }, ANNOTATOR);
  // Each format runs right after a baseline run, and its ratio is taken against that run: other
  // work on the machine then slows both alike rather than skewing one figure.
  // Outputs are removed with the whole folder at the end: removing 30,000 brat files from Node leaves RSS raised for the next measurement.
  const ratios: Record<string, number> = {};
  const baselines: number[] = [];
  for (const format of FORMATS) {
    await timed('baseline', () => baseline(ws, join(root, `baseline-${format}${count}.jsonl`), READ_AHEAD));
    baselines.push(dps.baseline);
    peakMb = Math.max(peakMb, await timed(format, () => runExport(ws, { format, out: join(root, `${format}${count}`) }, ANNOTATOR)));
    ratios[format] = dps[format] / dps.baseline;
  }
  dps.baseline = Math.max(...baselines);
  await timed('baseline_sequential', () => baseline(ws, join(root, `sequential${count}.jsonl`), 1));
  return { dps, ratios, peakMb };
}

const round = (x: number, digits = 0) => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * Each corpus size runs in a fresh Node process, so the peak RSS of one is
 * not raised by what the other (or the generator) left in the heap.
 */
function measureInChild(count: number): Run {
  const out = execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', String(count)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  return JSON.parse(out) as Run;
}

async function child(count: number): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'parley-bench-export-'));
  try {
    process.stdout.write(JSON.stringify(await exportAll(root, count)));
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

export async function benchExport(): Promise<{
  export_native_ratio: number;
  export_brat_ratio: number;
  export_conll_ratio: number;
  export_peak_rss_mb: number;
  export_peak_rss_mb_2000: number;
  docs_per_second: Record<string, number>;
}> {
  const small = measureInChild(2_000);
  const large = measureInChild(10_000);
  const ratio = (f: string) => round(large.ratios[f], 2);
  return {
    export_native_ratio: ratio('native'),
    export_brat_ratio: ratio('brat'),
    export_conll_ratio: ratio('conll'),
    export_peak_rss_mb: large.peakMb,
    export_peak_rss_mb_2000: small.peakMb,
    docs_per_second: Object.fromEntries(Object.entries(large.dps).map(([k, v]) => [k, round(v)])),
  };
}

const childAt = process.argv.indexOf('--child');
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href && childAt > 0) {
  child(Number(process.argv[childAt + 1])).catch((e: unknown) => {
    process.stderr.write(`bench child: ${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 1;
  });
} else if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const t0 = performance.now();
  benchExport().then(
    (r) => {
      const rows: [string, string, string][] = [
        ['export_native_ratio', String(r.export_native_ratio), '≥ 0.5'],
        ['export_brat_ratio', String(r.export_brat_ratio), '≥ 0.25'],
        ['export_conll_ratio', String(r.export_conll_ratio), '≥ 0.25'],
        ['export_peak_rss_mb (10,000 documents)', String(r.export_peak_rss_mb), '≈ the 2,000-document peak'],
        ['export_peak_rss_mb_2000', String(r.export_peak_rss_mb_2000), ''],
        ...Object.entries(r.docs_per_second).map(([k, v]): [string, string, string] => [`docs_per_second.${k}`, v.toLocaleString('en'), '']),
      ];
      const w = Math.max(...rows.map((x) => x[0].length));
      process.stdout.write(`Export: 10,000 documents × ${MENTIONS} mentions and ${FRAMES} frames (in ${round((performance.now() - t0) / 1000)} s)\n\n`);
      for (const [k, v, t] of rows) process.stdout.write(`${k.padEnd(w)}  ${v.padStart(9)}  ${t}\n`);
    },
    (e: unknown) => {
      process.stderr.write(`bench: ${(e as Error).stack ?? String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
