/**
 * The curation view as a lead uses it, with two analysts' layers on one
 * article: nested agreed mentions inside differences, an entity link and a
 * note only one gave, and two frames. Real mouse and keys throughout.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, phraseEnds, test } from './helpers';

const DOC = '004_8524de8df0f8b196';
const TITLE = 'Russia and US fail to agree on Syria and Ukraine';

type M = { id: string; quote: string; label: string; occurrence?: number; entityId?: string; note?: string };

/** ana's and ben's layers, as their own copies of Parley saved them. */
async function twoAnalysts(workspace: string): Promise<void> {
  const doc = JSON.parse(await readFile(join(workspace, 'documents', `${DOC}.json`), 'utf8'));
  const text: string = doc.text;
  const span = (quote: string, occurrence = 0) => {
    let start = -1;
    for (let i = 0; i <= occurrence; i++) start = text.indexOf(quote, start + 1);
    if (start < 0) throw new Error(`not in the text: ${quote}`);
    return { start, end: start + quote.length, quote };
  };
  const mention = (a: string, m: M) => ({
    id: m.id,
    label: m.label,
    ...span(m.quote, m.occurrence),
    origin: 'manual',
    author: a,
    createdAt: '2026-11-20T10:00:00.000Z',
    ...(m.entityId ? { entityId: m.entityId } : {}),
    ...(m.note ? { note: m.note } : {}),
  });
  const sentence = span('Lavrov stressed that Moscow and Washington managed to find');
  const evidence = { ...sentence, end: text.indexOf('on Syria.', sentence.start) + 'on Syria'.length };
  evidence.quote = text.slice(evidence.start, evidence.end);
  const frame = (a: string, id: string, holder: string, polarity: string) => ({
    id,
    type: 'Stance',
    evidence,
    roles: { Holder: [{ kind: 'mention', mentionId: holder }], Target: [{ kind: 'topic', text: 'common ground on Syria' }] },
    attrs: { Polarity: polarity },
    origin: 'manual',
    author: a,
    createdAt: '2026-11-20T10:00:00.000Z',
  });
  const layers: Record<string, { mentions: M[]; frames: object[] }> = {
    ana: {
      mentions: [
        { id: 'a1', quote: 'Russia', label: 'GPE' },
        { id: 'a2', quote: 'Syrian settlement in Geneva', label: 'TOPIC' },
        { id: 'a3', quote: 'Geneva', label: 'GPE' },
        { id: 'a4', quote: 'Russian Foreign Minister', label: 'ORG' },
        { id: 'a5', quote: 'Sergei Lavrov', label: 'PERSON', entityId: 'lavrov' },
        { id: 'a6', quote: 'US', label: 'GPE', occurrence: 1 },
        { id: 'a7', quote: 'John Kerry', label: 'PERSON' },
        { id: 'a8', quote: 'Kerry', label: 'PERSON', occurrence: 1, note: 'the speaker' },
        { id: 'a9', quote: 'Friday', label: 'DATE' },
        { id: 'a10', quote: 'Lavrov', label: 'PERSON', occurrence: 1 },
        { id: 'a11', quote: 'Moscow', label: 'GPE' },
      ],
      frames: [frame('ana', 'as', 'a10', 'favor')],
    },
    ben: {
      mentions: [
        { id: 'b1', quote: 'Russia', label: 'GPE' },
        { id: 'b3', quote: 'Geneva', label: 'GPE' },
        { id: 'b4', quote: 'Russian Foreign Minister', label: 'PERSON' },
        { id: 'b5', quote: 'Sergei Lavrov', label: 'PERSON' },
        { id: 'b6', quote: 'US', label: 'GPE', occurrence: 1 },
        { id: 'b7', quote: 'US Secretary of State John Kerry', label: 'PERSON' },
        { id: 'b8', quote: 'Kerry', label: 'PERSON', occurrence: 1 },
        { id: 'b10', quote: 'Lavrov', label: 'PERSON', occurrence: 1 },
        { id: 'b11', quote: 'Moscow', label: 'GPE' },
      ],
      frames: [frame('ben', 'bs', 'b10', 'neutral')],
    },
  };
  for (const [a, l] of Object.entries(layers)) {
    await mkdir(join(workspace, 'annotations', a), { recursive: true });
    const layer = { version: 1, docId: DOC, annotator: a, textHash: doc.sha256, status: 'done', mentions: l.mentions.map((m) => mention(a, m)), frames: l.frames, fields: {}, updatedAt: '2026-11-20T10:00:00.000Z', history: { undo: [], redo: [] } };
    await writeFile(join(workspace, 'annotations', a, `${DOC}.json`), JSON.stringify(layer));
  }
}

/** Distinct spans the analysts marked: Russia, the TOPIC, Geneva, the minister, Lavrov ×2, US, ben's Kerry, ana's Kerry, Kerry, Friday, Moscow. */
const SPANS = 12;

async function openReview(app: Page) {
  // In a narrow window the top bar keeps one row and Review may be under More.
  // The commands appear once the bar around them is known; look for Review when they have, and look again if the row changed meanwhile, as a person would.
  const button = app.getByRole('button', { name: 'Review', exact: true });
  await expect(app.getByRole('navigation', { name: 'Workbench' }).getByRole('button', { name: /^(Review|More commands)$/ }).first()).toBeVisible();
  await expect(async () => {
    if (await button.isVisible()) return button.click({ timeout: 2_000 });
    await app.getByRole('button', { name: 'More commands' }).click({ timeout: 2_000 });
    try {
      await app.getByRole('menu', { name: 'More commands' }).getByRole('menuitem', { name: /^Review/ }).click({ timeout: 2_000 });
    } catch (e) {
      await app.keyboard.press('Escape');
      throw e;
    }
  }).toPass({ timeout: 30_000 });
  const review = app.getByRole('region', { name: 'Review' });
  await review.getByRole('option', { name: TITLE }).click();
  await expect(review.locator('.review-text mark.mention').first()).toBeVisible();
  // Choosing the document gives the decisions panel the keyboard.
  await expect(app.getByRole('complementary', { name: 'Decisions' })).toBeFocused();
  return review;
}

/** The gold layer as a read-only export sees it: native JSONL, the document's line. */
function goldExport(workspace: string, out: string, format = 'native'): void {
  execFileSync(process.execPath, ['bin/parley.js', 'export', '--workspace', workspace, '--format', format, '--annotator', 'gold', '--out', out]);
}

async function goldMentions(workspace: string, out: string): Promise<{ label: string; quote: string; author: string; from?: string[] }[]> {
  goldExport(workspace, out);
  const file = (await readdir(out)).find((f) => f.endsWith('.jsonl'))!;
  const lines = (await readFile(join(out, file), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
  return lines.find((l) => (l.document?.id ?? l.id) === DOC)?.mentions ?? [];
}

test('one mark per span, coloured by state with a legend, a hover card with each label; the tables fit at 1024×700, 1440×900 and 1920×1080 in both themes', async ({ app, server }) => {
  test.setTimeout(180_000);
  await twoAnalysts(server.workspace);
  for (const [width, height] of [
    [1024, 700],
    [1440, 900],
    [1920, 1080],
  ]) {
    await app.setViewportSize({ width, height });
    for (const theme of ['light', 'dark']) {
      await app.emulateMedia({ colorScheme: theme as 'light' | 'dark' });
      await app.goto(server.url);
      const review = await openReview(app);
      const marks = review.locator('.review-text mark.mention[data-first]');
      await expect(marks).toHaveCount(SPANS);
      const ids = await marks.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.mentionId));
      expect(new Set(ids).size).toBe(SPANS);
      const legend = review.getByLabel('Legend');
      for (const name of ['agreed', 'link or note differs', 'differs', 'one only', 'decided']) await expect(legend).toContainText(name);

      // The hover card of the minister's span: each analyst's label there.
      const [from] = await phraseEnds(app, 'Russian Foreign Minister', 0, '.review-text');
      await app.mouse.move(from.x + 4, from.y);
      const card = app.getByRole('tooltip');
      await expect(card).toContainText('ana');
      await expect(card).toContainText('ORG “Russian Foreign Minister”');
      await expect(card).toContainText('PERSON “Russian Foreign Minister”');
      await expect(card).toContainText('differs');
      await app.screenshot({ path: `/tmp/curation-${width}-${theme}-text.png` });
      await app.mouse.move(5, height - 5);
      await expect(card).toBeHidden();

      // The stance: its field table fits the panel and the window.
      const side = app.getByRole('complementary', { name: 'Decisions' });
      await side.getByRole('list', { name: 'Items' }).getByRole('button', { name: /Stance/ }).click();
      const table = side.getByRole('table', { name: 'Fields' });
      await expect(table).toBeVisible();
      const fit = await side.evaluate((aside) => {
        const t = aside.querySelector('table.frame-fields')!.getBoundingClientRect();
        return { right: t.right, asideRight: aside.getBoundingClientRect().right, scrolls: aside.scrollWidth > aside.clientWidth };
      });
      expect(fit.right).toBeLessThanOrEqual(width);
      expect(fit.right).toBeLessThanOrEqual(fit.asideRight);
      expect(fit.scrolls).toBe(false);
      await app.screenshot({ path: `/tmp/curation-${width}-${theme}-frame.png` });

      // Side by side: the curation table fits too.
      await side.focus();
      await app.keyboard.press('v');
      const curation = review.getByRole('table', { name: 'Side by side' });
      await expect(curation).toBeVisible();
      const right = await curation.evaluate((t) => t.getBoundingClientRect().right);
      expect(right).toBeLessThanOrEqual(width);
      await app.screenshot({ path: `/tmp/curation-${width}-${theme}-table.png` });
    }
  }
});

test('a decision keyed while reading elsewhere in the text: the text stays where the person scrolled it, and the open card stays', async ({ app, server }) => {
  await twoAnalysts(server.workspace);
  await app.setViewportSize({ width: 1024, height: 700 });
  await app.goto(server.url);
  const review = await openReview(app);
  const side = app.getByRole('complementary', { name: 'Decisions' });
  const text = review.getByRole('region', { name: "The text with every analyst's mentions" });
  // n to the sixth item, "Friday": the text moves to it.
  for (let i = 0; i < 5; i++) await app.keyboard.press('n');
  await expect(side.getByRole('region', { name: 'Current item' })).toContainText('DATE “Friday”');
  await expect(text.getByRole('button', { name: /^DATE: Friday/ })).toBeInViewport();
  await expect.poll(() => text.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);

  // The wheel back to the top, and the pointer on the minister's mark there.
  const box = (await text.boundingBox())!;
  await app.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await app.mouse.wheel(0, -3000);
  await expect.poll(() => text.evaluate((el) => el.scrollTop)).toBe(0);
  const [from] = await phraseEnds(app, 'Russian Foreign Minister', 0, '.review-text', false);
  await app.mouse.move(from.x + 4, from.y);
  const card = app.getByRole('tooltip');
  await expect(card).toContainText('PERSON “Russian Foreign Minister”');

  // The panel still has the keyboard: 1 takes ana's "Friday", and the review is loaded again.
  await app.keyboard.press('1');
  await expect(side).toContainText('1 of 12 decided');
  await expect(text.getByRole('button', { name: 'DATE: Friday, decided' })).toHaveCount(1);
  await expect(card).toContainText('PERSON “Russian Foreign Minister”');
  await expect(text.getByRole('button', { name: /^ORG\/PERSON: Russian Foreign Minister/ })).toBeInViewport();
  expect(await text.evaluate((el) => el.scrollTop)).toBe(0);
});

test('accept-agreed takes every agreed mention, nested ones too; Shift+L takes those differing only in link or note; the summary says what gold holds', async ({ app, server }) => {
  test.setTimeout(180_000);
  await twoAnalysts(server.workspace);
  await openReview(app);
  const side = app.getByRole('complementary', { name: 'Decisions' });
  // 12 items: 5 agreed mentions (Geneva inside ana's TOPIC, US inside ben's longer Kerry), 2 link-only, 4 other mentions, 1 stance.
  await expect(side).toContainText('12 undecided');
  await expect(side).toContainText('differ in link or note: 2');
  // Choosing the document gave the panel the keyboard.
  await app.keyboard.press('Shift+A');
  await expect(side).toContainText('7 undecided');
  const doc = app.getByRole('option', { name: TITLE });
  await expect(doc).toContainText('7 undecided');
  await app.keyboard.press('Shift+L');
  await expect(side).toContainText('5 undecided');
  await expect(doc).toContainText('5 undecided');

  const gold = await goldMentions(server.workspace, join(server.workspace, '..', 'gold-1'));
  expect(gold.map((m) => `${m.label}:${m.quote}`).sort()).toEqual(['GPE:Geneva', 'GPE:Moscow', 'GPE:Russia', 'GPE:US', 'PERSON:Kerry', 'PERSON:Lavrov', 'PERSON:Sergei Lavrov'].sort());
  expect(gold.every((m) => m.from?.join('+') === 'ana+ben')).toBe(true);

  // Field by field on the stance: ana's frame, then ben's polarity. The summary reads gold.
  await side.getByRole('list', { name: 'Items' }).getByRole('button', { name: /Stance/ }).click();
  await app.keyboard.press('1');
  const summary = side.getByLabel('In gold');
  await expect(summary).toContainText('Stance as ana');
  await app.keyboard.press('ArrowDown');
  await app.keyboard.press('ArrowDown');
  await app.keyboard.press('ArrowDown');
  await app.keyboard.press('ArrowDown');
  await app.keyboard.press('2');
  // Every field of gold's stance is now ben's: the summary says so, never an older decision's words.
  await expect(summary).toContainText('Stance as ben');
  await expect(summary).not.toContainText('ana');
  await expect(summary).not.toContainText('role:');
  await expect(summary).not.toContainText('=');
});

test('decision keys act only with the decisions panel focused; "reviewed" and decisions undo with Ctrl+Z; the list and the panel keep one count', async ({ app, server }) => {
  test.setTimeout(180_000);
  await twoAnalysts(server.workspace);
  const review = await openReview(app);
  const side = app.getByRole('complementary', { name: 'Decisions' });
  const doc = review.getByRole('option', { name: TITLE });
  await expect(side).toContainText('12 undecided');

  // Typed into the search box: nothing is decided.
  const search = review.getByRole('searchbox', { name: 'Filter documents to review' });
  await search.click();
  await app.keyboard.type('bx1r');
  await app.keyboard.press('Shift+A');
  await expect(search).toHaveValue('bx1rA');
  await search.fill('');
  // With the text focused (a click on plain text): nothing either.
  const [from] = await phraseEnds(app, 'concluded the last round', 0, '.review-text');
  await app.mouse.click(from.x, from.y);
  await expect(review.locator('.review-text')).toBeFocused();
  for (const key of ['b', 'x', '1', '2', 'r', 'Shift+A', 'Shift+L']) await app.keyboard.press(key);
  await expect(side).toContainText('12 undecided');
  await expect(doc).toContainText('12 undecided');
  await expect(review.getByRole('button', { name: 'Mark reviewed' })).toBeVisible();

  // In the panel they decide.
  await side.getByText('decided', { exact: false }).first().click();
  await app.keyboard.press('x');
  await expect(side).toContainText('11 undecided');
  await expect(doc).toContainText('11 undecided');
  await app.keyboard.press('r');
  await expect(review.getByRole('button', { name: 'Reviewed ✓' })).toBeVisible();
  await expect(doc).toContainText('reviewed');

  // Ctrl+Z: "reviewed" first, then the rejection; list and panel follow.
  await app.keyboard.press('Control+z');
  await expect(review.getByRole('button', { name: 'Mark reviewed' })).toBeVisible();
  await expect(doc).not.toContainText('reviewed');
  await app.keyboard.press('Control+z');
  await expect(side).toContainText('12 undecided');
  await expect(doc).toContainText('12 undecided');
});

test('gold says who decided, in native, CSV and brat exports; where gold differs from ana, item by item and per label', async ({ app, server }) => {
  test.setTimeout(180_000);
  await twoAnalysts(server.workspace);
  await openReview(app);
  // The window's title names the analyst at it, who decides here.
  const me = (await app.title()).split(' · ').at(-1)!;
  const side = app.getByRole('complementary', { name: 'Decisions' });
  const items = side.getByRole('list', { name: 'Items' });
  await app.keyboard.press('Shift+A');
  await expect(side).toContainText('7 undecided');
  // The minister: ben's PERSON. The stance: ana's.
  await items.getByRole('button', { name: /Russian Foreign Minister/ }).click();
  await app.keyboard.press('2');
  await expect(side).toContainText('6 undecided');
  // Why: a note for the analysts, typed in the panel (its letters decide nothing).
  await side.getByLabel('Note for the analysts').click();
  await app.keyboard.type('a person here, not the office');
  await side.getByRole('button', { name: 'Save note' }).click();
  await expect(side).toContainText('6 undecided');
  await expect(side.getByRole('button', { name: 'Save note' })).toBeDisabled();
  await items.getByRole('button', { name: /Stance/ }).click();
  await app.keyboard.press('1');
  await expect(side.getByLabel('In gold')).toContainText('Stance as ana');
  // A polarity of the lead's own (a key on the gold value): gold records it as set by hand, by whom, in the panel and the exports.
  await side.getByLabel('Gold Polarity').press('u');
  await expect(side.getByLabel('In gold')).toContainText(`Polarity unclear, set by hand by ${me}`);
  await expect(side.getByRole('table', { name: 'Fields' })).toContainText(`by hand: ${me}`);
  const size = app.viewportSize()!;
  for (const [w, h] of [
    [1024, 700],
    [1920, 1080],
  ]) {
    await app.setViewportSize({ width: w, height: h });
    for (const scheme of ['light', 'dark'] as const) {
      await app.emulateMedia({ colorScheme: scheme });
      await app.screenshot({ path: `/tmp/curation-by-hand-${w}x${h}-${scheme}.png` });
    }
  }
  await app.emulateMedia({ colorScheme: 'light' });
  await app.setViewportSize(size);

  const native = await goldMentions(server.workspace, join(server.workspace, '..', 'native'));
  const minister = native.find((m) => m.quote === 'Russian Foreign Minister')!;
  expect(minister.label).toBe('PERSON');
  expect(minister.from).toEqual(['ben']);
  expect(minister.author).toBe(me);
  expect(me).not.toBe('imported');

  const csvOut = join(server.workspace, '..', 'csv');
  goldExport(server.workspace, csvOut, 'csv');
  const stances = await readFile(join(csvOut, (await readdir(csvOut)).find((f) => /stance/i.test(f))!), 'utf8');
  expect(stances).toMatch(new RegExp(`from ana, decided by ${minister.author} at [^;]+; Polarity edited by hand by ${minister.author} at `));
  // Each gold mention says who decided it and how.
  const mentionsCsv = await readFile(join(csvOut, 'mentions.csv'), 'utf8');
  expect(mentionsCsv).toMatch(new RegExp(`Russian Foreign Minister,PERSON,.*,ben,accepted,"from ben, decided by ${minister.author} at `));
  expect(mentionsCsv).toMatch(new RegExp(`,Russia,GPE,.*,ana \\| ben,agreed by all,"from ana and ben, agreed by all, decided by ${minister.author} at `));

  const bratOut = join(server.workspace, '..', 'brat');
  goldExport(server.workspace, bratOut, 'brat');
  const annFile = (await readdir(bratOut, { recursive: true })).find((f) => String(f).endsWith('.ann'))!;
  const ann = await readFile(join(bratOut, String(annFile)), 'utf8');
  expect(ann).toMatch(new RegExp(`Provenance T\\d+\\tfrom ben, decided by ${minister.author}`));
  expect(ann).toMatch(new RegExp(`Provenance T\\d+\\tfrom ana and ben, agreed by all, decided by ${minister.author}`));

  // Where gold differs from ana: the minister's label, and the stance is hers; ben's Kerry span is not in gold either.
  const review = app.getByRole('region', { name: 'Review' });
  await review.getByRole('button', { name: 'Where gold differs from me' }).click();
  await review.getByLabel('Analyst compared with gold').selectOption('ana');
  const diff = review.getByLabel('Where gold differs');
  const counts = diff.getByRole('table', { name: 'Differences per label' });
  await expect(counts.getByRole('row').filter({ hasText: 'ORG' })).toContainText('1');
  const item = diff.getByRole('listitem').filter({ hasText: 'Russian Foreign Minister' });
  await expect(item).toContainText('other label in gold');
  await expect(item).toContainText('ORG “Russian Foreign Minister”');
  await expect(item).toContainText('PERSON “Russian Foreign Minister”');
  await expect(item).toContainText(`decided by ${minister.author}`);
  await expect(item).toContainText('Adjudicator’s note: a person here, not the office');
  // ana's Friday is not decided yet: not a difference from gold.
  await expect(diff).not.toContainText('Friday');
  await app.screenshot({ path: '/tmp/gold-differences-1440-light.png' });
  await app.setViewportSize({ width: 1024, height: 700 });
  await app.emulateMedia({ colorScheme: 'dark' });
  await app.screenshot({ path: '/tmp/gold-differences-1024-dark.png' });

  // From a difference back to its item, to decide it again.
  await item.getByRole('button', { name: 'Show in review' }).click();
  await expect(side.getByRole('region', { name: 'Current item' })).toContainText('Russian Foreign Minister');
});
