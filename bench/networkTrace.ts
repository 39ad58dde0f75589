/**
 * Where the Network view's time goes: a Chromium performance trace and a
 * CPU profile of the page while it opens the 10,000-frame network and while
 * the mouse drags and the wheel zooms it, written to a folder for DevTools
 * (`npm run bench:network-trace -- OUTDIR`), with the frame intervals seen.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { cpuOf, dragAndZoom, minus, networkHost } from './network';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

/** Self time by function, heaviest first, from a CPU profile. */
function topSelf(profile: { nodes: ProfileNode[]; samples?: number[]; timeDeltas?: number[] }, n = 25): string[] {
  const self = new Map<number, number>();
  (profile.samples ?? []).forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas?.[i] ?? 0)));
  const byName = new Map<string, number>();
  for (const node of profile.nodes) {
    const t = self.get(node.id) ?? 0;
    if (!t) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const name = `${functionName || '(anonymous)'} ${url.split('/').pop()}:${lineNumber + 1}`;
    byName.set(name, (byName.get(name) ?? 0) + t);
  }
  return [...byName.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([name, us]) => `${(us / 1000).toFixed(1).padStart(8)} ms  ${name}`);
}

const categories = process.env.TRACE_CATEGORIES?.split(',');
const out = resolve(process.argv[2] ?? join(tmpdir(), 'parley-network-trace'));
await mkdir(out, { recursive: true });
const { url, browser, page, close } = await networkHost();
try {
  const cdp = await page.context().newCDPSession(page);
  await page.goto(url);
  // Once to warm main's kept network, then the traced opening.
  await page.getByRole('button', { name: 'Network' }).click();
  await page.locator('[data-drawn]').waitFor({ timeout: 30_000 });
  await page.goto('about:blank');
  await page.goto(url);
  await page.getByRole('button', { name: 'Network' }).waitFor();
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await browser.startTracing(page, { path: join(out, 'open.trace.json'), screenshots: false });
  await cdp.send('Profiler.start');
  const t0 = await page.evaluate(() => performance.now());
  await page.getByRole('button', { name: 'Network' }).click();
  await page.locator('[data-drawn]').waitFor({ timeout: 30_000 });
  const drawn = Number(await page.locator('[data-drawn]').getAttribute('data-drawn'));
  const open = (await cdp.send('Profiler.stop')).profile;
  await browser.stopTracing();
  await writeFile(join(out, 'open.cpuprofile'), JSON.stringify(open));
  process.stdout.write(`first drawing ${Math.round(drawn - t0)} ms; page CPU while opening:\n${topSelf(open).join('\n')}\n`);

  const box = (await page.getByTestId('network-canvas').boundingBox())!;
  await page.evaluate(() => {
    const w = window as unknown as { __gaps: number[]; __counting: boolean };
    w.__gaps = [];
    w.__counting = true;
    let last = performance.now();
    const tick = (t: number) => {
      w.__gaps.push(t - last);
      last = t;
      if (w.__counting) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await browser.startTracing(page, { path: join(out, 'move.trace.json'), screenshots: false, categories });
  await cdp.send('Profiler.start');
  const cpu0 = cpuOf(process.pid);
  const t1 = Date.now();
  await dragAndZoom(page, box);
  const gaps = await page.evaluate(() => {
    const w = window as unknown as { __gaps: number[]; __counting: boolean };
    w.__counting = false;
    return w.__gaps;
  });
  const wall = Date.now() - t1;
  const cpu = minus(cpuOf(process.pid), cpu0);
  const move = (await cdp.send('Profiler.stop')).profile;
  await browser.stopTracing();
  await writeFile(join(out, 'move.cpuprofile'), JSON.stringify(move));
  const sorted = [...gaps].sort((a, b) => a - b);
  process.stdout.write(
    `\nmoving: ${gaps.length} frames in ${wall} ms (${Math.round((gaps.length / wall) * 1000)} a second); frame gaps median ${sorted[Math.floor(sorted.length / 2)].toFixed(1)} ms, 90th ${sorted[Math.floor(sorted.length * 0.9)].toFixed(1)} ms, longest ${sorted[sorted.length - 1].toFixed(1)} ms; CPU ms by process ${JSON.stringify(cpu)}, ${Math.round(Object.values(cpu).reduce((a, b) => a + b, 0) / gaps.length)} ms a frame; page CPU while moving:\n${topSelf(move).join('\n')}\n\ntraces and profiles in ${out}\n`,
  );
} finally {
  await close();
}
