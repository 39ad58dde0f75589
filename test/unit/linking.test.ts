import { describe, expect, it } from 'vitest';
import { isUntouched, onlySuggestions } from '../../src/core/changes';
import { namesEntity, normalizeName, rankEntities } from '../../src/core/linking';
import type { Entity, Mention } from '../../src/core/model';

const registry: Entity[] = [
  { id: 'lavrov', type: 'PERSON', name: 'Sergei Lavrov', aliases: ['Lavrov', 'Russian Foreign Minister Sergei Lavrov', 'Sergey Lavrov'] },
  { id: 'russia', type: 'GPE', name: 'Russia', aliases: ['Russian Federation'] },
  { id: 'rusorg', type: 'ORG', name: 'Russia', aliases: [] },
  { id: 'ministry', type: 'ORG', name: 'Russian Foreign Ministry', aliases: [] },
  { id: 'kerry', type: 'PERSON', name: 'John Kerry', aliases: ['Kerry'] },
  { id: 'prussia', type: 'GPE', name: 'Prussia', aliases: [] },
];
const ids = (text: string, type: string) => rankEntities(registry, text, type).map((c) => c.entity.id);

describe('entity linking ranks by name and type', () => {
  it('"Russia" as a GPE offers the country first and never a person', () => {
    const ranked = rankEntities(registry, 'Russia', 'GPE');
    expect(ranked[0]).toMatchObject({ entity: { id: 'russia' }, match: 'name', sameType: true });
    expect(ranked.map((c) => c.entity.id)).not.toContain('lavrov');
    // No matching inside a word: Prussia is not Russia.
    expect(ranked.map((c) => c.entity.id)).not.toContain('prussia');
    // Another type's entity with exactly that name comes after, marked as another type.
    expect(ranked.at(-1)).toMatchObject({ entity: { id: 'rusorg' }, sameType: false });
  });

  it('an exact alias of the same type comes before a word match of the same type', () => {
    expect(ids('Lavrov', 'PERSON')).toEqual(['lavrov']);
    expect(rankEntities(registry, 'Lavrov', 'PERSON')[0].match).toBe('alias');
    expect(ids('Russian', 'ORG')).toEqual(['ministry']);
  });

  it('case, accents and spacing do not matter', () => {
    expect(ids('  sergéi   LAVROV ', 'PERSON')).toEqual(['lavrov']);
    expect(normalizeName('Mu\u0308ller, Jr.')).toBe('muller jr');
  });

  it('a typed start of a word finds the same type only', () => {
    expect(ids('Serg', 'PERSON')).toEqual(['lavrov']);
    expect(ids('Serg', 'GPE')).toEqual([]);
  });

  it('a long mention that contains a name as whole words finds it, of the same type', () => {
    expect(ids('U.S. Secretary of State John Kerry', 'PERSON')).toEqual(['kerry']);
    expect(ids('U.S. Secretary of State John Kerry', 'GPE')).toEqual([]);
  });

  it('the exact name of another type is offered, but after every match of the own type', () => {
    const ranked = rankEntities(registry, 'Russia', 'ORG');
    expect(ranked.map((c) => [c.entity.id, c.sameType])).toEqual([
      ['rusorg', true],
      ['ministry', true],
      ['russia', false],
    ]);
  });

  it('namesEntity says whether a text is already a name or alias', () => {
    expect(namesEntity(registry[0], 'sergey lavrov')).toBe(true);
    expect(namesEntity(registry[0], 'the minister')).toBe(false);
  });

  it('never offers more than the limit, and nothing for an empty text', () => {
    const many: Entity[] = Array.from({ length: 20 }, (_, i) => ({ id: `p${i}`, type: 'PERSON', name: `Ann ${i}`, aliases: [] }));
    expect(rankEntities(many, 'Ann', 'PERSON')).toHaveLength(8);
    expect(rankEntities(many, ' . ', 'PERSON')).toEqual([]);
  });
});

describe('suggestions change no status', () => {
  const m = (pending: boolean): Mention => ({ id: 'm', label: 'PERSON', start: 0, end: 1, quote: 'a', origin: 'suggested', author: 'ana', createdAt: '', ...(pending ? { pending } : {}) });
  it('adding, rejecting or batching suggestions is only suggestions; accepting one is not', () => {
    expect(onlySuggestions({ op: 'batch', title: 'suggest', changes: [{ op: 'addMention', mention: m(true) }] })).toBe(true);
    expect(onlySuggestions({ op: 'removeMention', mention: m(true) })).toBe(true);
    expect(onlySuggestions({ op: 'updateMention', before: m(true), after: m(false) })).toBe(false);
    expect(onlySuggestions({ op: 'addMention', mention: m(false) })).toBe(false);
  });
  it('a not-started layer with only suggestions is untouched', () => {
    expect(isUntouched({ status: 'not_started', mentions: [m(true)], frames: [], fields: {} })).toBe(true);
    expect(isUntouched({ status: 'not_started', mentions: [m(false)], frames: [], fields: {} })).toBe(false);
    expect(isUntouched({ status: 'in_progress', mentions: [], frames: [], fields: {} })).toBe(false);
  });
});
