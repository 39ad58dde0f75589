/**
 * `npm run bench:concurrency [-- --documents N --rounds N]`: two clients,
 * import jobs, label renames and the CLI racing against one `parley serve`
 * (bench/integrity/concurrency.ts), printed as a table.
 */
import { concurrency } from './integrity/concurrency';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

async function main(): Promise<void> {
  const figures = await concurrency({ documents: arg('documents', 300), rounds: arg('rounds', 3), imports: arg('imports', 3), cliImports: arg('cli-imports', 3) });
  const targets: Partial<Record<keyof typeof figures, string>> = { acknowledged_edits_lost: '0', imported_documents_missing: '0', refused_imports_partly_written: '0', cli_imports_written_around_server: '0' };
  console.log('| measure | figure | target |\n| --- | --- | --- |');
  for (const [key, value] of Object.entries(figures)) console.log(`| ${key} | ${value.toLocaleString('en')} | ${targets[key as keyof typeof figures] ?? ''} |`);
  const bad = figures.acknowledged_edits_lost + figures.imported_documents_missing + figures.refused_imports_partly_written + figures.cli_imports_written_around_server;
  process.exitCode = bad === 0 ? 0 : 1;
}

void main();
