/**
 * brat's example corpora and tutorials (example-data in brat's repository) through
 * Parley: each corpus imported with all its types added, exported to brat
 * again, and its .ann lines matched with the original's by what they say.
 * Prints, per corpus and line kind, the lines kept of the lines there were.
 *
 *   npm run bench:brat-corpora -- /path/to/brat     (a checkout, or a bare git directory)
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { ImportFile } from '../src/core/formats/types';
import { compareAnn, KINDS, throughParley, type Kept } from './bratLines';

const CORPORA = [
  ...['BioNLP-ST_2011/BioNLP-ST_2011_EPI', 'BioNLP-ST_2011/BioNLP-ST_2011_GE', 'BioNLP-ST_2011/BioNLP-ST_2011_ID', 'BioNLP-ST_2011/BioNLP-ST_2011_REL', 'CoNLL-ST_2002', 'CoNLL-ST_2006', 'NCBI-disease', 'TDT'].map((c) => `corpora/${c}`),
  // The tutorials hold what the corpora lack: entity links (N), notes and attributes on events and relations.
  'tutorials/bio',
  'tutorials/news',
];

/** The corpus files, from a checkout's folder or a bare repository's HEAD. */
function corpusFiles(brat: string, corpus: string): ImportFile[] {
  const base = `example-data/${corpus}`;
  const keep = (p: string) => /\.(txt|ann)$/.test(p) || p.endsWith('annotation.conf');
  if (existsSync(join(brat, base))) {
    const out: ImportFile[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (keep(p)) out.push({ path: relative(join(brat, base), p), text: readFileSync(p, 'utf8') });
      }
    };
    walk(join(brat, base));
    return out;
  }
  const git = (...args: string[]) => execFileSync('git', [`--git-dir=${brat}`, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  return git('ls-tree', '-r', '--name-only', 'HEAD', base)
    .split('\n')
    .filter((p) => p && keep(p))
    .map((p) => ({ path: p.slice(base.length + 1), text: git('show', `HEAD:${p}`) }));
}

function main(): void {
  const brat = process.argv[2] ?? process.env.BRAT_REPO;
  if (!brat) {
    console.error('usage: npm run bench:brat-corpora -- /path/to/brat (a checkout or its bare git directory)');
    process.exit(2);
  }
  const rows: string[][] = [['corpus', ...KINDS.map(String), 'all']];
  const total: Kept = { before: Object.fromEntries(KINDS.map((k) => [k, 0])) as Kept['before'], kept: Object.fromEntries(KINDS.map((k) => [k, 0])) as Kept['kept'] };
  let failed = false;
  const short: string[] = [];
  for (const corpus of CORPORA) {
    const files = corpusFiles(brat, corpus);
    const { anns } = throughParley(files);
    const kept: Kept = { before: { ...total.before, ...Object.fromEntries(KINDS.map((k) => [k, 0])) }, kept: { ...total.kept, ...Object.fromEntries(KINDS.map((k) => [k, 0])) } };
    for (const f of files) if (f.path.endsWith('.ann')) compareAnn(f.text, anns.get(f.path) ?? '', kept);
    const cell = (k: (typeof KINDS)[number]) => (kept.before[k] ? `${kept.kept[k]}/${kept.before[k]}` : '-');
    const all = KINDS.reduce((n, k) => n + kept.before[k], 0);
    const allKept = KINDS.reduce((n, k) => n + kept.kept[k], 0);
    rows.push([corpus.replace(/^corpora\/(BioNLP-ST_2011\/)?/, ''), ...KINDS.map(cell), `${((100 * allKept) / Math.max(all, 1)).toFixed(2)} %`]);
    for (const k of KINDS) {
      total.before[k] += kept.before[k];
      total.kept[k] += kept.kept[k];
      if (kept.before[k] && kept.kept[k] < 0.99 * kept.before[k]) short.push(`${corpus} ${k}`);
    }
  }
  for (const k of KINDS) if (total.kept[k] < 0.99 * total.before[k]) failed = true;
  const all = KINDS.reduce((n, k) => n + total.before[k], 0);
  const allKept = KINDS.reduce((n, k) => n + total.kept[k], 0);
  rows.push(['all', ...KINDS.map((k) => (total.before[k] ? `${total.kept[k]}/${total.before[k]}` : '-')), `${((100 * allKept) / Math.max(all, 1)).toFixed(2)} %`]);
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const r of rows) console.log(r.map((c, i) => c.padEnd(widths[i])).join('  '));
  console.log(failed ? '\nsome line kind kept less than 99 % over all the corpora' : '\nevery line kind kept at least 99 % over all the corpora');
  if (short.length) console.log(`below 99 % in one corpus: ${short.join(', ')}`);
  if (failed) process.exitCode = 1;
}

main();
