import { describe, expect, it } from 'vitest';
import { layoutParagraph, type Run } from '../../src/core/layout';

type M = { id: string; start: number; end: number };

/** Renders runs as a bracket string: [a:text] for a mark, plain for text. */
function show(runs: Run<M>[], text: string): string {
  return runs.map((r) => (r.kind === 'text' ? text.slice(r.start, r.end) : `[${r.mention.id}${r.lane}:${show(r.children, text)}]`)).join('');
}

describe('layoutParagraph', () => {
  const text = 'Sergei Lavrov met John Kerry';

  it('leaves text without mentions as one run', () => {
    expect(show(layoutParagraph(0, text.length, []), text)).toBe(text);
  });

  it('nests an inner mention inside an outer one, on its own lane', () => {
    const runs = layoutParagraph(0, text.length, [
      { id: 'a', start: 0, end: 13 },
      { id: 'b', start: 7, end: 13 },
    ]);
    expect(show(runs, text)).toBe('[a0:Sergei [b1:Lavrov]] met John Kerry');
  });

  it('draws two mentions over the same span once each, nested', () => {
    const runs = layoutParagraph(0, text.length, [
      { id: 'a', start: 0, end: 13 },
      { id: 'b', start: 0, end: 13 },
    ]);
    expect(show(runs, text)).toBe('[a0:[b1:Sergei Lavrov]] met John Kerry');
  });

  it('splits a mention that crosses another into fragments', () => {
    const runs = layoutParagraph(0, text.length, [
      { id: 'a', start: 0, end: 17 },
      { id: 'b', start: 7, end: 28 },
    ]);
    expect(show(runs, text)).toBe('[a0:Sergei [b1:Lavrov met]][b1: John Kerry]');
    const firsts = runs.filter((r) => r.kind === 'mark').map((r) => (r.kind === 'mark' ? `${r.mention.id}:${r.first}` : ''));
    expect(firsts).toEqual(['a:true', 'b:false']);
  });

  it('clips mentions to the paragraph', () => {
    const runs = layoutParagraph(7, 13, [{ id: 'a', start: 0, end: 28 }]);
    expect(show(runs, text)).toBe('[a0:Lavrov]');
  });
});
