/** Any window from 1024×700 to 2560×1440: readable title, text above the fold, a top bar that stays, panels that fold away. */
import type { Page } from '@playwright/test';
import { documentRows, expect, openDocument, phraseEnds, selectText, test } from './helpers';

type Box = { x: number; y: number; width: number; height: number };

const KURDS = 'Russia and US fail to agree on Syria and Ukraine';

for (const [width, height] of [
  [1024, 700],
  [2560, 1440],
] as const) {
  test(`at ${width}×${height} the title is readable, the text starts above the fold and the top bar stays`, async ({ app }) => {
    await app.setViewportSize({ width, height });
    await openDocument(app, KURDS);
    const title = app.getByRole('heading', { level: 1 });
    const box = (await title.boundingBox())!;
    const lineHeight = await title.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight));
    // Two lines at most for this title: no one-word lines.
    expect(box.height).toBeLessThanOrEqual(lineHeight * 2 + 1);
    const firstPara = app.locator('.doc-text p.para').first();
    expect((await firstPara.boundingBox())!.y).toBeLessThan(height * 0.75);
    await app.locator('.reader-scroll').hover();
    await app.mouse.wheel(0, 3000);
    await expect(app.getByRole('navigation', { name: 'Workbench' })).toBeInViewport();
    expect(await app.evaluate(() => document.scrollingElement!.scrollTop)).toBe(0);
  });
}

test('side panels fold away and come back; their widths are kept', async ({ app }) => {
  await app.setViewportSize({ width: 1024, height: 700 });
  await openDocument(app, KURDS);
  const reader = app.getByRole('main', { name: 'Reader' });
  const before = (await reader.boundingBox())!.width;
  // At 1024 px the sidebar starts folded, for want of room beside the list; with the list hidden it has room again.
  await expect(app.getByRole('button', { name: 'Show the sidebar' })).toBeVisible();
  await app.getByRole('button', { name: 'Hide the document list' }).click();
  await app.getByRole('button', { name: 'Hide the sidebar' }).click();
  await expect(app.getByRole('listbox', { name: 'Documents' })).toBeHidden();
  expect((await reader.boundingBox())!.width).toBeGreaterThan(before + 250);
  // A divider can be dragged with the mouse, too.
  await app.getByRole('button', { name: 'Show the sidebar' }).click();
  const handle = app.getByRole('separator', { name: 'Width of the sidebar' });
  const h = (await handle.boundingBox())!;
  await app.mouse.move(h.x + h.width / 2, h.y + h.height / 2);
  await app.mouse.down();
  await app.mouse.move(h.x + h.width / 2 - 100, h.y + h.height / 2, { steps: 4 });
  await app.mouse.up();
  await expect(handle).toHaveAttribute('aria-valuenow', '430');
  await app.reload();
  await expect(app.getByRole('listbox', { name: 'Documents' })).toBeHidden();
  await expect(app.getByRole('separator', { name: 'Width of the sidebar' })).toHaveAttribute('aria-valuenow', '430');
  await app.getByRole('button', { name: 'Show the document list' }).click();
  await expect(app.getByRole('listbox', { name: 'Documents' })).toBeVisible();
});

test('dark theme and text size are chosen in Settings and kept for the user', async ({ app }) => {
  await openDocument(app, KURDS);
  await selectText(app, 'Sergei Lavrov');
  await app.keyboard.press('p');
  // The label tag on a mention is at least 11px.
  const tagSize = await app
    .locator('mark.mention[data-first]')
    .first()
    .evaluate((el) => parseFloat(getComputedStyle(el, '::before').fontSize));
  expect(tagSize).toBeGreaterThanOrEqual(11);
  await app.getByRole('button', { name: /Annotator/ }).click();
  const dialog = app.getByRole('dialog', { name: 'Settings' });
  await dialog.getByLabel('Dark').check();
  await dialog.getByLabel('Text size').fill('20');
  await app.keyboard.press('Escape');
  // The theme is applied as the page draws next: looked for as a person would see it.
  await expect(app.locator('.reader')).toHaveCSS('background-color', 'rgb(28, 33, 39)');
  await app.reload();
  await expect(app.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(app.locator('.doc-text')).toHaveCSS('font-size', '20px');
});

test('the theme follows the system until one is chosen', async ({ app }) => {
  await app.emulateMedia({ colorScheme: 'dark' });
  await expect(app.locator('html')).toHaveAttribute('data-theme', 'dark');
  await app.emulateMedia({ colorScheme: 'light' });
  await expect(app.locator('html')).toHaveAttribute('data-theme', 'light');
});

/** The box of what changed on screen between two screenshots, leaving out `skip` (a box in CSS pixels), inside `within`. */
async function changedBox(page: Page, a: Buffer, b: Buffer, within: Box, skip: Box): Promise<Box | null> {
  return page.evaluate(
    async ({ a, b, within, skip }) => {
      const load = async (src: string) => {
        const img = new Image();
        img.src = `data:image/png;base64,${src}`;
        await img.decode();
        const c = document.createElement('canvas');
        c.width = img.width;
        c.height = img.height;
        const ctx = c.getContext('2d')!;
        ctx.drawImage(img, 0, 0);
        return ctx.getImageData(0, 0, img.width, img.height);
      };
      const [x, y] = [await load(a), await load(b)];
      let box: { x0: number; y0: number; x1: number; y1: number } | null = null;
      for (let j = Math.floor(within.y); j < within.y + within.height; j++) {
        for (let i = Math.floor(within.x); i < within.x + within.width; i++) {
          if (i >= skip.x && i < skip.x + skip.width && j >= skip.y && j < skip.y + skip.height) continue;
          const k = (j * x.width + i) * 4;
          if (Math.abs(x.data[k] - y.data[k]) + Math.abs(x.data[k + 1] - y.data[k + 1]) + Math.abs(x.data[k + 2] - y.data[k + 2]) < 30) continue;
          box = box ? { x0: Math.min(box.x0, i), y0: Math.min(box.y0, j), x1: Math.max(box.x1, i), y1: Math.max(box.y1, j) } : { x0: i, y0: j, x1: i, y1: j };
        }
      }
      return box && { x: box.x0, y: box.y0, width: box.x1 - box.x0 + 1, height: box.y1 - box.y0 + 1 };
    },
    { a: a.toString('base64'), b: b.toString('base64'), within, skip },
  );
}

test('at 1024×700 the label tag of a mention that starts a wrapped line is drawn on that line, above the word', async ({ app }) => {
  await app.setViewportSize({ width: 1024, height: 700 });
  await openDocument(app, KURDS);
  // A capitalised word, in no mention yet, that the text wraps onto a new line: where its first and last characters are, as an eye finds them.
  const word = await app.evaluate(() => {
    for (const p of document.querySelectorAll<HTMLElement>('.doc-text p.para')) {
      const left = p.getBoundingClientRect().left + parseFloat(getComputedStyle(p).paddingLeft);
      const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
      let firstTop: number | null = null;
      for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
        for (const m of n.data.matchAll(/[A-Z][a-z]{3,}/g)) {
          const r = document.createRange();
          r.setStart(n, m.index);
          r.setEnd(n, m.index + m[0].length);
          const box = r.getClientRects()[0];
          firstTop ??= box.top;
          if (n.parentElement?.closest('mark')) continue;
          if (box.top > firstTop + 5 && Math.abs(box.left - left) < 2 && box.top > 150 && box.bottom < window.innerHeight - 40) {
            return { text: m[0], x: box.left, y: box.top, width: box.width, height: box.height };
          }
        }
      }
    }
    return null;
  });
  expect(word, 'a word at the start of a wrapped line, in view').not.toBeNull();
  const w = word!;
  const mid = w.y + w.height / 2;
  await app.mouse.move(w.x + 2, mid);
  await app.mouse.down();
  await app.mouse.move(w.x + w.width / 2, mid, { steps: 3 });
  await app.mouse.move(w.x + w.width - 2, mid, { steps: 3 });
  await app.mouse.up();
  // The pointer off the text, so no hover shows in either picture.
  const list = (await app.getByRole('listbox', { name: 'Documents' }).boundingBox())!;
  await app.mouse.move(list.x + list.width / 2, list.y + list.height - 4);
  const text = (await app.locator('.doc-text').boundingBox())!;
  const before = await app.screenshot();
  await app.keyboard.press('g');
  await expect(app.locator('.doc-text mark.mention[data-label="GPE"]').filter({ hasText: w.text })).toHaveText(w.text);
  await expect(app.locator('.doc-text mark.mention.unsaved')).toHaveCount(0);
  const after = await app.screenshot();
  await app.screenshot({ path: '/tmp/rw-wrapped-tag.png' });
  // What changed beyond the word's own box (its highlight and underline) is the tag.
  const near = { x: text.x, y: w.y - 3 * w.height, width: text.width, height: 5 * w.height };
  const tag = await changedBox(app, before, after, near, { x: w.x - 3, y: w.y - 1, width: w.width + 6, height: w.height + 8 });
  expect(tag, 'the tag is drawn').not.toBeNull();
  // At the start of the word's line, not at the end of the line before; above the word, no higher than half the line before.
  expect(tag!.x).toBeGreaterThanOrEqual(w.x - 4);
  expect(tag!.x).toBeLessThan(w.x + 6);
  expect(tag!.y + tag!.height).toBeLessThanOrEqual(w.y + w.height);
  expect(tag!.y).toBeGreaterThan(w.y - w.height);
});

test('the top bar’s commands appear once, where they stay: nothing moves under More after the page has loaded', async ({ app, server }) => {
  await app.setViewportSize({ width: 1024, height: 700 });
  // Every set of commands the top bar shows, from the first paint on (a hidden bar shows none).
  await app.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { topBarSeen: string[] }).topBarSeen = seen;
    const look = () => {
      const nav = document.querySelector('nav[aria-label="Workbench"]');
      if (!nav || getComputedStyle(nav).visibility === 'hidden') return;
      const shown = [...nav.querySelectorAll('.overflow-row > .overflow-item')]
        .filter((i) => getComputedStyle(i).visibility !== 'hidden')
        .map((i) => i.textContent)
        .join(', ');
      if (shown && seen[seen.length - 1] !== shown) seen.push(shown);
    };
    new MutationObserver(look).observe(document, { childList: true, subtree: true, attributes: true });
  });
  await app.goto(server.url);
  // What a person sees once the page is there: the documents, who they label as, and the team control.
  await expect(documentRows(app).first()).toBeVisible();
  await expect(app.getByRole('button', { name: /Annotator/ })).toContainText(/\w/);
  await expect(app.getByRole('button', { name: 'Share…' })).toBeVisible();
  await openDocument(app, KURDS);
  await expect(app.getByRole('button', { name: 'More commands' })).toBeVisible();
  const seen = await app.evaluate(() => (window as unknown as { topBarSeen: string[] }).topBarSeen);
  expect(seen).toHaveLength(1);
});

test('a stance’s tag is drawn over the text too: making one moves no word', async ({ app }) => {
  await app.setViewportSize({ width: 1024, height: 700 });
  await openDocument(app, KURDS);
  await selectText(app, 'Lavrov stressed that Moscow and Washington managed to find');
  const before = await phraseEnds(app, 'stressed that Moscow', 0, '.doc-text', false);
  await app.keyboard.press('s');
  await expect(app.locator('mark.evidence').filter({ hasText: 'Lavrov stressed' })).toHaveCount(1);
  const after = await phraseEnds(app, 'stressed that Moscow', 0, '.doc-text', false);
  for (const i of [0, 1]) {
    expect(after[i].x).toBeCloseTo(before[i].x, 0);
    expect(after[i].y).toBeCloseTo(before[i].y, 0);
  }
  await app.keyboard.press('Escape');
  await app.mouse.move(5, 690);
  const para = (await app.locator('.doc-text p.para').filter({ hasText: 'Lavrov stressed' }).boundingBox())!;
  await app.screenshot({ path: '/tmp/rw-stance-tag.png', clip: { x: para.x - 30, y: para.y - 12, width: para.width + 40, height: Math.min(para.height + 24, 200) } });
});

test('at 1024×700 the schema dialog shows each label’s whole description', async ({ app }) => {
  await app.setViewportSize({ width: 1024, height: 700 });
  await app.getByRole('button', { name: 'More commands' }).click();
  await app.getByRole('menu', { name: 'More commands' }).getByRole('menuitem', { name: /^Schema/ }).click();
  const dialog = app.getByRole('dialog', { name: 'Label schema' });
  for (const label of ['PERSON', 'ORG', 'GPE', 'LOC', 'TOPIC']) {
    const field = dialog.getByLabel(`Description of ${label}`);
    await expect(field).not.toHaveValue('');
    // Nothing of it is cut off: its text fits the box it is drawn in.
    const over = await field.evaluate((el) => ({ x: el.scrollWidth - el.clientWidth, y: el.scrollHeight - el.clientHeight }));
    expect(over.x, `${label}'s description fits across`).toBeLessThanOrEqual(1);
    expect(over.y, `${label}'s description fits down`).toBeLessThanOrEqual(1);
  }
});
