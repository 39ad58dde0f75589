import { describe, expect, it } from 'vitest';
import { formatKey, matches } from '../../src/renderer/app/registry';

const key = (k: string, mods: { ctrl?: boolean; shift?: boolean; alt?: boolean; meta?: boolean } = {}) =>
  ({ key: k, ctrlKey: !!mods.ctrl, shiftKey: !!mods.shift, altKey: !!mods.alt, metaKey: !!mods.meta }) as KeyboardEvent;

describe('action registry key specs', () => {
  it('tells Ctrl+Z from Ctrl+Shift+Z', () => {
    expect(matches('Mod+Z', key('z', { ctrl: true }))).toBe(true);
    expect(matches('Mod+Z', key('Z', { ctrl: true, shift: true }))).toBe(false);
    expect(matches('Mod+Shift+Z', key('Z', { ctrl: true, shift: true }))).toBe(true);
    expect(matches('Mod+Z', key('z', { meta: true }))).toBe(true);
  });

  it('a plain letter key does not fire with Ctrl or Alt held', () => {
    expect(matches('p', key('p'))).toBe(true);
    expect(matches('p', key('p', { ctrl: true }))).toBe(false);
    expect(matches('p', key('p', { alt: true }))).toBe(false);
    expect(matches('p', key('P', { shift: true }))).toBe(false);
    expect(matches('Shift?+p', key('P', { shift: true }))).toBe(true);
  });

  it('punctuation typed with Shift still matches', () => {
    expect(matches('?', key('?', { shift: true }))).toBe(true);
    expect(matches(']', key(']'))).toBe(true);
  });

  it('optional modifiers', () => {
    expect(matches('Mod?+Shift+ArrowLeft', key('ArrowLeft', { shift: true }))).toBe(true);
    expect(matches('Mod?+Shift+ArrowLeft', key('ArrowLeft', { shift: true, ctrl: true }))).toBe(true);
    expect(matches('Mod?+Shift+ArrowLeft', key('ArrowLeft'))).toBe(false);
  });

  it('shows keys as a person reads them', () => {
    expect(formatKey('Mod+Shift+Z')).toBe('Ctrl+Shift+Z');
    expect(formatKey('Shift?+p')).toBe('p');
    expect(formatKey('Escape')).toBe('Esc');
  });
});
