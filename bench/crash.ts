/**
 * `npm run bench:crash [-- --kills N]`: the kill loop (bench/integrity/killloop.ts),
 * 1,000 kills by default, printed as a table. Every figure's target is 0
 * except kills and acknowledged edits.
 */
import { killLoop } from './integrity/killloop';

async function main(): Promise<void> {
  const i = process.argv.indexOf('--kills');
  const kills = i >= 0 ? Number(process.argv[i + 1]) : 1000;
  const figures = await killLoop({ kills, seed: 1, onKill: (n) => process.stderr.write(`\rkill ${n}/${kills}`) });
  process.stderr.write('\n');
  console.log('| measure | figure | target |\n| --- | --- | --- |');
  for (const [key, value] of Object.entries(figures)) {
    const target = key === 'kills' || key === 'acknowledged_edits' ? '' : '0';
    console.log(`| ${key} | ${value.toLocaleString('en')} | ${target} |`);
  }
  const bad = figures.torn_files + figures.acknowledged_edits_lost + figures.workspaces_left_invalid + figures.temp_files_left;
  process.exitCode = bad === 0 ? 0 : 1;
}

void main();
