/**
 * `npm run bench:diskfull [-- --rounds N] [--json]`: the disk-full loop
 * (bench/integrity/diskfull.ts): rounds × space left (0, 4, 16, 64 KB) ×
 * SIGTERM/SIGKILL, each on a tmpfs of its own. Lost, unreadable, invalid and
 * stale changes accepted must all be 0. Needs root to mount; says why not
 * and exits 0 where it cannot.
 */
import { canMount, diskFullLoop, type DiskFullFigures } from './integrity/diskfull';

async function main(): Promise<void> {
  const i = process.argv.indexOf('--rounds');
  const rounds = i >= 0 ? Number(process.argv[i + 1]) : 3;
  const json = process.argv.includes('--json');
  const why = canMount();
  if (why) {
    console.log(json ? JSON.stringify({ skipped: why }) : `skipped: ${why}`);
    return;
  }
  const figures = await diskFullLoop({ rounds, onTrial: (n, of) => process.stderr.write(`\rtrial ${n}/${of}`) });
  process.stderr.write('\n');
  const targets: Partial<Record<keyof DiskFullFigures, string>> = { other_errors: '0', lost: '0', unreadable: '0', invalid: '0', stale_accepted: '0' };
  if (json) console.log(JSON.stringify({ rounds, ...figures }));
  else {
    console.log(`${rounds} round(s) × 0, 4, 16, 64 KB left × SIGTERM, SIGKILL\n`);
    console.log('| measure | figure | target |\n| --- | --- | --- |');
    for (const [key, value] of Object.entries(figures)) console.log(`| ${key} | ${value.toLocaleString('en')} | ${targets[key as keyof DiskFullFigures] ?? ''} |`);
  }
  const bad = figures.other_errors + figures.lost + figures.unreadable + figures.invalid + figures.stale_accepted;
  process.exitCode = bad === 0 ? 0 : 1;
}

void main();
