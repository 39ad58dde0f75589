/**
 * Corpus speed: a generated workspace of 100,000 documents of about 3,000
 * characters (PARLEY_BENCH_DOCS changes the count), kept in /tmp between runs
 * with its search index, since generating it is not what is measured.
 * Search is timed through the browser host's API, as the UI calls it;
 * import in-process through the same steps as `parley import`; validate as
 * the CLI runs it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { defaultSchema } from '../src/core/defaults';
import { FORMAT_VERSION, type WorkspaceFile } from '../src/core/model';
import { applyImport } from '../src/main/datasets/apply';
import { prepareImport } from '../src/main/datasets/import';
import { entryOf, makeDocument, Workspace } from '../src/main/workspace';
import { rng } from './generate';

export interface CorpusFigures {
  documents: number;
  import_docs_per_s: number;
  list_100k_first_paint_ms: number;
  /** A name on the corpus just imported (no search index yet): start to first page of hits. */
  search_100k_cold_first_ms: number;
  /** The server's CPU time (all threads, user and system) over the same span, in ms: the machine is shared, so wall time is inflated by its load. */
  search_100k_cold_first_cpu_ms: number;
  /** The machine's load average (1 minute) as that search ended. */
  search_100k_cold_load: number;
  /** The same search until its count is final (it reads every document while the index is built). */
  search_100k_cold_all_ms: number;
  search_100k_first_ms: number;
  search_100k_all_ms: number;
  search_100k_hits: number;
  search_regex_100k_ms: number;
  search_regex_100k_cpu_ms: number;
  search_regex_100k_load: number;
  search_regex_hits: number;
  index_build_s: number;
  validate_100k_s: number;
  /** The server's resident memory after the searches, in MB. */
  search_rss_mb: number;
  search_rss_load: number;
  /** The server's peak resident memory from its start to the end of the searches (index built meanwhile), in MB. */
  search_rss_peak_mb: number;
}

const WORDS = (
  'the minister said talks on ceasefire would resume in Geneva after the two delegations met for hours to discuss humanitarian access ' +
  'opposition government coalition agreement council resolution military experts coordination statement envoy process transition ' +
  'security region parties conflict settlement negotiations Moscow Washington Damascus Riyadh a of and to in that was for with'
).split(' ');
const SYLLABLES = ['ka', 'lo', 'mir', 'ven', 'dor', 'sha', 'ti', 'ro', 'nov', 'zel', 'bek', 'an', 'ur', 'os', 'ly', 'gan'];

/** 256 surnames, each in about 3% of the documents: what an analyst looks for. */
const NAMES = Array.from({ length: 256 }, (_, i) => {
  const s = SYLLABLES[i % 16] + SYLLABLES[(i >> 4) % 16] + SYLLABLES[(i * 7 + 3) % 16];
  return s[0].toUpperCase() + s.slice(1);
});
export const QUERY_NAME = NAMES[42];
export const QUERY_REGEX = 'cease\\w+ (would|in) \\w+';

export function corpusText(i: number, chars = 3_000): string {
  const r = rng(i + 1);
  const paras: string[] = [];
  let total = 0;
  while (total < chars) {
    let p = '';
    const target = 300 + Math.floor(r() * 500);
    while (p.length < target) p += (p ? ' ' : '') + (r() < 0.02 ? NAMES[Math.floor(r() * NAMES.length)] : WORDS[Math.floor(r() * WORDS.length)]);
    paras.push(p[0].toUpperCase() + p.slice(1) + '.');
    total += p.length + 3;
  }
  return paras.join('\n\n');
}

async function inBatches<T>(items: number, size: number, work: (i: number) => Promise<T>): Promise<void> {
  for (let i = 0; i < items; i += size) await Promise.all(Array.from({ length: Math.min(size, items - i) }, (_, k) => work(i + k)));
}

/** The generated workspace, written once (no fsync: generation is not measured) and reused. */
async function corpus(count: number): Promise<string> {
  const dir = join(tmpdir(), `parley-bench-corpus-${count}`);
  if (existsSync(join(dir, '.complete'))) return dir;
  await rm(dir, { recursive: true, force: true });
  await mkdir(join(dir, 'documents'), { recursive: true });
  await mkdir(join(dir, 'annotations'), { recursive: true });
  const entries = new Array<ReturnType<typeof entryOf>>(count);
  await inBatches(count, 256, async (i) => {
    const id = `doc${String(i).padStart(6, '0')}`;
    const record = makeDocument(id, `Article ${i}: talks, day ${i % 365}`, corpusText(i), { outlet: `Outlet ${i % 40}`, date: `2016-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}` });
    entries[i] = entryOf(record);
    await writeFile(join(dir, 'documents', `${id}.json`), JSON.stringify(record));
  });
  const ws: WorkspaceFile = { version: FORMAT_VERSION, name: 'bench corpus', schema: defaultSchema(), documents: entries, entities: [] };
  await writeFile(join(dir, 'workspace.json'), JSON.stringify(ws));
  await writeFile(join(dir, '.complete'), '');
  return dir;
}

export async function serve(dir: string, home: string): Promise<{ call: (method: string, args: unknown) => Promise<unknown>; stop: () => void; pageUrl: string; rssMb: () => number; cpuMs: () => number }> {
  const server = spawn(process.execPath, ['bin/parley.js', 'serve', '--workspace', dir], { env: { ...process.env, PARLEY_HOME: home }, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    server.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+)\/\?token=([a-f0-9]+)/.exec(out);
      if (m) resolve(`${m[1]} ${m[2]}`);
    });
    server.on('exit', (c) => reject(new Error(`server exited ${c}`)));
  });
  const [base, token] = url.split(' ');
  const call = async (method: string, args: unknown) => {
    const res = await fetch(`${base}/api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-parley-token': token, origin: base }, body: JSON.stringify(args) });
    const env = (await res.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
    if (!env.ok) throw new Error(`${method}: ${env.error?.message}`);
    return env.value;
  };
  const rssMb = () => Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024);
  // User and system time of all its threads (fields 14 and 15 of /proc/PID/stat, in ticks of 10 ms).
  const cpuMs = () => {
    const fields = readFileSync(`/proc/${server.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  };
  return { call, stop: () => server.kill('SIGTERM'), pageUrl: `${base}/?token=${token}`, rssMb, cpuMs };
}

interface Page {
  hits: unknown[];
  total: number;
  done: boolean;
}

/** One search through the API: wall time until the first page of hits arrives and until the count is final, with the server's CPU time over each, and the machine's load average (1 minute) as it ended. */
interface Timed {
  first: number;
  all: number;
  firstCpu: number;
  allCpu: number;
  hits: number;
  load: number;
}

async function timeSearch(server: { call: (m: string, a: unknown) => Promise<unknown>; cpuMs: () => number }, query: Record<string, unknown>): Promise<Timed> {
  const t0 = performance.now();
  const c0 = server.cpuMs();
  const { searchId } = (await server.call('search.start', { query })) as { searchId: string };
  let first = -1;
  let firstCpu = -1;
  for (;;) {
    const p = (await server.call('search.page', { searchId, offset: 0, limit: first < 0 ? 50 : 0 })) as Page;
    if (first < 0 && p.hits.length > 0) {
      first = performance.now() - t0;
      firstCpu = server.cpuMs() - c0;
    }
    if (p.done) {
      const all = performance.now() - t0;
      const allCpu = server.cpuMs() - c0;
      return { first: first < 0 ? all : first, firstCpu: firstCpu < 0 ? allCpu : firstCpu, all, allCpu, hits: p.total, load: loadavg()[0] };
    }
    await new Promise((r) => setTimeout(r, 2));
  }
}

/** Loading the window until the document list's first rows are painted, median of 3, in headless Chromium. */
export async function listFirstPaint(url: string): Promise<number> {
  const executablePath = existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium') ? (process.env.CHROMIUM_PATH ?? '/usr/bin/chromium') : undefined;
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.addInitScript('window.__name = (f) => f');
    const times: number[] = [];
    for (let run = 0; run < 3; run++) {
      await page.goto('about:blank');
      const t0 = Date.now();
      await page.goto(url);
      await page.locator('.doclist [role="option"]').first().waitFor({ timeout: 120_000 });
      // performance.now() counts from the navigation: until the frame after the first row exists.
      const painted = await page.evaluate(() => new Promise<number>((r) => requestAnimationFrame(() => setTimeout(() => r(performance.now()), 0))));
      times.push(Math.min(painted, Date.now() - t0));
    }
    return Math.round(median(times));
  } finally {
    await browser.close();
  }
}

const note = (line: string) => process.stderr.write(`corpus bench: ${line}\n`);

const round1 = (x: number) => Math.round(x * 10) / 10;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** One import of 2,000 text files into a fresh workspace: documents/s, and the milliseconds of its two steps (read and plan, write). */
export async function benchImport(): Promise<{ docsPerS: number; prepareMs: number; applyMs: number }> {
  const root = await mkdtemp(join(tmpdir(), 'parley-bench-import-'));
  try {
    const src = join(root, 'texts');
    await mkdir(src);
    const n = 2_000;
    await inBatches(n, 256, (i) => writeFile(join(src, `article-${i}.txt`), corpusText(1_000_000 + i)));
    const ws = await Workspace.create(join(root, 'ws'), 'import', []);
    const t0 = performance.now();
    const prepared = await prepareImport(ws, { paths: [src], format: 'text' }, 'bench');
    const t1 = performance.now();
    await applyImport({ workspace: ws }, prepared);
    const t2 = performance.now();
    if (ws.entries.length !== n) throw new Error(`imported ${ws.entries.length} of ${n}`);
    // The background checkpoint is not the import's time, but it must be done before the folder goes.
    await Workspace.settle(ws.root);
    ws.close();
    return { docsPerS: Math.round(n / ((t2 - t0) / 1000)), prepareMs: Math.round(t1 - t0), applyMs: Math.round(t2 - t1) };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

export async function benchCorpus(): Promise<CorpusFigures> {
  const count = Number(process.env.PARLEY_BENCH_DOCS ?? 100_000);
  // `--only search`: the search figures alone (import, validate and the list paint are reported as 0).
  const onlySearch = process.argv.includes('--only') && process.argv[process.argv.indexOf('--only') + 1] === 'search';
  const import_docs_per_s = onlySearch ? 0 : (await benchImport()).docsPerS;
  note(`import: ${import_docs_per_s} documents/s`);
  const dir = await corpus(count);
  note(`corpus of ${count} documents in ${dir}`);
  const home = await mkdtemp(join(tmpdir(), 'parley-bench-home-'));
  await writeFile(join(home, 'settings.json'), JSON.stringify({ annotator: 'bench', lastDocuments: {} }));

  const t0 = performance.now();
  const v = onlySearch ? { status: 0, stdout: '' } : spawnSync(process.execPath, ['bin/parley.js', 'validate', '--workspace', dir], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const validate_100k_s = Math.round((performance.now() - t0) / 100) / 10;
  if (v.status !== 0) throw new Error(`validate found problems in the generated corpus: ${v.stdout.slice(-500)}`);

  note(`validate: ${validate_100k_s} s`);
  // As just imported: no search index yet. The first search reads the documents while the index is built beside it.
  await rm(join(dir, '.parley', 'search'), { recursive: true, force: true });
  const server = await serve(dir, home);
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, server.rssMb())), 200);
  try {
    const list_100k_first_paint_ms = onlySearch ? 0 : await listFirstPaint(server.pageUrl);
    note(`list first paint: ${list_100k_first_paint_ms} ms`);
    const word = { text: QUERY_NAME };
    const cold = await timeSearch(server, word);
    note(`first search, index not built: first hits ${Math.round(cold.first)} ms (CPU ${cold.firstCpu} ms), all ${Math.round(cold.all)} ms (CPU ${cold.allCpu} ms; ${cold.hits} hits; load ${cold.load.toFixed(1)})`);
    const t1 = performance.now();
    for (;;) {
      const status = (await server.call('search.indexStatus', {})) as { ready: boolean; indexed: number; total: number };
      if (status.ready) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const index_build_s = Math.round((performance.now() - t1 + cold.all) / 100) / 10;
    note(`index built ${index_build_s} s after the first search began`);
    const regex = { text: QUERY_REGEX, mode: 'regex' };
    const words: Timed[] = [];
    const regexes: Timed[] = [];
    for (let i = 0; i < 3; i++) words.push(await timeSearch(server, word));
    for (let i = 0; i < 3; i++) regexes.push(await timeSearch(server, regex));
    const regexRun = regexes[regexes.findIndex((r) => r.all === median(regexes.map((x) => x.all)))];
    note(`regular expression: ${Math.round(regexRun.all)} ms (CPU ${regexRun.allCpu} ms; load ${regexRun.load.toFixed(1)})`);
    if (words[0].hits !== cold.hits) throw new Error(`the search read ${cold.hits} hits from the files and ${words[0].hits} through the index`);
    return {
      documents: count,
      import_docs_per_s,
      list_100k_first_paint_ms,
      search_100k_cold_first_ms: Math.round(cold.first),
      search_100k_cold_first_cpu_ms: cold.firstCpu,
      search_100k_cold_load: round1(cold.load),
      search_100k_cold_all_ms: Math.round(cold.all),
      search_100k_first_ms: Math.round(median(words.map((w) => w.first))),
      search_100k_all_ms: Math.round(median(words.map((w) => w.all))),
      search_100k_hits: words[0].hits,
      search_regex_100k_ms: Math.round(regexRun.all),
      search_regex_100k_cpu_ms: regexRun.allCpu,
      search_regex_100k_load: round1(regexRun.load),
      search_regex_hits: regexes[0].hits,
      index_build_s,
      validate_100k_s,
      search_rss_mb: server.rssMb(),
      search_rss_load: round1(loadavg()[0]),
      search_rss_peak_mb: Math.max(peak, server.rssMb()),
    };
  } finally {
    clearInterval(sampler);
    server.stop();
    await rm(home, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('corpus.ts')) {
  benchCorpus().then((f) => process.stdout.write(JSON.stringify(f, null, 1) + '\n'));
}
