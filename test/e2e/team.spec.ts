/**
 * A team from the window, with two real `parley serve` servers on two
 * clones of one shared workspace: share from the window, join from the
 * start screen as dana and edit (her layer, not the OS user's), sync both
 * ways, and blind double annotation keeping suggestions to one's own layer.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { test as base, type Page } from '@playwright/test';
import { expect, openDocument, phraseEnds, sampleWorkspace, selectText, startServer, stopServer, writeColleagueLayer, type Server } from './helpers';

const parley = (...args: string[]) => execFileSync(process.execPath, ['bin/parley.js', ...args], { encoding: 'utf8' });
const SHOTS = process.env.PARLEY_SHOTS ?? join(tmpdir(), 'parley-team-shots');
const DOC = '001_87e902bd9fffe0f8';

/** Types into a field as a person does: a click, then the keys. */
async function typeInto(page: Page, label: string, text: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).click();
  await page.keyboard.type(text);
}

/** The screen at the two window sizes, light and dark, for looking at; in each theme, axe finds nothing serious (contrast included). */
async function shoot(page: Page, name: string): Promise<void> {
  await mkdir(SHOTS, { recursive: true });
  const size = page.viewportSize()!;
  for (const [w, h] of [
    [1024, 700],
    [1920, 1080],
  ]) {
    await page.setViewportSize({ width: w, height: h });
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await expect(page.locator('html')).toHaveAttribute('data-theme', scheme);
      await page.screenshot({ path: join(SHOTS, `${name}-${w}x${h}-${scheme}.png`) });
      if (w === 1024) {
        const r = await new AxeBuilder({ page }).options({ resultTypes: ['violations'] }).analyze();
        const serious = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
        expect(serious.map((v) => `${name} ${scheme}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
      }
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize(size);
}

async function layerFiles(ws: string, annotator: string): Promise<string[]> {
  const dir = join(ws, 'annotations', annotator);
  return existsSync(dir) ? (await readdir(dir)).filter((f) => f.endsWith('.json')) : [];
}

async function mentionsIn(ws: string, annotator: string, docId: string): Promise<{ quote: string; label: string }[]> {
  // The layer's journal is folded into its file when the server stops or syncs; read after either.
  return JSON.parse(await readFile(join(ws, 'annotations', annotator, `${docId}.json`), 'utf8')).mentions;
}

base('share from the window: Ctrl+Shift+S on an unshared workspace opens Share, no restart, the tab keeps working', async ({ page }) => {
  base.setTimeout(180_000);
  const ws = await sampleWorkspace('parley-share-e2e-');
  const remote = join(ws, '..', 'team.git');
  const server = await startServer(ws);
  try {
    await page.goto(server.url);
    await expect(page.getByRole('listbox', { name: 'Documents' })).toBeVisible();
    const sync = page.getByRole('group', { name: 'Team sync' });
    await expect(sync.getByRole('button', { name: 'Share…' })).toBeVisible();
    await page.keyboard.press('Control+Shift+S');
    const dialog = page.getByRole('dialog', { name: 'Share this workspace' });
    await expect(dialog).toBeVisible();
    await typeInto(page, 'Shared folder or URL', remote);
    await shoot(page, 'share-dialog');
    await dialog.getByRole('button', { name: 'Share', exact: true }).click();
    await expect(dialog).toBeHidden({ timeout: 60_000 });
    await expect(page.getByRole('status').filter({ hasText: 'Shared to' })).toContainText('5 documents');
    await expect(sync.getByRole('button', { name: 'Up to date' })).toBeVisible();
    await shoot(page, 'topbar-up-to-date');

    // The same tab, the same token: an edit is saved and counted as a change to send.
    await openDocument(page, 'Lavrov: Russia and USA');
    await selectText(page, 'Lavrov');
    await page.keyboard.press('p');
    await expect(sync.getByRole('button', { name: '1 change to send' })).toBeVisible({ timeout: 20_000 });
    await shoot(page, 'topbar-to-send');
    await sync.getByRole('button', { name: '1 change to send' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Synced' })).toContainText('went out');
    await expect(sync.getByRole('button', { name: 'Up to date' })).toBeVisible();

    // What went out is in the shared repository: a colleague joining gets the workspace and the layer.
    const copy = join(ws, '..', 'colleague');
    parley('join', remote, copy, '--annotator', 'colleague');
    expect(JSON.parse(await readFile(join(copy, 'team.json'), 'utf8')).lead).toBe((await page.getByRole('button', { name: /^Annotator/ }).textContent())!.replace('Annotator ', ''));
    expect((await layerFiles(copy, (await page.title()).split(' · ')[2])).length).toBe(1);
  } finally {
    await stopServer(server);
    await rm(join(ws, '..'), { recursive: true, force: true, maxRetries: 3 });
  }
});

base('join as dana from the start screen and edit: her layer, not the OS user’s; the lead’s window brings it in', async ({ page, browser }) => {
  base.setTimeout(240_000);
  const root = await mkdtemp(join(tmpdir(), 'parley-join-e2e-'));
  const remote = join(root, 'shared.git');
  parley('init', '--workspace', join(root, 'lead'));
  parley('share', '--workspace', join(root, 'lead'), '--remote', remote, '--annotator', 'lead');
  // dana's machine: Parley opens on a workspace of its own first, as the OS user.
  const start = await sampleWorkspace('parley-start-e2e-');
  const servers: Server[] = [];
  try {
    const mine = await startServer(start);
    servers.push(mine);
    await page.goto(mine.url);
    await expect(page.getByRole('listbox', { name: 'Documents' })).toBeVisible();
    const osUser = (await page.getByRole('button', { name: /^Annotator/ }).textContent())!.replace('Annotator ', '');
    expect(osUser).not.toBe('dana');

    await page.keyboard.press('Control+O');
    const startScreen = page.getByRole('dialog', { name: 'Open workspace' });
    await expect(startScreen).toBeVisible();
    await startScreen.getByRole('button', { name: 'Join a shared workspace…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Join a shared workspace' });
    await expect(dialog).toBeVisible();
    await typeInto(page, 'Shared workspace', remote);
    await typeInto(page, 'Folder for your copy', join(root, 'dana'));
    await typeInto(page, 'Your name as analyst', 'dana');
    await shoot(page, 'join-dialog');
    await dialog.getByRole('button', { name: 'Join', exact: true }).click();
    await expect(dialog).toBeHidden({ timeout: 60_000 });
    await expect(page.getByRole('status').filter({ hasText: 'Joined' })).toContainText('as dana');

    // The window is dana's now: its title and top bar say so.
    await expect(page).toHaveTitle(/^Parley · .+ · dana$/);
    await expect(page.getByRole('button', { name: /^Annotator/ })).toHaveText('Annotator dana');
    const sync = page.getByRole('group', { name: 'Team sync' });
    await expect(sync.getByRole('button', { name: 'Up to date' })).toBeVisible();

    await openDocument(page, 'Lavrov: Russia and USA');
    await selectText(page, 'Lavrov');
    await page.keyboard.press('p');
    await expect(sync.getByRole('button', { name: '1 change to send' })).toBeVisible({ timeout: 20_000 });
    await sync.getByRole('button', { name: '1 change to send' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Synced' })).toContainText('went out: 1 layer (dana 1)');
    expect(await mentionsIn(join(root, 'dana'), 'dana', DOC)).toEqual([expect.objectContaining({ quote: 'Lavrov', label: 'PERSON' })]);
    expect(await layerFiles(join(root, 'dana'), osUser)).toEqual([]);
    expect(await layerFiles(start, osUser)).toEqual([]);
    expect(await layerFiles(start, 'dana')).toEqual([]);

    // The lead's own server and window: a sync brings dana's layer in.
    const lead = await startServer(join(root, 'lead'));
    servers.push(lead);
    const leadWindow = await browser.newContext();
    const leadPage = await leadWindow.newPage();
    await leadPage.goto(lead.url);
    await expect(leadPage).toHaveTitle(/^Parley · .+ · lead$/);
    const leadSync = leadPage.getByRole('group', { name: 'Team sync' });
    await leadSync.getByRole('button', { name: /Up to date|change/ }).click();
    await expect(leadPage.getByRole('status').filter({ hasText: 'Synced' })).toContainText('came in: 1 layer (dana 1)');
    await expect(leadPage.locator(`[data-doc-id="${DOC}"]`).getByLabel('Also labelled by')).toHaveText('dana: in progress');
    await leadWindow.close();
  } finally {
    for (const s of servers) await stopServer(s);
    await rm(root, { recursive: true, force: true, maxRetries: 3 });
    await rm(join(start, '..'), { recursive: true, force: true, maxRetries: 3 });
  }
});

/** A team on the CLI: the lead shares the sample workspace (blind annotation auto), ana and ben join it; the folder holding the three copies. */
async function leadAnaAndBen(prefix: string): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), prefix));
  const remote = join(root, 'shared.git');
  parley('init', '--workspace', join(root, 'lead'));
  parley('share', '--workspace', join(root, 'lead'), '--remote', remote, '--annotator', 'lead');
  parley('join', remote, join(root, 'ana'), '--annotator', 'ana');
  parley('join', remote, join(root, 'ben'), '--annotator', 'ben');
  return root;
}

/** One analyst's layer of a sample article as the hand-labelled fixture has it (its first `n` mentions, all when n is 0). */
async function fixtureLayer(ws: string, annotator: string, docId: string, n = 0): Promise<void> {
  const lines = (await readFile('test/fixtures/seeds-labelled.jsonl', 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const labelled = lines.find((l) => l.document?.id === docId);
  const mentions: { quote: string; label: string; start: number }[] = n ? labelled.mentions.slice(0, n) : labelled.mentions;
  const text: string = labelled.document.text;
  // As the colleague's Parley saved them: by occurrence of each quote in the text.
  await writeColleagueLayer(
    ws,
    docId,
    annotator,
    mentions.map((m, i) => [`${annotator}${i}`, m.quote, m.label, text.slice(0, m.start).split(m.quote).length - 1] as [string, string, string, number]),
  );
}

/** One analyst's finished layer of a sample article, mentions and frames, as the hand-labelled fixture has it. */
async function fixtureLayerWithFrames(ws: string, annotator: string, docId: string): Promise<number> {
  const lines = (await readFile('test/fixtures/seeds-labelled.jsonl', 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const labelled = lines.find((l) => l.document?.id === docId);
  const doc = JSON.parse(await readFile(join(ws, 'documents', `${docId}.json`), 'utf8'));
  const layer = { version: 1, docId, annotator, textHash: doc.sha256, status: 'done', mentions: labelled.mentions, frames: labelled.frames, fields: {}, updatedAt: '2026-11-20T10:00:00.000Z', history: { undo: [], redo: [] } };
  await mkdir(join(ws, 'annotations', annotator), { recursive: true });
  await writeFile(join(ws, 'annotations', annotator, `${docId}.json`), JSON.stringify(layer));
  return labelled.frames.length;
}

/** Chooses an option of a select as a person does: a click opens it, the arrow keys move, Enter takes. */
async function choose(page: Page, label: string, option: string): Promise<void> {
  const select = page.getByLabel(label, { exact: true });
  const options = await select.locator('option').allTextContents();
  const from = options.indexOf((await select.locator('option:checked').textContent())!);
  const to = options.indexOf(option);
  expect(to, `${option} among ${options.join(', ')}`).toBeGreaterThanOrEqual(0);
  await select.click();
  for (let i = from; i !== to; i += to > from ? 1 : -1) await page.keyboard.press(to > from ? 'ArrowDown' : 'ArrowUp');
  await page.keyboard.press('Enter');
  await expect(select.locator('option:checked')).toHaveText(option);
}

/** The Suggestions tab's list: quote, label and score of each suggestion shown. */
async function suggestionsShown(page: Page): Promise<{ quote: string; label: string; score: string }[]> {
  const items = page.getByRole('tabpanel').or(page.locator('.tab-body')).locator('li.suggestion button.context');
  const out: { quote: string; label: string; score: string }[] = [];
  for (const text of await items.allTextContents()) {
    const m = /^(.*) (\S+) · ([\d.]+) · (\S+)$/s.exec(text.trim());
    if (m) out.push({ quote: m[1].trim(), label: m[2], score: m[3] });
  }
  return out;
}

base('blind double annotation: on a document a colleague labelled, suggestions learn only from one’s own layer', async ({ page }) => {
  base.setTimeout(240_000);
  const root = await leadAnaAndBen('parley-blind-e2e-');
  // ben has labelled the article; ana has labelled another one and now starts this one.
  await fixtureLayer(join(root, 'ben'), 'ben', DOC);
  parley('sync', '--workspace', join(root, 'ben'));
  await fixtureLayer(join(root, 'ana'), 'ana', '000_6fed144dc0cfb78b', 12);
  parley('sync', '--workspace', join(root, 'ana'));
  expect(parley('team', '--workspace', join(root, 'ana'))).toContain('Blind double annotation: on');

  const server = await startServer(join(root, 'ana'));
  try {
    await page.goto(server.url);
    await openDocument(page, 'Lavrov: Russia and USA');
    await page.getByRole('tab', { name: /^Suggestions/ }).click();
    await page.getByRole('button', { name: 'Suggest (Alt+S)' }).click();
    const head = page.locator('.recommender .group-head');
    await expect(head).toContainText('learned from 1 layers', { timeout: 60_000 });
    const blind = await suggestionsShown(page);
    // What ana labelled herself, and what only ben's layer of this article holds.
    const own = new Set((await mentionsIn(join(root, 'ana'), 'ana', '000_6fed144dc0cfb78b')).map((m) => `${m.quote}/${m.label}`));
    const bens = (await mentionsIn(join(root, 'ana'), 'ben', DOC)).map((m) => `${m.quote}/${m.label}`);
    const benOnly = new Set(bens.filter((k) => !own.has(k)));
    expect(benOnly.size).toBeGreaterThan(10);
    // No colleague's answer comes back: a suggestion at 1.00 is one of ana's own labels, and none is ben's alone.
    for (const s of blind) {
      if (s.score === '1.00') expect(own).toContain(`${s.quote}/${s.label}`);
      expect(benOnly).not.toContain(`${s.quote}/${s.label}`);
    }
    await shoot(page, 'blind-suggestions');

    parley('team', '--workspace', join(root, 'lead'), '--blind', 'off');
    parley('sync', '--workspace', join(root, 'lead'));
    const sync = page.getByRole('group', { name: 'Team sync' });
    await sync.getByRole('button', { name: /Up to date|change/ }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Synced' })).toBeVisible();
    await page.getByRole('button', { name: 'Suggest (Alt+S)' }).click();
    // Blind annotation off: the recommender learns from both layers, and ben's labels of this very article come back, which is what blind annotation prevents.
    await expect(head).toContainText('learned from 2 layers', { timeout: 60_000 });
    const open = await suggestionsShown(page);
    // Shown above the default threshold; calibrated on two layers, no score is near certainty.
    expect(open.filter((s) => benOnly.has(`${s.quote}/${s.label}`) && Number(s.score) >= 0.5).length).toBeGreaterThan(0);
  } finally {
    await stopServer(server);
    await rm(root, { recursive: true, force: true, maxRetries: 3 });
  }
});

base('Corpus: a layer switch (mine, gold, each colleague’s, all) for the lead, only one’s own while blind; the lead turns blind annotation off in Settings', async ({ page, browser }) => {
  base.setTimeout(240_000);
  const root = await leadAnaAndBen('parley-corpus-e2e-');
  const bens = await fixtureLayerWithFrames(join(root, 'ben'), 'ben', '004_8524de8df0f8b196');
  parley('sync', '--workspace', join(root, 'ben'));
  const anas = await fixtureLayerWithFrames(join(root, 'ana'), 'ana', '000_6fed144dc0cfb78b');
  parley('sync', '--workspace', join(root, 'ana'));
  parley('sync', '--workspace', join(root, 'lead'));
  const servers: Server[] = [];
  try {
    const anaServer = await startServer(join(root, 'ana'));
    servers.push(anaServer);
    await page.goto(anaServer.url);
    await page.getByRole('button', { name: 'Corpus', exact: true }).click();
    const corpus = page.getByRole('region', { name: 'Corpus view' });
    const rows = corpus.locator('.frames-table tbody tr');
    await expect(rows).toHaveCount(anas);
    await expect(corpus.getByLabel('Layer', { exact: true }).locator('option')).toHaveText(['Mine (ana)']);
    await expect(corpus).toContainText('Blind annotation is on: you see only your own layer until the lead turns it off.');
    await shoot(page, 'corpus-blind');

    const leadServer = await startServer(join(root, 'lead'));
    servers.push(leadServer);
    const leadWindow = await browser.newContext();
    const lead = await leadWindow.newPage();
    await lead.goto(leadServer.url);
    await lead.getByRole('button', { name: 'Corpus', exact: true }).click();
    const leadCorpus = lead.getByRole('region', { name: 'Corpus view' });
    const layer = leadCorpus.getByLabel('Layer', { exact: true });
    await expect(layer.locator('option')).toHaveText(['Mine (lead)', 'Gold', 'ana', 'ben', 'All layers']);
    await expect(leadCorpus.locator('.frames-table tbody tr')).toHaveCount(0);
    await choose(lead, 'Layer', 'ben');
    await expect(leadCorpus.locator('.frames-table tbody tr')).toHaveCount(bens);
    await choose(lead, 'Layer', 'All layers');
    await expect(leadCorpus.locator('.frames-table tbody tr')).toHaveCount(anas + bens);
    await expect(leadCorpus.locator('.frames-table thead')).toContainText('Analyst');
    await expect(leadCorpus.locator('.frames-table tbody tr').filter({ hasText: 'ana' }).first()).toBeVisible();

    // The lead turns blind annotation off in Settings; ana's window, after a sync, may look at every layer.
    await lead.getByRole('button', { name: /^Annotator/ }).click();
    const team = lead.getByRole('group', { name: 'Team', exact: true });
    await expect(team).toContainText('Blind annotation is on');
    await team.getByRole('radio', { name: 'Off' }).click();
    await expect(team).toContainText('Blind annotation is off');
    await shoot(lead, 'settings-team');
    await lead.keyboard.press('Escape');
    await lead.getByRole('group', { name: 'Team sync' }).getByRole('button', { name: '1 change to send' }).click();
    await expect(lead.getByRole('status').filter({ hasText: 'Synced' })).toContainText('went out');
    await leadWindow.close();

    const sync = page.getByRole('group', { name: 'Team sync' });
    await sync.getByRole('button', { name: /Up to date|change/ }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Synced' })).toBeVisible();
    await page.getByRole('button', { name: 'Corpus', exact: true }).click();
    await page.getByRole('button', { name: 'Corpus', exact: true }).click();
    await expect(corpus.getByLabel('Layer', { exact: true }).locator('option')).toHaveText(['Mine (ana)', 'Gold', 'ben', 'All layers']);
    await choose(page, 'Layer', 'ben');
    await expect(rows).toHaveCount(bens);
    await shoot(page, 'corpus-layer-ben');
  } finally {
    for (const s of servers) await stopServer(s);
    await rm(root, { recursive: true, force: true, maxRetries: 3 });
  }
});

base('the top bar shows a sync in progress while the git host is slow, then why it failed', async ({ page }) => {
  base.setTimeout(180_000);
  const root = await mkdtemp(join(tmpdir(), 'parley-syncing-e2e-'));
  const ws = join(root, 'ana');
  parley('init', '--workspace', ws, '--annotator', 'ana');
  parley('share', '--workspace', ws, '--remote', join(root, 'shared.git'));
  // The team's git host, slow today: it answers only when the test lets it, and then with an error.
  let release: () => void = () => undefined;
  const held = new Promise<void>((r) => (release = r));
  const host = createServer((_req, res) => void held.then(() => res.writeHead(503).end('busy')));
  await new Promise<void>((r) => host.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(host.address() as AddressInfo).port}/team/corpus.git`;
  const config = join(ws, '.git', 'config');
  await writeFile(config, (await readFile(config, 'utf8')).replace(/url = .*/, `url = ${url}`));
  const server = await startServer(ws);
  try {
    await page.goto(server.url);
    const sync = page.getByRole('group', { name: 'Team sync' });
    await sync.getByRole('button', { name: 'Up to date' }).click();
    const state = sync.locator('.sync-state');
    await expect(state).toHaveText('Syncing: fetching…');
    await expect(state).toHaveAttribute('aria-busy', 'true');
    await shoot(page, 'topbar-syncing');
    release();
    await expect(state).toHaveText('Offline');
    await expect(state).toHaveAttribute('title', /cannot reach http:\/\/127\.0\.0\.1:\d+\/team\/corpus\.git/);
    await expect(page.getByRole('alert')).toContainText('Nothing is lost: your changes stay in this copy and the next sync sends them.');
    await shoot(page, 'topbar-offline');
  } finally {
    release();
    await stopServer(server);
    host.close();
    await rm(root, { recursive: true, force: true, maxRetries: 3 });
  }
});

base('a colleague’s labels over the text: outlined and read-only once blind annotation is off, hidden (and refused by the server) while it is on', async ({ page, browser }) => {
  base.setTimeout(240_000);
  const root = await leadAnaAndBen('parley-colleague-e2e-');
  const servers: Server[] = [];
  try {
    // ben labels the article in his own window and sends it.
    const benServer = await startServer(join(root, 'ben'));
    servers.push(benServer);
    const benWindow = await browser.newContext();
    const ben = await benWindow.newPage();
    await ben.goto(benServer.url);
    await openDocument(ben, 'Lavrov: Russia and USA');
    for (const [phrase, key] of [
      ['Sergey Lavrov', 'p'],
      ['John Kerry', 'p'],
      ['Zurich', 'g'],
    ]) {
      await selectText(ben, phrase);
      await ben.keyboard.press(key);
      await expect(ben.locator('.doc-text mark.mention').filter({ hasText: phrase })).toBeVisible();
    }
    // And a stance on the sentence: its evidence, S, then 1 for favour.
    await selectText(ben, 'Sergey Lavrov has said after a meeting with US Secretary of State John Kerry in Zurich');
    await ben.keyboard.press('s');
    await expect(ben.locator('.doc-text mark.evidence[data-frame-type="Stance"]').first()).toBeVisible();
    await ben.keyboard.press('1');
    await expect(ben.getByRole('region', { name: 'Selected frame' })).toContainText('favor');
    await ben.keyboard.press('Escape');
    await ben.keyboard.press('Escape');
    await ben.getByRole('group', { name: 'Team sync' }).getByRole('button', { name: /Up to date|change/ }).click();
    await expect(ben.getByRole('status').filter({ hasText: 'Synced' }).last()).toContainText('went out');
    await benWindow.close();

    // ana labels it too, then syncs: two analysts have layers, so blind annotation is on for her.
    const anaServer = await startServer(join(root, 'ana'));
    servers.push(anaServer);
    await page.goto(anaServer.url);
    await openDocument(page, 'Lavrov: Russia and USA');
    await selectText(page, 'United States');
    await page.keyboard.press('g');
    const sync = page.getByRole('group', { name: 'Team sync' });
    await sync.getByRole('button', { name: /Up to date|change/ }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Synced' }).last()).toContainText('came in');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Lavrov: Russia and USA');
    const text = page.locator('.doc-text');
    const picker = page.getByLabel('Show a colleague’s labels');
    await expect(text.locator('mark.mention').filter({ hasText: 'United States' })).toBeVisible();
    await expect(picker).toHaveCount(0);
    const [plain] = await phraseEnds(page, 'unambiguous conclusion');
    await page.mouse.click(plain.x, plain.y);
    await page.keyboard.press('Alt+c');
    await expect(page.getByRole('status').filter({ hasText: 'No colleague’s labels to show' }).last()).toBeVisible();
    await expect(text.locator('mark.colleague')).toHaveCount(0);
    // Not only the window: the server refuses ben's layer to ana while blind.
    const token = new URL(anaServer.url).searchParams.get('token')!;
    const refused = await (await page.request.post(new URL('/api/annotations.colleague', anaServer.url).href, { headers: { 'x-parley-token': token }, data: { docId: DOC, annotator: 'ben' } })).json();
    expect(refused).toMatchObject({ ok: false, error: { message: expect.stringMatching(/blind annotation is on: ana sees only their own layer, not ben's/) } });

    // The lead turns blind annotation off; after a sync ana may show ben's labels: Alt+C, outlined, his name on hover.
    parley('team', '--workspace', join(root, 'lead'), '--blind', 'off');
    parley('sync', '--workspace', join(root, 'lead'));
    await sync.getByRole('button', { name: /Up to date|change/ }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Synced' }).last()).toContainText('blind annotation off');
    await expect(picker).toBeVisible();
    await expect(picker.locator('option')).toHaveText(['No colleague', 'ben’s labels']);
    await page.mouse.click(plain.x, plain.y);
    await page.keyboard.press('Alt+c');
    const kerry = text.locator('mark.colleague:not(.colleague-evidence)').filter({ hasText: 'John Kerry' });
    await expect(kerry).toHaveAttribute('title', 'ben: PERSON (read-only)');
    await expect(text.locator('mark.colleague:not(.colleague-evidence)')).toHaveCount(3);
    await expect(text.locator('mark.colleague-evidence')).toHaveAttribute('title', 'ben: Stance · Polarity favor (read-only)');
    await expect(page.locator('.colleague-pick')).toHaveAttribute('title', /: 3 mentions, 1 frame, outlined$/);
    await expect(picker.locator('option:checked')).toHaveText('ben’s labels');
    // Drawn apart from ana's own marks: an outline, no fill, no underline.
    const look = await kerry.evaluate((el) => {
      const s = getComputedStyle(el);
      return { background: s.backgroundColor, outline: s.outlineStyle, underline: s.borderBottomStyle };
    });
    expect(look).toEqual({ background: 'rgba(0, 0, 0, 0)', outline: 'dashed', underline: 'none' });
    // The marks in the middle of a small window, scrolled as a person scrolls; the pointer on ben's mark.
    await page.mouse.move(plain.x, plain.y);
    await page.mouse.wheel(0, 180);
    await kerry.hover();
    // The toasts gone, so the marks show in the pictures.
    await expect(page.locator('.toast')).toHaveCount(0, { timeout: 15_000 });
    await shoot(page, 'reader-colleague-layer');

    // Never editable: a click on ben's mark selects nothing, Delete deletes nothing.
    const [onKerry] = await phraseEnds(page, 'John Kerry');
    await page.mouse.click(onKerry.x, onKerry.y);
    await expect(page.getByRole('button', { name: 'Delete mention' })).toHaveCount(0);
    await page.keyboard.press('Delete');
    await expect(kerry).toBeVisible();
    // A drag over it tags ana's own mention, inside ben's outline; his stays as it was.
    await selectText(page, 'John Kerry');
    await page.keyboard.press('p');
    await expect(text.locator('mark.mention').filter({ hasText: 'John Kerry' })).toBeVisible();
    await expect(kerry).toBeVisible();
    await expect(page.locator('.reader-meta')).toContainText('2 mentions');

    // Blind annotation on again: after the sync the outline is gone though ana had chosen ben.
    parley('team', '--workspace', join(root, 'lead'), '--blind', 'on');
    parley('sync', '--workspace', join(root, 'lead'));
    await sync.getByRole('button', { name: /Up to date|change/ }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Synced' }).last()).toContainText('blind annotation on');
    await expect(text.locator('mark.mention').filter({ hasText: 'John Kerry' })).toBeVisible();
    await expect(text.locator('mark.colleague')).toHaveCount(0);
    await expect(picker).toHaveCount(0);

    // What each layer holds on disk (the sync folded the journals in): ana's own two mentions, none copied from ben; ben's three as he made them.
    expect((await mentionsIn(join(root, 'ana'), 'ana', DOC)).map((m) => `${m.label} ${m.quote}`).sort()).toEqual(['GPE United States', 'PERSON John Kerry']);
    expect((await mentionsIn(join(root, 'ana'), 'ben', DOC)).map((m) => `${m.label} ${m.quote}`).sort()).toEqual(['GPE Zurich', 'PERSON John Kerry', 'PERSON Sergey Lavrov']);
  } finally {
    for (const s of servers) await stopServer(s);
    await rm(root, { recursive: true, force: true, maxRetries: 3 });
  }
});
