/**
 * The network's speed: computing it and writing GraphML for 10,000 frames
 * over 2,000 entities, and the Network view's first drawing of it and its
 * frame rate while dragged and zoomed, in headless Chromium through the
 * browser host (WebGL on SwiftShader there: no GPU).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
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

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export async function benchNetworkCompute(): Promise<Pick<NetworkFigures, 'network_10k_frames_ms' | 'network_nodes' | 'network_edges'>> {
  const { entities, docs } = networkCorpus();
  const dir = await mkdtemp(join(tmpdir(), 'parley-bench-network-'));
  const schema = defaultSchema();
  const times: number[] = [];
  let nodes = 0;
  let edges = 0;
  try {
    for (let run = 0; run < 7; run++) {
      const t0 = performance.now();
      const net = buildNetwork({ schema, entities, docs });
      await writeNetwork('graphml', net, join(dir, 'net.graphml'));
      times.push(performance.now() - t0);
      nodes = net.nodes.length;
      edges = net.edges.length;
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return { network_10k_frames_ms: Math.round(median(times)), network_nodes: nodes, network_edges: edges };
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

export async function benchNetworkView(): Promise<Pick<NetworkFigures, 'network_view_first_draw_ms' | 'network_view_fps'>> {
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
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.addInitScript('window.__name = (f) => f');
    page.on('pageerror', (e) => process.stderr.write(`page error: ${e.message}\n`));
    const draws: number[] = [];
    let fps = 0;
    for (let run = 0; run < 3; run++) {
      await page.goto('about:blank');
      await page.goto(url);
      await page.getByRole('button', { name: 'Network' }).waitFor();
      // From the click that opens the view to sigma's first drawing of the whole network (asked for, built in main, sent, drawn).
      const t0 = await page.evaluate(() => performance.now());
      await page.getByRole('button', { name: 'Network' }).click();
      await page.locator('[data-drawn]').waitFor({ timeout: 30_000 });
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
      const cx = box.x + box.width / 2;
      const cy = box.y + box.height / 2;
      await page.mouse.move(cx, cy);
      await page.mouse.down();
      for (let i = 0; i < 60; i++) await page.mouse.move(cx + 150 * Math.sin(i / 6), cy + 100 * Math.cos(i / 6));
      await page.mouse.up();
      for (let i = 0; i < 20; i++) await page.mouse.wheel(0, i < 10 ? -120 : 120);
      const frames = await page.evaluate(() => {
        const w = window as unknown as { __frames: number; __counting: boolean };
        w.__counting = false;
        return w.__frames;
      });
      fps = Math.round((frames / (Date.now() - t1)) * 1000);
    }
    return { network_view_first_draw_ms: Math.round(median(draws)), network_view_fps: fps };
  } finally {
    await browser.close();
    server.kill();
    await rm(root, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('network.ts')) {
  const compute = await benchNetworkCompute();
  const view = process.argv.includes('--no-view') ? {} : await benchNetworkView();
  process.stdout.write(JSON.stringify({ ...compute, ...view }) + '\n');
}
