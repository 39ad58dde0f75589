import { execFileSync } from 'node:child_process';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { labelledSeeds } from '../fixtures/seeds';
import { documentRows, expect, openDocument, sampleWorkspace, selectText, startServer, stopServer, test, type Server } from './helpers';
import { layerOnDisk } from '../../bench/integrity/disk';

const THIRD = 'United States and Russian Federation report progress';
const FOURTH = 'Lavrov, Kerry to discuss details';

/** A workspace of the sample articles with the first two labelled (and done) by another analyst, served. */
async function labelledServer(): Promise<Server> {
  const ws = await sampleWorkspace('parley-suggest-e2e-');
  await mkdir(join(ws, 'annotations', 'ana'), { recursive: true });
  for (const d of labelledSeeds().slice(0, 2)) {
    const doc = JSON.parse(await readFile(join(ws, 'documents', `${d.document.id}.json`), 'utf8'));
    const layer = { version: 1, docId: d.document.id, annotator: 'ana', textHash: doc.sha256, status: 'done', mentions: d.mentions, frames: d.frames, fields: {}, updatedAt: '2026-01-01T00:00:00.000Z', history: { undo: [], redo: [] } };
    await writeFile(join(ws, 'annotations', 'ana', `${d.document.id}.json`), JSON.stringify(layer));
  }
  return startServer(ws);
}

async function open(page: Page, server: Server, title: string): Promise<void> {
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(server.url);
  await openDocument(page, title);
}

/** The analyst's own layer for a document, as saved (the one annotator folder that is not ana's). */
async function ownLayer(
  server: Server,
  docId: string,
): Promise<{ status: string; mentions: { start: number; end: number; label: string; quote: string; origin: string }[]; frames: { type: string; origin: string; evidence: { start: number; end: number }; roles: Record<string, unknown[]> }[] } | null> {
  const who = (await readdir(join(server.workspace, 'annotations'))).filter((a) => a !== 'ana');
  for (const a of who) {
    try {
      const layer = await layerOnDisk(server.workspace, a, docId);
      if (layer) return layer as never;
    } catch {
      // not this one
    }
  }
  return null;
}

const current = (page: Page) => page.locator('.doc-text mark.suggestion.current');

async function focused(page: Page): Promise<{ key: string; start: number; end: number; label: string; quote: string }> {
  await expect(current(page).first()).toBeVisible();
  const key = (await current(page).first().getAttribute('data-suggestion'))!;
  const [start, end, label] = key.split(':');
  return { key, start: Number(start), end: Number(end), label, quote: (await current(page).allTextContents()).join('') };
}

test.describe('suggestions learned from the analyst', () => {
  let server: Server;
  test.beforeEach(async () => {
    server = await labelledServer();
  });
  test.afterEach(async () => {
    await stopServer(server);
    await rm(join(server.workspace, '..'), { recursive: true, force: true, maxRetries: 3 });
  });

  test('accept with Enter, accept relabelled with another label key, reject with x: a rejected span is not proposed again', async ({ page }) => {
    const docId = labelledSeeds()[2].document.id;
    await open(page, server, THIRD);
    await expect(page.locator('.doc-text mark.suggestion')).toHaveCount(0);
    await page.keyboard.press('Alt+s');
    // The first request starts the recommender and trains it: allow it time on a busy machine.
    await expect(page.locator('.doc-text mark.suggestion').first()).toBeVisible({ timeout: 45_000 });
    // Faint marks, distinct from labels, with the score on hover.
    const first = await focused(page);
    await expect(current(page).first()).toHaveAttribute('title', new RegExp(`^${first.label} · score 0\\.\\d\\d · (tagger|registry)$`));
    expect(await page.locator('.doc-text mark.mention').count()).toBe(0);

    await page.keyboard.press('Enter');
    await expect(page.locator(`.doc-text mark.mention[data-label="${first.label}"]`).filter({ hasText: first.quote }).first()).toBeVisible();
    await expect(page.locator(`.doc-text mark.suggestion[data-suggestion="${first.key}"]`)).toHaveCount(0);

    const second = await focused(page);
    expect(second.key).not.toBe(first.key);
    const other = second.label === 'ORG' ? { key: 'p', label: 'PERSON' } : { key: 'o', label: 'ORG' };
    await page.keyboard.press(other.key);
    await expect(page.locator(`.doc-text mark.mention[data-label="${other.label}"]`).filter({ hasText: second.quote }).first()).toBeVisible();

    const third = await focused(page);
    await page.keyboard.press('x');
    await expect(page.locator(`.doc-text mark.suggestion[data-suggestion="${third.key}"]`)).toHaveCount(0);

    await expect.poll(async () => (await ownLayer(server, docId))?.mentions.map((m) => `${m.start}:${m.end}:${m.label}:${m.origin}`).sort()).toEqual(
      [`${first.start}:${first.end}:${first.label}:suggested`, `${second.start}:${second.end}:${other.label}:suggested`].sort(),
    );
    // Asked again (after a reload, even), the rejected span is not proposed; the accepted ones are labels now.
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toContainText(THIRD);
    await page.keyboard.press('Alt+s');
    await expect(page.locator('.doc-text mark.suggestion').first()).toBeVisible();
    await expect(page.locator(`.doc-text mark.suggestion[data-suggestion="${third.key}"]`)).toHaveCount(0);
    await expect(page.locator(`.doc-text mark.suggestion[data-suggestion^="${first.start}:${first.end}:"]`)).toHaveCount(0);
  });

  test('accept all above the threshold is one step that Ctrl+Z undoes', async ({ page }) => {
    const docId = labelledSeeds()[2].document.id;
    await open(page, server, THIRD);
    await page.keyboard.press('Alt+s');
    await expect(page.locator('.doc-text mark.suggestion').first()).toBeVisible({ timeout: 45_000 });
    await page.getByRole('tab', { name: /Suggestions/ }).click();
    const threshold = page.getByRole('spinbutton', { name: 'Suggestion threshold' });
    await expect(threshold).toHaveValue('0.5');
    // Typed key by key, as a person types it, and "Accept all" pressed straight after: the threshold typed is the one used.
    await threshold.click();
    await page.keyboard.press('Control+a');
    await page.keyboard.type('0.9');
    await page.getByRole('button', { name: 'Accept all above threshold' }).click();
    await expect(threshold).toHaveValue('0.9');
    const status = page.getByRole('status').filter({ hasText: /Accepted \d+ suggestions?/ });
    await expect(status).toBeVisible();
    const accepted = Number(/Accepted (\d+)/.exec((await status.textContent()) ?? '')?.[1]);
    expect(accepted).toBeGreaterThan(0);
    // None comes back: what was accepted is a label now, drawn and on disk.
    await expect(page.locator('.doc-text mark.suggestion')).toHaveCount(0);
    await expect(page.locator('.doc-text mark.mention[data-first]')).toHaveCount(accepted);
    await expect.poll(async () => (await ownLayer(server, docId))?.mentions.length ?? 0).toBe(accepted);
    // The threshold saved is the last one typed.
    const saved = async () => JSON.parse(await readFile(join(server.workspace, '.parley', 'suggestions.json'), 'utf8')).settings.threshold;
    await expect.poll(saved).toBe(0.9);
    await page.locator('.reader-scroll').focus();
    await page.keyboard.press('Control+z');
    await expect(page.locator('.doc-text mark.mention')).toHaveCount(0);
    await expect.poll(async () => (await ownLayer(server, docId))?.mentions.length).toBe(0);
  });

  test('stream mode: one suggestion at a time with its sentence; a accepts, x rejects, space skips, u undoes', async ({ page }) => {
    const docId = labelledSeeds()[3].document.id;
    await open(page, server, FOURTH);
    await page.keyboard.press('Alt+Shift+S');
    const stream = page.getByRole('region', { name: 'Stream mode' });
    // Stream mode opens once the suggestions are trained: as long a wait as for the first suggestion.
    await expect(stream).toBeVisible({ timeout: 45_000 });
    const progress = stream.getByLabel('Progress');
    await expect(stream.locator('mark.suggestion')).toBeVisible({ timeout: 45_000 });
    await expect(progress).toHaveText(/^0 of \d+ answered$/);
    const total = Number((await progress.textContent())!.split(' ')[2]);
    expect(total).toBeGreaterThan(5);
    const asked = async () => (await stream.locator('mark.suggestion').textContent())!;
    const q1 = await asked();

    await page.keyboard.press('a');
    await expect(progress).toHaveText(/^1 of \d+ answered$/);
    await expect.poll(async () => (await ownLayer(server, docId))?.mentions.map((m) => m.quote)).toEqual([q1]);

    await page.keyboard.press('x');
    await expect(progress).toHaveText(/^2 of \d+ answered$/);
    await page.keyboard.press(' ');
    await expect(progress).toHaveText(/^2 of \d+ answered, 1 skipped$/);
    await page.keyboard.press('u');
    await expect(progress).toHaveText(/^1 of \d+ answered, 1 skipped$/);
    await page.keyboard.press('u');
    await expect(progress).toHaveText(/^0 of \d+ answered, 1 skipped$/);
    await expect.poll(async () => (await ownLayer(server, docId))?.mentions.length).toBe(0);

    await page.keyboard.press('Escape');
    await expect(stream).toBeHidden();
  });

  test('suggestions are never exported and never change a document status', async ({ page }) => {
    await open(page, server, FOURTH);
    await page.keyboard.press('Alt+s');
    await expect(page.locator('.doc-text mark.suggestion').first()).toBeVisible({ timeout: 45_000 });
    const accepted = await focused(page);
    await page.keyboard.press('Enter');
    await expect(page.locator('.doc-text mark.mention')).toHaveCount(1);
    // Another document: suggestions shown, none accepted.
    await openDocument(page, THIRD);
    await page.keyboard.press('Alt+s');
    await expect(page.locator('.doc-text mark.suggestion').first()).toBeVisible();
    await expect(documentRows(page).filter({ hasText: THIRD })).toContainText('Not started');

    const out = join(server.workspace, '..', 'export');
    const annotator = (await readdir(join(server.workspace, 'annotations'))).find((a) => a !== 'ana')!;
    execFileSync(process.execPath, ['bin/parley.js', 'export', '--workspace', server.workspace, '--format', 'native', '--out', out, '--annotator', annotator]);
    const records = (await readFile(join(out, 'documents.jsonl'), 'utf8')).trim().split('\n').slice(1).map((l) => JSON.parse(l));
    const byId = new Map(records.map((r) => [r.document.id, r]));
    const fourth = byId.get(labelledSeeds()[3].document.id);
    expect(fourth.mentions.map((m: { start: number; end: number; label: string }) => `${m.start}:${m.end}:${m.label}`)).toEqual([accepted.key]);
    const third = byId.get(labelledSeeds()[2].document.id);
    expect(third?.mentions ?? []).toEqual([]);
    expect(third?.status ?? 'not_started').toBe('not_started');
  });

  test('a suggested frame accepted from the Suggestions tab is in the layer file, with its role fillers', async ({ page }) => {
    const doc = labelledSeeds()[3].document;
    await open(page, server, FOURTH);
    await page.keyboard.press('Alt+s');
    await expect(page.locator('.doc-text mark.suggestion').first()).toBeVisible({ timeout: 45_000 });
    await page.getByRole('tab', { name: /Suggestions/ }).click();
    const frames = page.getByRole('list', { name: 'Suggested frames' });
    await expect(frames.getByRole('listitem').first()).toBeVisible();
    const item = frames.getByRole('listitem').first();
    const type = (await item.locator('strong').first().textContent())!;
    const count = await frames.getByRole('listitem').count();
    await item.getByRole('button', { name: 'Accept frame' }).click();
    await expect(frames.getByRole('listitem')).toHaveCount(count - 1);
    await expect.poll(async () => (await ownLayer(server, doc.id))?.frames.length ?? 0).toBe(1);
    const frame = (await ownLayer(server, doc.id))!.frames[0];
    expect(frame.type).toBe(type);
    expect(frame.origin).toBe('suggested');
    expect(doc.text.slice(frame.evidence.start, frame.evidence.end).length).toBeGreaterThan(10);
    // Its fillers are mentions of the layer (suggested ones became mentions in the same step).
    const layer = (await ownLayer(server, doc.id))!;
    const fillers = Object.values(frame.roles).flat() as { mentionId: string }[];
    expect(fillers.length).toBeGreaterThan(0);
    for (const f of fillers) expect((layer.mentions as unknown as { id: string }[]).some((m) => m.id === f.mentionId)).toBe(true);
  });

  test('the analyst marks a line as not article text: its suggestions go, and come back when it is article text again', async ({ page }) => {
    const doc = labelledSeeds()[3].document;
    const title = 'Lavrov, Kerry to discuss details of possible agreement on Syria';
    const line = { start: doc.text.indexOf(title), end: doc.text.indexOf(title) + title.length };
    const onLine = async () => {
      const keys = await page.locator('.doc-text mark.suggestion').evaluateAll((ms) => ms.map((m) => (m as HTMLElement).dataset.suggestion ?? ''));
      return keys.map((k) => Number(k.split(':')[0])).filter((s) => s >= line.start && s < line.end).length;
    };
    await open(page, server, FOURTH);
    await page.keyboard.press('Alt+s');
    await expect(page.locator('.doc-text mark.suggestion').first()).toBeVisible({ timeout: 45_000 });
    await expect.poll(onLine).toBeGreaterThan(0);
    await page.getByRole('tab', { name: /Suggestions/ }).click();
    // Any part of the line selected by mouse marks the whole line.
    await selectText(page, 'to discuss details');
    await page.getByRole('button', { name: 'Not article text' }).click();
    const marked = page.getByRole('list', { name: 'Lines marked as not article text' });
    await expect(marked.getByRole('listitem')).toHaveCount(1);
    await expect(marked).toContainText('Lavrov, Kerry to discuss');
    await expect.poll(onLine).toBe(0);
    const saved = JSON.parse(await readFile(join(server.workspace, '.parley', 'suggestions.json'), 'utf8'));
    expect(saved.boilerplate[doc.id]).toEqual([line]);

    await marked.getByRole('button', { name: /Article text again/ }).click();
    await expect(marked).toBeHidden();
    await expect.poll(onLine).toBeGreaterThan(0);
  });

  test('the Suggestions tab measures how much they help: acceptance of what was answered, agreement with the analyst', async ({ page }) => {
    await open(page, server, FOURTH);
    await page.keyboard.press('Alt+s');
    await expect(page.locator('.doc-text mark.suggestion').first()).toBeVisible({ timeout: 45_000 });
    const first = await focused(page);
    await page.keyboard.press('Enter');
    await expect(page.locator(`.doc-text mark.suggestion[data-suggestion="${first.key}"]`)).toHaveCount(0);
    const second = await focused(page);
    await page.keyboard.press('x');
    await expect(page.locator(`.doc-text mark.suggestion[data-suggestion="${second.key}"]`)).toHaveCount(0);
    await page.getByRole('tab', { name: /Suggestions/ }).click();
    await page.getByRole('button', { name: 'Measure how much they help' }).click();
    const acceptance = page.getByRole('table', { name: 'Acceptance' });
    await expect(acceptance.getByRole('row', { name: /^all 1 of 2 50 %$/ })).toBeVisible({ timeout: 45_000 });
    await expect(acceptance.getByRole('row', { name: new RegExp(`^${first.label} 1 of `) })).toBeVisible();
    // ana labelled two documents: the recommender, trained on the other one, is her pseudo-colleague on each.
    await expect(page.getByRole('table', { name: 'Agreement with the recommender' }).getByRole('row', { name: /^ana 2 0\.\d\d/ })).toBeVisible();
    const saved = JSON.parse(await readFile(join(server.workspace, '.parley', 'suggestions.json'), 'utf8'));
    expect(saved.outcomes.map((o: { label: string; acceptedAs: string | null }) => o.acceptedAs)).toEqual([first.label, null]);
  });
});
