import { describe, expect, it, vi } from 'vitest';
import { allActions, assertUnambiguous, byPriority, formatKey, keysOverlap, matches, type Action } from '../../src/renderer/app/registry';
import type { AppState } from '../../src/renderer/app/store';

// The features' commands are loaded without a page: no API calls are made.
vi.mock('../../src/renderer/api', () => ({ api: {}, isElectron: false, onShellCommand: () => () => undefined }));

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

describe('ambiguous key bindings', () => {
  const action = (id: `tag:${string}`, keys: string[], scope: Action['scope'], priority?: number): Action => ({ id, title: id, section: 'Test', keys, scope, priority, run: () => undefined });

  it('a key in two overlapping scopes at the same priority is refused, naming both actions', () => {
    expect(() => assertUnambiguous([action('tag:A', ['x'], 'document')], [action('tag:B', ['Shift?+x'], 'reader')])).toThrow(/tag:A and tag:B/);
    // The document list and the open document can both have the keys at once.
    expect(() => assertUnambiguous([action('tag:A', ['Enter'], 'doclist')], [action('tag:B', ['Enter'], 'document')])).toThrow(/Ambiguous key Enter/);
  });

  it('a declared priority, another scope or another modifier settles it', () => {
    expect(() => assertUnambiguous([action('tag:A', ['x'], 'document')], [action('tag:B', ['x'], 'document', 10)])).not.toThrow();
    expect(() => assertUnambiguous([action('tag:A', ['x'], 'review')], [action('tag:B', ['x'], 'document')])).not.toThrow();
    expect(() => assertUnambiguous([action('tag:A', ['Mod+x'], 'document')], [action('tag:B', ['x'], 'document')])).not.toThrow();
  });

  it('overlapping key specs', () => {
    expect(keysOverlap('?', 'Shift+?')).toBe(true);
    expect(keysOverlap('Mod?+ArrowLeft', 'Mod+ArrowLeft')).toBe(true);
    expect(keysOverlap('Alt+ArrowRight', 'Mod?+ArrowRight')).toBe(false);
    expect(keysOverlap('a', 'A')).toBe(true);
  });

  it('every declared command binds without ambiguity, and tries keys by priority', async () => {
    await import('../../src/renderer/features/commands');
    const state = { screen: 'reader', dialog: null, info: null } as unknown as AppState;
    const actions = allActions(state);
    expect(actions.map((a) => a.id)).toContain('list-open');
    const order = byPriority(actions).map((a) => a.id);
    expect(order.indexOf('fill-role')).toBeLessThan(order.indexOf('list-open'));
    expect(order.indexOf('list-down')).toBeLessThan(order.indexOf('move-caret'));
  });
});
