/**
 * A long document opens with its first screens and receives the rest in
 * parts: what the reader ends up holding is the whole document, paragraph by
 * paragraph and mention by mention, as if it had arrived in one piece.
 */
import fc from 'fast-check';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Handlers } from '../../src/core/api/contract';
import type { OpenedDocument } from '../../src/core/api/documents';
import type { Frame, Mention } from '../../src/core/model';
import { lineEndFrom, paragraphs } from '../../src/core/text';
import { createHandlers, dispatch } from '../../src/main/handlers';
import { Session } from '../../src/main/session';
import { SettingsStore } from '../../src/main/settings/settingsFile';
import { makeDocument, Workspace } from '../../src/main/workspace';
import { OpenDocument } from '../../src/renderer/document/openDocument';

const LINE = fc.oneof(
  fc.constantFrom('', '   ', 'Lavrov met Kerry.', 'Talks resumed in Geneva on Monday.', '\r'),
  fc.stringMatching(/^[a-z ]{0,30}$/),
);
const TEXT = fc.array(LINE, { minLength: 1, maxLength: 40 }).map((lines) => lines.join('\n'));

function mentionsOf(text: string): Mention[] {
  const out: Mention[] = [];
  for (const m of text.matchAll(/[A-Za-z]+/g)) {
    out.push({ id: `m${out.length}`, label: 'PERSON', start: m.index, end: m.index + m[0].length, quote: m[0], origin: 'manual', author: 'ana', createdAt: '2026-01-01T00:00:00Z' });
  }
  // And one over a paragraph break, where there is one.
  const nl = text.indexOf('\n', 1);
  if (nl > 0 && nl + 2 <= text.length) out.push({ id: 'across', label: 'ORG', start: nl - 1, end: nl + 2, quote: text.slice(nl - 1, nl + 2), origin: 'manual', author: 'ana', createdAt: '2026-01-01T00:00:00Z' });
  return out.sort((a, b) => a.start - b.start || b.end - a.end);
}

function opened(text: string, mentions: Mention[], head: number): OpenedDocument {
  const cut = lineEndFrom(text, head);
  return {
    document: { ...makeDocument('d', 'Long', text, {}), text: text.slice(0, cut) },
    layer: { version: 1, docId: 'd', annotator: 'ana', textHash: '', status: 'in_progress', mentions: mentions.filter((m) => m.start < cut), frames: [], fields: {}, updatedAt: '' },
    history: { undo: null, redo: null },
    stale: false,
    complete: false,
    chars: text.length,
  };
}

describe('a long document arrives in parts', () => {
  it('each part ends at a line end, and the parts’ paragraphs are the whole text’s', () => {
    fc.assert(
      fc.property(TEXT, fc.integer({ min: 0, max: 200 }), fc.integer({ min: 1, max: 120 }), (text, head, part) => {
        const pieces: string[] = [];
        let at = 0;
        let end = lineEndFrom(text, head);
        while (at < text.length) {
          expect(end).toBeGreaterThan(at);
          expect(end === text.length || text[end - 1] === '\n').toBe(true);
          pieces.push(text.slice(at, end));
          at = end;
          end = lineEndFrom(text, at + part);
        }
        expect(pieces.join('')).toBe(text);
        let offset = 0;
        const blocks = pieces.flatMap((p) => {
          const bs = paragraphs(p).map((b) => ({ start: b.start + offset, end: b.end + offset }));
          offset += p.length;
          return bs;
        });
        expect(blocks).toEqual(paragraphs(text));
      }),
    );
  });

  it('the reader’s store, grown part by part, holds the same paragraphs and mentions per paragraph as one opened whole', () => {
    fc.assert(
      fc.property(TEXT, fc.integer({ min: 0, max: 200 }), fc.integer({ min: 1, max: 120 }), fc.boolean(), (text, head, part, layerFirst) => {
        const mentions = mentionsOf(text);
        const whole = new OpenDocument({ ...opened(text, mentions, text.length), complete: true });
        const grown = new OpenDocument(opened(text, mentions, head));
        const grew: number[] = [];
        grown.onGrown((from) => grew.push(from));
        // The layer may arrive before the rest of the text (a layer with few mentions is sent whole at once).
        if (layerFirst) grown.completeWith({ mentions, frames: [] });
        while (!grown.textComplete) grown.appendText(text.slice(grown.text.length, lineEndFrom(text, grown.text.length + part)));
        if (!layerFirst) {
          expect(grown.complete).toBe(false);
          grown.completeWith({ mentions, frames: [] });
        }
        expect(grown.complete).toBe(true);
        expect(grown.text).toBe(text);
        expect(grown.blocks).toEqual(whole.blocks);
        expect(grew.every((b, i) => i === 0 || b >= grew[i - 1])).toBe(true);
        for (let b = 0; b < whole.blocks.length; b++) expect(grown.mentionsInBlock(b).map((m) => m.id)).toEqual(whole.mentionsInBlock(b).map((m) => m.id));
      }),
    );
  });
});

describe("a colleague's labels over the text", () => {
  it('are drawn in every paragraph they touch, including those that arrive later, and are never part of the layer', () => {
    fc.assert(
      fc.property(TEXT, fc.integer({ min: 0, max: 200 }), fc.integer({ min: 1, max: 120 }), (text, head, part) => {
        const theirs = mentionsOf(text).map((m) => ({ ...m, id: `ben-${m.id}`, author: 'ben' }));
        // And a stance of theirs on the last of them.
        const frames: Frame[] = theirs.slice(-1).map((m) => ({ id: 'ben-s', type: 'Stance', evidence: { start: m.start, end: m.end, quote: m.quote }, roles: {}, attrs: { Polarity: 'favor' }, origin: 'manual', author: 'ben', createdAt: '' }));
        const whole = new OpenDocument({ ...opened(text, [], text.length), complete: true });
        whole.setColleague('ben', { mentions: theirs, frames });
        const grown = new OpenDocument(opened(text, [], head));
        const redrawn = new Set<number>();
        grown.onBlocksChanged((bs) => bs.forEach((b) => redrawn.add(b)));
        // Shown while the text is still arriving.
        grown.setColleague('ben', { mentions: theirs, frames });
        for (const b of redrawn) expect(b).toBeLessThan(grown.blocks.length);
        while (!grown.textComplete) grown.appendText(text.slice(grown.text.length, lineEndFrom(text, grown.text.length + part)));
        grown.completeWith({ mentions: [], frames: [] });
        // Mentions and the stance's evidence alike.
        for (let b = 0; b < whole.blocks.length; b++) expect(grown.colleagueInBlock(b).map((m) => m.id)).toEqual(whole.colleagueInBlock(b).map((m) => m.id));
        expect(grown.colleague).toBe('ben');
        expect(grown.mentions).toEqual([]);
        expect(grown.layer.mentions).toEqual([]);
        // Hidden: every paragraph it was in is redrawn without it.
        redrawn.clear();
        grown.setColleague(null, null);
        for (let b = 0; b < grown.blocks.length; b++) expect(grown.colleagueInBlock(b)).toEqual([]);
        for (let b = 0; b < whole.blocks.length; b++) if (whole.colleagueInBlock(b).length) expect(redrawn.has(b)).toBe(true);
      }),
    );
  });
});

describe('documents.open and documents.text', () => {
  async function setup(text: string): Promise<Handlers> {
    const dir = await mkdtemp(join(tmpdir(), 'parley-open-long-'));
    await Workspace.create(join(dir, 'ws'), 'test', [makeDocument('long', 'A long article', text, {})]);
    const settings = await SettingsStore.load(join(dir, 'home'));
    await settings.update((s) => (s.annotator = 'ana'));
    return createHandlers(await Session.start(join(dir, 'ws'), {}, settings));
  }

  it('sends the first screens’ text and mentions, then the rest of the text in parts cut at line ends', async () => {
    const paras = Array.from({ length: 300 }, (_, i) => `Paragraph ${i}: Lavrov met Kerry in Geneva.`);
    const text = paras.join('\n\n');
    const h = await setup(text);
    const quote = (start: number, end: number) => text.slice(start, end);
    const at = (s: string) => text.indexOf(s);
    const early = at('Paragraph 3:');
    const late = at('Paragraph 250:');
    await h['annotations.change']({ docId: 'long', change: { op: 'addMention', mention: { id: 'e', label: 'PERSON', start: early, end: early + 9, quote: quote(early, early + 9), origin: 'manual', author: 'ana', createdAt: '2026-01-01T00:00:00Z' } } });
    await h['annotations.change']({ docId: 'long', change: { op: 'addMention', mention: { id: 'l', label: 'PERSON', start: late, end: late + 9, quote: quote(late, late + 9), origin: 'manual', author: 'ana', createdAt: '2026-01-01T00:00:00Z' } } });

    const first = await h['documents.open']({ docId: 'long', mentionsBefore: 1_000, textBefore: 1_000 });
    expect(first.chars).toBe(text.length);
    expect(first.document.text.length).toBeGreaterThanOrEqual(1_000);
    expect(first.document.text.length).toBeLessThan(1_100);
    expect(first.document.text.endsWith('\n')).toBe(true);
    expect(first.layer.mentions.map((m) => m.id)).toEqual(['e']);
    expect(first.complete).toBe(false);

    let got = first.document.text;
    while (got.length < text.length) got += (await h['documents.text']({ docId: 'long', from: got.length, chars: 2_000 })).text;
    expect(got).toBe(text);
    expect((await h['annotations.get']({ docId: 'long' })).mentions.map((m) => m.id)).toEqual(['e', 'l']);

    // Without textBefore, and for a short text, everything comes at once.
    const all = await h['documents.open']({ docId: 'long' });
    expect(all.document.text).toBe(text);
    expect(all.complete).toBe(true);
    expect(await dispatch(h, 'documents.text', { docId: 'long', from: text.length + 1, chars: 10 })).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
    expect(await dispatch(h, 'documents.text', { docId: 'long', from: 0, chars: 0 })).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
  });
});
