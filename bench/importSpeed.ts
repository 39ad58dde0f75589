/**
 * `npm run bench:import`: only the import figure of the corpus bench
 * (2,000 text files of about 3,000 characters into a fresh workspace, through
 * the steps of `parley import`), five runs, with the time of each step and
 * the load average, since a loaded machine moves the figure.
 */
import { loadavg } from 'node:os';
import { benchImport } from './corpus';

const RUNS = Number(process.env.PARLEY_BENCH_RUNS ?? 5);

async function main(): Promise<void> {
  const runs = [];
  process.stdout.write(`${'run'.padEnd(4)}  ${'docs/s'.padStart(7)}  ${'read+plan ms'.padStart(12)}  ${'write ms'.padStart(9)}  load\n`);
  for (let i = 0; i < RUNS; i++) {
    const r = await benchImport();
    runs.push(r);
    const load = loadavg().map((l) => l.toFixed(2)).join(' ');
    process.stdout.write(`${String(i + 1).padEnd(4)}  ${String(r.docsPerS).padStart(7)}  ${String(r.prepareMs).padStart(12)}  ${String(r.applyMs).padStart(9)}  ${load}\n`);
  }
  const sorted = runs.map((r) => r.docsPerS).sort((a, b) => a - b);
  process.stdout.write(`median ${sorted[Math.floor(sorted.length / 2)]} documents/s (target ≥ 1000)\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`bench: ${(e as Error).stack ?? String(e)}\n`);
  process.exitCode = 1;
});
