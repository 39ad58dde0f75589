/**
 * Relations in the reader as an analyst makes them: a mention, the relation's
 * key, a click on the other mention; the arcs drawn over the text, hidden and
 * shown again by one key.
 */
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, mark, openDocument, sampleWorkspace, selectText, startServer, stopServer, test, type Server } from './helpers';
import { layerOnDisk } from '../../bench/integrity/disk';

const GENEVA_AUGUST = 'Russia and US fail to agree on Syria and Ukraine';

/** A directed relation type on key c: who criticises whom. */
const CRITICIZES = {
  name: 'Criticizes',
  key: 'c',
  color: '#c0392b',
  relation: 'directed',
  attributes: [],
  roles: ['Critic', 'Criticized'].map((name) => ({ name, mentionLabels: [], allowMention: true, allowEntity: false, allowTopic: false, min: 1, max: 1 })),
};

async function relationWorkspace(): Promise<string> {
  const ws = await sampleWorkspace('parley-relations-');
  const file = join(ws, 'schema.json');
  const schema = JSON.parse(await readFile(file, 'utf8'));
  schema.schema.frameTypes.push(CRITICIZES);
  await writeFile(file, JSON.stringify(schema, null, 2));
  return ws;
}

async function withServer(page: Page, run: (server: Server) => Promise<void>, seed?: (ws: string) => Promise<void>): Promise<void> {
  const ws = await relationWorkspace();
  await seed?.(ws);
  const server = await startServer(ws);
  try {
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await page.goto(server.url);
    await expect(page.getByRole('listbox', { name: 'Documents' })).toBeVisible();
    await run(server);
  } finally {
    await stopServer(server);
    await rm(join(ws, '..'), { recursive: true, force: true, maxRetries: 3 });
  }
}

/** Every frame of the one analyst's layers on disk. */
async function framesOnDisk(server: Server): Promise<{ type: string; roles: Record<string, { kind: string; mentionId?: string }[]> }[]> {
  const root = join(server.workspace, 'annotations');
  const out = [];
  for (const who of await readdir(root)) {
    for (const f of (await readdir(join(root, who))).filter((n) => n.endsWith('.json'))) out.push(...((await layerOnDisk(server.workspace, who, f.replace(/\.json$/, '')))?.frames ?? []));
  }
  return out;
}

/** Opens the 27 August article and tags Lavrov and Kerry as PERSON mentions, by mouse and key. */
async function lavrovAndKerry(page: Page): Promise<void> {
  await openDocument(page, GENEVA_AUGUST);
  await selectText(page, 'Russian Foreign Minister Sergei Lavrov');
  await page.keyboard.press('p');
  await selectText(page, 'Secretary of State Kerry');
  await page.keyboard.press('p');
}

test('a relation by click, key and click is saved with both roles, drawn as an arc, and hidden by Alt+R', async ({ page }) => {
  await withServer(page, async (server) => {
    await lavrovAndKerry(page);
    const arcs = page.locator('svg.relation-arcs');
    await expect(arcs.locator('path.arc-line')).toHaveCount(0);

    // Lavrov, the key, then Kerry.
    await mark(page, 'Russian Foreign Minister Sergei Lavrov').first().click();
    await page.keyboard.press('c');
    await mark(page, 'Secretary of State Kerry').first().click();

    // One arc: over one line, or in two halves when its ends are on different lines.
    await expect(arcs.locator('path.arc-head')).toHaveCount(1);
    await expect(arcs.locator('path.arc-line').first()).toBeVisible();
    await expect(arcs.locator('text.arc-label')).toHaveText('Criticizes');
    await expect(arcs).toBeVisible();
    const lavrov = await mark(page, 'Russian Foreign Minister Sergei Lavrov').first().boundingBox();
    const line = await arcs.locator('path.arc-line').first().boundingBox();
    // The arc stands above the text, starting over the source.
    expect(line!.y).toBeLessThan(lavrov!.y);
    expect(line!.x).toBeGreaterThan(lavrov!.x);
    expect(line!.x).toBeLessThan(lavrov!.x + lavrov!.width);

    await expect
      .poll(async () => {
        const rel = (await framesOnDisk(server)).find((f) => f.type === 'Criticizes');
        return rel ? Object.fromEntries(Object.entries(rel.roles).map(([role, fs]) => [role, fs.map((x) => x.kind)])) : null;
      })
      .toEqual({ Critic: ['mention'], Criticized: ['mention'] });
    const layer = (await framesOnDisk(server)).find((f) => f.type === 'Criticizes')!;
    expect(layer.roles.Critic[0].mentionId).not.toEqual(layer.roles.Criticized[0].mentionId);

    // A click on the arc's name selects the relation.
    await arcs.locator('text.arc-label').click();
    await expect(page.getByRole('region', { name: 'Selected frame' })).toContainText('Criticizes');

    // Hidden by one key, and still hidden after a reload; shown again by the same key.
    await page.keyboard.press('Alt+r');
    await expect(arcs.locator('path.arc-line')).toHaveCount(0);
    await page.reload();
    await openDocument(page, GENEVA_AUGUST);
    await expect(mark(page, 'Secretary of State Kerry')).toHaveCount(1);
    await expect(page.locator('svg.relation-arcs path.arc-line')).toHaveCount(0);
    await page.locator('.reader-scroll').focus();
    await page.keyboard.press('Alt+r');
    await expect(page.locator('svg.relation-arcs path.arc-head')).toHaveCount(1);
    await page.screenshot({ path: '/tmp/relations-arc.png' });

    // Undone like any frame change.
    await page.keyboard.press('Control+z');
    await expect(page.locator('svg.relation-arcs path.arc-line')).toHaveCount(0);
    await expect.poll(async () => (await framesOnDisk(server)).filter((f) => f.type === 'Criticizes').length).toBe(0);
  });
});

test('Escape drops a relation waiting for its other mention; ] and Enter pick the target by keys', async ({ page }) => {
  await withServer(page, async (server) => {
    await lavrovAndKerry(page);
    await mark(page, 'Russian Foreign Minister Sergei Lavrov').first().click();
    await page.keyboard.press('c');
    // The source stays marked while the relation waits.
    await expect(mark(page, 'Russian Foreign Minister Sergei Lavrov').first()).toHaveCSS('outline-style', 'dashed');
    await page.keyboard.press('Escape');
    await expect(mark(page, 'Russian Foreign Minister Sergei Lavrov').first()).not.toHaveCSS('outline-style', 'dashed');
    await mark(page, 'Secretary of State Kerry').first().click();
    await expect(page.getByRole('region', { name: 'Selected mention' })).toContainText('Secretary of State Kerry');
    await expect(page.locator('svg.relation-arcs path.arc-line')).toHaveCount(0);
    expect((await framesOnDisk(server)).filter((f) => f.type === 'Criticizes')).toHaveLength(0);

    // By keys alone: the key, ] to the next mention, Enter.
    await mark(page, 'Russian Foreign Minister Sergei Lavrov').first().click();
    await page.keyboard.press('c');
    await page.keyboard.press(']');
    await page.keyboard.press('Enter');
    await expect(page.locator('svg.relation-arcs path.arc-head')).toHaveCount(1);
    await expect.poll(async () => (await framesOnDisk(server)).filter((f) => f.type === 'Criticizes').length).toBe(1);
  });
});

/** Twenty relations and a stance among the words of one line of the 27 August article, in the analyst's own layer, as a fixture. */
async function crowdedLine(ws: string): Promise<void> {
  const { userInfo } = await import('node:os');
  const annotator = userInfo().username.replace(/[^A-Za-z0-9._-]/g, '');
  const docs = join(ws, 'documents');
  let doc: { id: string; text: string; sha256: string } | undefined;
  for (const f of await readdir(docs)) {
    const d = JSON.parse(await readFile(join(docs, f), 'utf8'));
    if (d.title === GENEVA_AUGUST) doc = d;
  }
  const text = doc!.text;
  const from = text.indexOf('Russia and the United States concluded');
  const words = [...text.slice(from, from + 80).matchAll(/[A-Za-z]{3,}/g)];
  const at = '2026-11-20T10:00:00.000Z';
  const mentions = words.map((w, i) => ({ id: `m${i}`, label: 'TOPIC', start: from + w.index!, end: from + w.index! + w[0].length, quote: w[0], origin: 'manual', author: annotator, createdAt: at }));
  const frames = [];
  for (let gap = 1; frames.length < 20; gap++) {
    for (let i = 0; i + gap < mentions.length && frames.length < 20; i++) {
      const [a, b] = gap % 2 ? [mentions[i], mentions[i + gap]] : [mentions[i + gap], mentions[i]];
      const start = Math.min(a.start, b.start);
      const end = Math.max(a.end, b.end);
      frames.push({
        id: `f${frames.length}`,
        type: 'Criticizes',
        evidence: { start, end, quote: text.slice(start, end) },
        roles: { Critic: [{ kind: 'mention', mentionId: a.id }], Criticized: [{ kind: 'mention', mentionId: b.id }] },
        attrs: {},
        origin: 'manual',
        author: annotator,
        createdAt: at,
      });
    }
  }
  // A stance over the same line: its roles drawn from its evidence to the mentions filling them.
  const evidence = mentions[5];
  frames.push({
    id: 'stance',
    type: 'Stance',
    evidence: { start: evidence.start, end: evidence.end, quote: evidence.quote },
    roles: { Holder: [{ kind: 'mention', mentionId: mentions[0].id }], Target: [{ kind: 'mention', mentionId: mentions[8].id }] },
    attrs: {},
    origin: 'manual',
    author: annotator,
    createdAt: at,
  });
  const layer = { version: 1, docId: doc!.id, annotator, textHash: doc!.sha256, status: 'in_progress', mentions, frames, fields: {}, updatedAt: at, history: { undo: [], redo: [] } };
  await mkdir(join(ws, 'annotations', annotator), { recursive: true });
  await writeFile(join(ws, 'annotations', annotator, `${doc!.id}.json`), JSON.stringify(layer));
}

test('twenty relations and the roles of a stance on one line are stacked, in both themes and at both sizes', async ({ page }) => {
  await withServer(
    page,
    async () => {
      await openDocument(page, GENEVA_AUGUST);
      const arcs = page.locator('svg.relation-arcs');
      await expect(arcs.locator('path.arc-head')).toHaveCount(22);
      await expect(arcs.locator('text.arc-label')).toHaveCount(22);
      await expect(arcs.locator('text.arc-label', { hasText: 'Holder' })).toHaveCount(1);
      // No two labels drawn on top of each other.
      const boxes = await arcs.locator('text.arc-label').evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ l: r.left, r: r.right, t: r.top, b: r.bottom })));
      for (const [i, p] of boxes.entries()) for (const q of boxes.slice(i + 1)) expect(p.l < q.r - 1 && q.l < p.r - 1 && p.t < q.b - 1 && q.t < p.b - 1).toBe(false);
      for (const [w, h] of [
        [1024, 700],
        [1920, 1080],
      ]) {
        await page.setViewportSize({ width: w, height: h });
        for (const scheme of ['light', 'dark'] as const) {
          await page.emulateMedia({ colorScheme: scheme });
          await expect(arcs.locator('path.arc-head')).toHaveCount(22);
          await page.locator('.para', { has: page.locator('mark.mention') }).first().scrollIntoViewIfNeeded();
          await page.screenshot({ path: `/tmp/relations-${w}-${scheme}.png` });
        }
      }
    },
    crowdedLine,
  );
});
