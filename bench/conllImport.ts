/**
 * `import_conll_50mb_s` and `import_peak_rss_mb`: a generated CoNLL file
 * just under the 50 MB import limit, imported through the steps of
 * `parley import` (read, plan, write as one bulk change, checkpoint) in a
 * child process of its own, so its peak resident memory is the import's.
 * `npm run bench:conll` runs it alone.
 *
 * The file: documents of about 3,000 tokens behind `-DOCSTART-` lines,
 * sentences of 15 tokens, one mention in seven tokens (B-PERSON, or
 * B-GPE I-GPE), about CoNLL-2003's density. `-- --dense` tags one token in
 * three instead.
 */
import { execFile } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** A sentence's tokens and tags: one mention in seven tokens, or (dense) one token in three a name. */
const SENTENCE = 'Lavrov/B-PERSON met/O his/O counterpart/O in/O New/B-GPE York/I-GPE on/O Friday/O ,/O and/O the/O talks/O went/O on/O'.split(' ').map((t) => t.split('/'));
const DENSE = 'Lavrov/B-PERSON met/O Kerry/B-PERSON in/O Geneva/B-GPE and/O Moscow/B-GPE on/O Syria/B-GPE talks/O the/O ministers/O said/O that/O ceasefire/O'.split(' ').map((t) => t.split('/'));

/** Writes a CoNLL file of `bytes` bytes (to within a sentence). */
export async function writeConll(path: string, bytes: number, dense = false, tokensPerDocument = 3000): Promise<void> {
  const tokens = dense ? DENSE : SENTENCE;
  const out = createWriteStream(path);
  let size = 0;
  let sentences = 0;
  let inDocument = 0;
  let chunk = '-DOCSTART-\tO\n\n';
  for (;;) {
    let sentence = '';
    // Rotated by one a sentence, so sentences differ.
    for (let i = 0; i < tokens.length; i++) {
      const [word, tag] = tokens[(i + sentences) % tokens.length];
      sentence += `${word}\t${tag.startsWith('I-') && i === 0 ? 'O' : tag}\n`;
    }
    sentences++;
    sentence += '\n';
    inDocument += tokens.length;
    if (inDocument >= tokensPerDocument) {
      sentence += '-DOCSTART-\tO\n\n';
      inDocument = 0;
    }
    if (size + chunk.length + sentence.length > bytes) break;
    chunk += sentence;
    if (chunk.length > 1 << 16) {
      size += chunk.length;
      if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
      chunk = '';
    }
  }
  out.end(chunk);
  await new Promise<void>((r) => out.once('finish', () => r()));
}

export interface ConllImportFigures {
  import_conll_50mb_s: number;
  import_peak_rss_mb: number;
  documents: number;
  mentions: number;
}

/** In the child: the import, timed, and the process's peak memory. */
async function child(dir: string, file: string): Promise<void> {
  // As `parley` sets it up before any command.
  await import('../src/main/heap');
  const { prepareImport } = await import('../src/main/datasets/import');
  const { applyImport } = await import('../src/main/datasets/apply');
  const { settleBulk } = await import('../src/main/store/atomicCommit');
  const { Workspace } = await import('../src/main/workspace');
  const ws = await Workspace.create(dir, 'conll', []);
  const t0 = performance.now();
  const prepared = await prepareImport(ws, { paths: [file], format: 'conll' }, 'bench');
  const mentions = prepared.plan.documents.reduce((n, d) => n + d.mentions, 0);
  const summary = await applyImport({ workspace: ws }, prepared);
  await settleBulk(ws.root);
  const seconds = (performance.now() - t0) / 1000;
  ws.close();
  process.stdout.write(JSON.stringify({ seconds, maxRssKb: process.resourceUsage().maxRSS, documents: summary.documentsAdded, mentions }) + '\n');
}

export async function benchConllImport(dense = false, bytes = Math.floor(49.9 * 1024 * 1024)): Promise<ConllImportFigures> {
  const root = await mkdtemp(join(tmpdir(), 'parley-bench-conll-'));
  try {
    const file = join(root, 'big.conll');
    await writeConll(file, bytes, dense);
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', new URL(import.meta.url).pathname, '--child', join(root, 'ws'), file], { maxBuffer: 1 << 20 });
    const r = JSON.parse(stdout.trim().split('\n').pop()!) as { seconds: number; maxRssKb: number; documents: number; mentions: number };
    return { import_conll_50mb_s: Math.round(r.seconds * 10) / 10, import_peak_rss_mb: Math.round(r.maxRssKb / 1024), documents: r.documents, mentions: r.mentions };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') {
  child(process.argv[3], process.argv[4]).catch((e: unknown) => {
    process.stderr.write(`bench: ${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 1;
  });
} else if (process.argv[1] === new URL(import.meta.url).pathname) {
  benchConllImport(process.argv.includes('--dense')).then((f) => {
    process.stdout.write(`| measure | figure | target |\n| --- | --- | --- |\n`);
    process.stdout.write(`| import_conll_50mb_s | ${f.import_conll_50mb_s} (${f.documents.toLocaleString('en')} documents, ${f.mentions.toLocaleString('en')} mentions) | ≤ 60 |\n`);
    process.stdout.write(`| import_peak_rss_mb | ${f.import_peak_rss_mb} | ≤ 1,024 |\n`);
  });
}
