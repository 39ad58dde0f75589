/**
 * The network's speed: computing it and writing GraphML for 10,000 frames
 * over 2,000 entities, and the Network view's first drawing of it and its
 * frame rate while dragged and zoomed, in headless Chromium through the
 * browser host (WebGL on SwiftShader there: no GPU).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { defaultSchema } from '../src/core/defaults';
import { FORMAT_VERSION, emptyLayer, type Entity, type Frame, type WorkspaceFile } from '../src/core/model';
import { buildNetwork, type NetworkSourceDoc } from '../src/core/network';
import { writeNetwork } from '../src/main/network/files';
import { entryOf, makeDocument } from '../src/main/workspace';
import { article, rng } from './generate';

export interface NetworkFigures {
  network_10k_frames_ms: number;
  network_nodes: number;
  network_edges: number;
  network_view_first_draw_ms: number;
  network_view_fps: number;
  /** CPU time beside the wall times, which a loaded machine stretches: this process's for the build and write, */
  network_10k_frames_cpu_ms: number;
  /** the browser's and the host's (all processes) from the click to the first drawing, */
  network_view_first_draw_cpu_ms: number;
  /** and the browser's for each frame while dragged and zoomed. */
  network_view_cpu_ms_a_frame: number;
}

const POLARITIES = ['favor', 'against', 'neutral'];
const STATUSES = ['reached', 'proposed', 'in_negotiation', 'failed', 'rejected'];

/** `frames` stances (four in five) and agreements over `entities` actors, some far more active than others, and 200 topics, in 500 dated articles. */
export function networkCorpus(frames = 10_000, entityCount = 2_000, seed = 7): { entities: Entity[]; docs: NetworkSourceDoc[] } {
  const random = rng(seed);
  const entities: Entity[] = Array.from({ length: entityCount }, (_, i) => ({ id: `e${i}`, type: i % 3 ? 'PERSON' : 'ORG', name: `Actor ${i}`, aliases: [] }));
  const actor = () => ({ kind: 'entity' as const, entityId: `e${Math.floor(entityCount * random() ** 1.6)}` });
  const topic = () => ({ kind: 'topic' as const, text: `topic ${Math.floor(200 * random() ** 2)}` });
  const docs: NetworkSourceDoc[] = [];
  const perDoc = Math.ceil(frames / 500);
  for (let d = 0; d * perDoc < frames; d++) {
    const list: Frame[] = [];
    for (let k = 0; k < perDoc && d * perDoc + k < frames; k++) {
      const stance = random() < 0.8;
      const base = { id: `f${d}_${k}`, evidence: { start: 0, end: 10, quote: 'the minist' }, origin: 'manual' as const, author: 'bench', createdAt: '2024-01-01T00:00:00Z' };
      list.push(
        stance
          ? { ...base, type: 'Stance', roles: { Holder: [actor()], Target: [random() < 0.5 ? actor() : topic()] }, attrs: { Polarity: POLARITIES[Math.floor(random() * 3)] } }
          : { ...base, type: 'Agreement', roles: { Party: [actor(), actor()], Topic: [topic()] }, attrs: { Status: STATUSES[Math.floor(random() * 5)] } },
      );
    }
    const day = new Date(Date.UTC(2024, 0, 1 + Math.floor(d / 2))).toISOString().slice(0, 10);
    docs.push({ id: `doc${String(d).padStart(4, '0')}`, title: `Article ${d}`, date: day, status: 'done', frames: list, mentions: [] });
  }
  return { entities, docs };
}

/** CPU time (ms) of a process and all it started, by kind of Chromium process, from /proc. */
/** The view's workout: a drag of 60 moves in a loop round the centre, then ten wheel steps in and ten out. */
export async function dragAndZoom(page: Page, box: { x: number; y: number; width: number; height: number }): Promise<void> {
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  for (let i = 0; i < 60; i++) await page.mouse.move(cx + 150 * Math.sin(i / 6), cy + 100 * Math.cos(i / 6));
  await page.mouse.up();
  for (let i = 0; i < 20; i++) await page.mouse.wheel(0, i < 10 ? -120 : 120);
}

export function cpuOf(root: number): Record<string, number> {
  const tick = 10;
  const stats = new Map<number, { ppid: number; ms: number; kind: string }>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8');
      const kind = /--type=([a-z-]+)/.exec(cmd)?.[1] ?? (/chrom/.test(cmd) ? 'browser' : 'node');
      stats.set(Number(name), { ppid: Number(f[1]), ms: (Number(f[11]) + Number(f[12])) * tick, kind });
    } catch {
      // gone meanwhile
    }
  }
  const mine = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, s] of stats) {
      if (mine.has(pid) || !mine.has(s.ppid)) continue;
      mine.add(pid);
      grew = true;
    }
  }
  const out: Record<string, number> = {};
  for (const pid of mine) {
    const s = stats.get(pid);
    if (s) out[s.kind] = (out[s.kind] ?? 0) + s.ms;
  }
  return out;
}
export const minus = (a: Record<string, number>, b: Record<string, number>) => Object.fromEntries(Object.entries(a).map(([k, v]) => [k, v - (b[k] ?? 0)]));

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const total = (cpu: Record<string, number>) => Object.values(cpu).reduce((a, b) => a + b, 0);

export async function benchNetworkCompute(): Promise<Pick<NetworkFigures, 'network_10k_frames_ms' | 'network_10k_frames_cpu_ms' | 'network_nodes' | 'network_edges'>> {
  const { entities, docs } = networkCorpus();
  const dir = await mkdtemp(join(tmpdir(), 'parley-bench-network-'));
  const schema = defaultSchema();
  const times: number[] = [];
  const cpus: number[] = [];
  let nodes = 0;
  let edges = 0;
  try {
    for (let run = 0; run < 7; run++) {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      const net = buildNetwork({ schema, entities, docs });
      await writeNetwork('graphml', net, join(dir, 'net.graphml'));
      times.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpus.push((c.user + c.system) / 1000);
      nodes = net.nodes.length;
      edges = net.edges.length;
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return { network_10k_frames_ms: Math.round(median(times)), network_10k_frames_cpu_ms: Math.round(median(cpus)), network_nodes: nodes, network_edges: edges };
}

/** The same corpus as a workspace the browser host serves, the frames in the analyst's layers. */
async function writeNetworkWorkspace(dir: string, annotator: string): Promise<void> {
  const { entities, docs } = networkCorpus();
  await mkdir(join(dir, 'documents'), { recursive: true });
  await mkdir(join(dir, 'annotations', annotator), { recursive: true });
  const text = article(1_200, 5);
  const entries = [];
  for (const d of docs) {
    const record = makeDocument(d.id, d.title, text, { date: d.date });
    entries.push(entryOf(record));
    await writeFile(join(dir, 'documents', `${d.id}.json`), JSON.stringify(record));
    const frames = d.frames.map((f) => ({ ...f, evidence: { start: 0, end: 10, quote: text.slice(0, 10) } }));
    await writeFile(join(dir, 'annotations', annotator, `${d.id}.json`), JSON.stringify({ ...emptyLayer(d.id, annotator, record.sha256), status: 'done', frames }));
  }
  const ws: WorkspaceFile = { version: FORMAT_VERSION, name: 'bench network', schema: defaultSchema(), documents: entries, entities };
  await writeFile(join(dir, 'workspace.json'), JSON.stringify(ws));
}

/** The browser host serving that corpus and a Chromium page on it, as the view's measurements use them. */
export async function networkHost(): Promise<{ url: string; browser: Browser; page: Page; close: () => Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), 'parley-bench-netview-'));
  const home = join(root, 'home');
  await mkdir(home, { recursive: true });
  await writeFile(join(home, 'settings.json'), JSON.stringify({ annotator: 'bench', lastDocuments: {} }));
  await writeNetworkWorkspace(join(root, 'ws'), 'bench');
  const server = spawn(process.execPath, ['bin/parley.js', 'serve', '--workspace', join(root, 'ws')], { env: { ...process.env, PARLEY_HOME: home }, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    server.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[a-f0-9]+)/.exec(out);
      if (m) resolve(m[1]);
    });
    server.on('exit', (c) => reject(new Error(`server exited ${c}`)));
  });
  const executablePath = existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium') ? (process.env.CHROMIUM_PATH ?? '/usr/bin/chromium') : undefined;
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.addInitScript('window.__name = (f) => f');
  page.on('pageerror', (e) => process.stderr.write(`page error: ${e.message}\n`));
  const close = async () => {
    await browser.close();
    server.kill();
    await rm(root, { recursive: true, force: true });
  };
  return { url, browser, page, close };
}

export async function benchNetworkView(): Promise<Pick<NetworkFigures, 'network_view_first_draw_ms' | 'network_view_fps' | 'network_view_first_draw_cpu_ms' | 'network_view_cpu_ms_a_frame'>> {
  const { url, page, close } = await networkHost();
  try {
    const draws: number[] = [];
    const drawCpus: number[] = [];
    let fps = 0;
    let frameCpu = 0;
    for (let run = 0; run < 3; run++) {
      await page.goto('about:blank');
      await page.goto(url);
      await page.getByRole('button', { name: 'Network' }).waitFor();
      // From the click that opens the view to sigma's first drawing of the whole network (asked for, built in main, sent, drawn).
      const t0 = await page.evaluate(() => performance.now());
      const c0 = cpuOf(process.pid);
      await page.getByRole('button', { name: 'Network' }).click();
      await page.locator('[data-drawn]').waitFor({ timeout: 30_000 });
      drawCpus.push(total(minus(cpuOf(process.pid), c0)));
      const drawn = await page.locator('[data-drawn]').getAttribute('data-drawn');
      draws.push(Number(drawn) - t0);
      if (run < 2) continue;
      // Frames a second while the mouse drags the drawing and the wheel zooms it, with the layout still running in its worker.
      const box = (await page.getByTestId('network-canvas').boundingBox())!;
      await page.evaluate(() => {
        const w = window as unknown as { __frames: number; __counting: boolean };
        w.__frames = 0;
        w.__counting = true;
        const tick = () => {
          w.__frames++;
          if (w.__counting) requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      });
      const t1 = Date.now();
      const c1 = cpuOf(process.pid);
      await dragAndZoom(page, box);
      const frames = await page.evaluate(() => {
        const w = window as unknown as { __frames: number; __counting: boolean };
        w.__counting = false;
        return w.__frames;
      });
      fps = Math.round((frames / (Date.now() - t1)) * 1000);
      const moving = minus(cpuOf(process.pid), c1);
      frameCpu = Math.round((total(moving) - (moving.node ?? 0)) / frames);
    }
    return { network_view_first_draw_ms: Math.round(median(draws)), network_view_first_draw_cpu_ms: Math.round(median(drawCpus)), network_view_fps: fps, network_view_cpu_ms_a_frame: frameCpu };
  } finally {
    await close();
  }
}

if (process.argv[1]?.endsWith('network.ts')) {
  const compute = await benchNetworkCompute();
  const view = process.argv.includes('--no-view') ? {} : await benchNetworkView();
  process.stdout.write(JSON.stringify({ ...compute, ...view }) + '\n');
}
