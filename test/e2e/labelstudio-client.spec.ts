/**
 * Parley's Label Studio export loaded into Label Studio's own frontend (the
 * pinned npm package label-studio@1.0.1, its build served from
 * node_modules), checking that every region highlights exactly the text
 * Parley wrote for it.
 *
 * That 1.0 frontend counts offsets in UTF-16 units (its Text tag finds DOM
 * nodes by `node.length`), unlike current Label Studio, which counts code
 * points; Parley's `--offsets utf16` export is meant for it. So the text with
 * emoji, flags, a ZWJ family and combining accents is exported with
 * `offsets: 'utf16'`, and a text without astral characters (where both units
 * agree) with the default, code points.
 */
import { expect, test, type Page } from '@playwright/test';
import { exportedTask, openInLabelStudio } from '../../bench/labelstudio';
import { defaultSchema } from '../../src/core/defaults';
import type { DatasetDocument, ExportOptions } from '../../src/core/formats/types';
import type { Mention } from '../../src/core/model';

/** One mention per label, so each region has a colour of its own on screen; "talks in Geneva" holds "Geneva". */
function documentWith(text: string, spans: [string, string, number?][]): DatasetDocument {
  const mentions: Mention[] = spans.map(([label, quote, from = 0], i) => {
    const start = text.indexOf(quote, from);
    if (start < 0) throw new Error(`no ${quote}`);
    return { id: `m${i + 1}`, label, start, end: start + quote.length, quote, origin: 'manual', author: 'ana', createdAt: '2024-05-01T10:00:00.000Z' };
  });
  return { document: { id: 'd', title: 't', text, source: {} }, annotator: 'ana', status: 'done', mentions, frames: [], fields: {} };
}

/** The text each label's colour highlights on screen, outermost highlight spans only, in document order. */
async function highlighted(page: Page, colours: Record<string, string>): Promise<Record<string, string>> {
  return page.evaluate((byLabel) => {
    const rgb = (hex: string) => {
      const n = parseInt(hex.slice(1), 16);
      return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}`;
    };
    const out: Record<string, string> = {};
    const spans = [...document.querySelectorAll<HTMLElement>('span.htx-highlight, span[class*="htx-highlight"]')];
    for (const [label, hex] of Object.entries(byLabel)) {
      const mine = spans.filter((s) => s.style.backgroundColor.startsWith(rgb(hex)));
      const outer = mine.filter((s) => !mine.some((o) => o !== s && o.contains(s)));
      if (outer.length) out[label] = outer.map((s) => s.textContent).join('');
    }
    return out;
  }, colours);
}

const colours = Object.fromEntries(defaultSchema().labels.map((l) => [l.name, l.color]));

/** Exports the document, opens it in Label Studio and returns what each label's highlight shows. */
async function shownFor(page: Page, doc: DatasetDocument, options: ExportOptions): Promise<Record<string, string>> {
  const { config, task } = exportedTask(doc, options);
  await openInLabelStudio(page, config, task);
  await expect(page.locator('span[class*="htx-highlight"]').first()).toBeVisible({ timeout: 30_000 });
  return highlighted(page, colours);
}

test('Label Studio 1.0 highlights every region of a UTF-16 export over emoji, flags and combining accents exactly', async ({ page }) => {
  const text = 'Lavrov 🇷🇺 told Mu\u0308ller 👩‍👩‍👧: no ceasefire.\nThe talks in Geneva failed 😀 on 1 May.';
  const doc = documentWith(text, [
    ['PERSON', 'Lavrov'],
    ['GPE', '🇷🇺'],
    ['ORG', 'Mu\u0308ller 👩‍👩‍👧'],
    ['TOPIC', 'ceasefire'],
    ['EVENT', 'talks in Geneva'],
    ['LOC', 'Geneva'],
    ['DATE', '1 May'],
  ]);
  expect(await shownFor(page, doc, { offsets: 'utf16' })).toEqual(Object.fromEntries(doc.mentions.map((m) => [m.label, m.quote])));
});

test('Label Studio 1.0 highlights the regions of a default (code point) export exactly where the text has no astral character', async ({ page }) => {
  const text = 'Lavrov told Mu\u0308ller: no ceasefire.\nThe talks in Genève failed on 1 May.';
  const doc = documentWith(text, [
    ['PERSON', 'Lavrov'],
    ['ORG', 'Mu\u0308ller'],
    ['TOPIC', 'ceasefire'],
    ['EVENT', 'talks in Genève'],
    ['LOC', 'Genève'],
    ['DATE', '1 May'],
  ]);
  expect(await shownFor(page, doc, {})).toEqual(Object.fromEntries(doc.mentions.map((m) => [m.label, m.quote])));
});

test('the same emoji text exported in code points lands shifted in the 1.0 frontend, which is why it takes --offsets utf16', async ({ page }) => {
  const text = 'Lavrov 🇷🇺 told Mu\u0308ller: no ceasefire.';
  const doc = documentWith(text, [
    ['PERSON', 'Lavrov'],
    ['TOPIC', 'ceasefire'],
  ]);
  // Before the flag both units agree; after it, code points are two short of UTF-16 units.
  expect(await shownFor(page, doc, {})).toEqual({ PERSON: 'Lavrov', TOPIC: 'o ceasefi' });
});
