/**
 * `npm run bench:fuzz [-- --cases N --seed N]`: the API and every importer fed
 * mutated inputs (bench/integrity/fuzz.ts), 100,000 by default (nine in
 * ten to the API, one in ten to the importers), printed as a table.
 */
import { fuzz } from './integrity/fuzz';

async function main(): Promise<void> {
  const i = process.argv.indexOf('--cases');
  const cases = i >= 0 ? Number(process.argv[i + 1]) : 100_000;
  const j = process.argv.indexOf('--seed');
  const seed = j >= 0 ? Number(process.argv[j + 1]) : 1;
  const importCases = Math.round(cases / 10);
  const figures = await fuzz({ apiCases: cases - importCases, importCases, seed, onProgress: (n) => n % 500 === 0 && process.stderr.write(`\rcase ${n}/${cases}`) });
  process.stderr.write('\n');
  console.log('| measure | figure | target |\n| --- | --- | --- |');
  for (const [key, value] of Object.entries(figures)) console.log(`| ${key} | ${value.toLocaleString('en')} | ${key.endsWith('cases') || key.endsWith('wall') ? '' : '0'} |`);
  const bad = figures.uncaught_exceptions + figures.http_5xx + figures.partial_imports + figures.cases_over_1s;
  process.exitCode = bad === 0 ? 0 : 1;
}

void main();
