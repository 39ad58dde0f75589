/**
 * The action registry. Every user command is declared once, in the command
 * table (`core/commands.ts`: id, title, keys, scope, menus); a feature binds
 * each id to what it runs in `features/<feature>/commands.ts`. The top-bar
 * menu, the Electron menu's commands, the shortcuts sheet (F1), the command
 * palette and the key handler all read it, so they cannot disagree. A screen
 * that shows only at times (Review, stream mode) binds its keys while it is
 * mounted with `useActions`.
 *
 * Keys are tried highest `priority` first. Two actions whose keys overlap in
 * overlapping scopes at the same priority are ambiguous: registering the
 * second throws, naming both.
 */
import { useEffect, useRef } from 'react';
import { COMMANDS, PRIORITY, scopesOverlap, type ActionId, type CommandId, type CommandScope, type CommandSpec } from '../../core/commands';
import type { AppState, AppStore } from './store';

export type { ActionId, CommandId } from '../../core/commands';

export interface ActionContext {
  app: AppStore;
  state: AppState;
  /** The key went to a text field: only actions that say so take it. */
  typing: boolean;
  target: HTMLElement | null;
}

/** An action: a command's declaration (title, section, keys, scope, priority) with what it runs. */
export interface Action extends Pick<CommandSpec, 'title' | 'section' | 'keys' | 'keyHint' | 'scope' | 'priority'> {
  /** Stable id; the Electron menu sends it as a command. */
  id: ActionId;
  /** When, inside its scope, the action applies; it is not offered (and its keys fall through) otherwise. */
  when?: (c: ActionContext) => boolean;
  /** Runs it. Returning false says "not handled here": the key is left to the browser and later actions. */
  run: (app: AppStore, e?: KeyboardEvent) => void | boolean;
  /** Shown in the top-bar menu: its label, place, and whether it shows as pressed (a screen that is on). */
  menu?: { label: string; order: number; pressed?: (s: AppState) => boolean };
}

/** What a feature gives a declared command: what it runs, and when (inside its scope) it applies. */
export interface Binding {
  when?: (c: ActionContext) => boolean;
  run: (app: AppStore, e?: KeyboardEvent) => void | boolean;
  /** For a command in the top-bar menu: whether it shows as pressed. */
  pressed?: (s: AppState) => boolean;
}

/** Bindings by command id: an id not in the table does not compile. */
export type Bindings = { [K in CommandId]?: Binding };

/** Actions that depend on the schema (a key per label, per frame type), computed from the current state. */
export type ActionSource = (state: AppState) => Action[];

const staticActions: Action[] = [];
const sources: ActionSource[] = [];
const scoped = new Set<{ actions: Action[] }>();

/** The table's declaration of each bound command, with what it runs. */
export function defineActions(bindings: Bindings): Action[] {
  return (Object.entries(bindings) as [CommandId, Binding][]).map(([id, b]) => {
    const spec: CommandSpec = COMMANDS[id];
    return {
      id,
      title: spec.title,
      section: spec.section,
      keys: spec.keys,
      keyHint: spec.keyHint,
      scope: spec.scope,
      priority: spec.priority,
      when: b.when,
      run: b.run,
      menu: spec.menu && { ...spec.menu, pressed: b.pressed },
    };
  });
}

export function registerActions(bindings: Bindings): void {
  const actions = defineActions(bindings);
  for (const a of actions) {
    if (staticActions.some((b) => b.id === a.id)) throw new Error(`Action ${a.id} is declared twice`);
  }
  assertUnambiguous([...staticActions, ...[...scoped].flatMap((s) => s.actions)], actions);
  staticActions.push(...actions);
}

export function registerActionSource(source: ActionSource): void {
  sources.push(source);
}

/** Every action: screen-scoped ones first, then declared ones, then computed ones (the order the shortcuts sheet lists them in). */
export function allActions(state: AppState): Action[] {
  return [...[...scoped].flatMap((s) => s.actions), ...staticActions, ...sources.flatMap((src) => src(state))];
}

/** The order keys are tried in: highest priority first (the sort is stable, and same-priority overlaps are refused). */
export function byPriority(actions: Action[]): Action[] {
  return [...actions].sort((a, b) => (b.priority ?? PRIORITY.normal) - (a.priority ?? PRIORITY.normal));
}

/** The top-bar menu, in its order. */
export function menuActions(state: AppState): Action[] {
  return allActions(state)
    .filter((a) => a.menu)
    .sort((a, b) => a.menu!.order - b.menu!.order);
}

export function actionById(state: AppState, id: ActionId): Action | undefined {
  return allActions(state).find((a) => a.id === id);
}

/** Runs an action by id: a click in the menu or a command from the Electron menu (scope and `when` gate keys only). */
export function runAction(app: AppStore, id: ActionId): void {
  actionById(app.state, id)?.run(app);
}

/** Binds commands for as long as the calling component is mounted; `actions` may change every render. */
export function useActions(actions: Action[]): void {
  const entry = useRef({ actions });
  entry.current.actions = actions;
  useEffect(() => {
    const e = entry.current;
    assertUnambiguous([...staticActions, ...[...scoped].flatMap((s) => s.actions)], e.actions);
    scoped.add(e);
    return () => {
      scoped.delete(e);
    };
  }, []);
}

/** Refuses actions whose keys overlap, in overlapping scopes and at the same priority, an action already there (or each other). */
export function assertUnambiguous(existing: readonly Action[], added: readonly Action[]): void {
  const seen = [...existing];
  for (const a of added) {
    for (const b of seen) {
      if (a.id === b.id || (a.priority ?? PRIORITY.normal) !== (b.priority ?? PRIORITY.normal) || !scopesOverlap(a.scope, b.scope)) continue;
      const key = a.keys?.find((k) => b.keys?.some((l) => keysOverlap(k, l)));
      if (key) {
        throw new Error(`Ambiguous key ${key}: actions ${b.id} and ${a.id} both take it in overlapping scopes (${b.scope}, ${a.scope}); give one of them a higher priority or another key`);
      }
    }
    seen.push(a);
  }
}

/** Whether one key press can match both specs. */
export function keysOverlap(a: string, b: string): boolean {
  const p = parse(a);
  const q = parse(b);
  const ok = (x: Flag, y: Flag) => x === 'any' || y === 'any' || x === y;
  const same = p.key.length === 1 && q.key.length === 1 ? p.key.toLowerCase() === q.key.toLowerCase() : p.key === q.key;
  return same && ok(p.mod, q.mod) && ok(p.alt, q.alt) && ok(p.shift, q.shift);
}

export function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  // Checkboxes and buttons take no text: label keys still work after clicking one.
  if (el.tagName === 'INPUT') return !['checkbox', 'radio', 'button', 'submit', 'color', 'range'].includes((el as HTMLInputElement).type);
  return el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable;
}

function context(app: AppStore, e: KeyboardEvent | null): ActionContext {
  // A key event sent to the window (not to an element) has no element to ask about.
  const target = e?.target instanceof HTMLElement ? e.target : null;
  return { app, state: app.state, typing: isTyping(target), target };
}

type Flag = 'yes' | 'no' | 'any';

interface KeySpec {
  key: string;
  mod: Flag;
  alt: Flag;
  shift: Flag;
}

const parsed = new Map<string, KeySpec>();

function parse(spec: string): KeySpec {
  let p = parsed.get(spec);
  if (p) return p;
  // The key is the last part; `+` itself is written as the last `+`.
  const parts = spec.endsWith('++') ? [...spec.slice(0, -2).split('+'), '+'] : spec.split('+');
  const key = parts.pop()!;
  const flag = (name: string): 'yes' | 'no' | 'any' => (parts.includes(name) ? 'yes' : parts.includes(`${name}?`) ? 'any' : 'no');
  p = { key, mod: flag('Mod'), alt: flag('Alt'), shift: flag('Shift') };
  // Shift is how punctuation such as ? and [ is typed on many layouts.
  if (p.shift === 'no' && key.length === 1 && !/[a-z0-9]/i.test(key)) p.shift = 'any';
  parsed.set(spec, p);
  return p;
}

export function matches(spec: string, e: KeyboardEvent): boolean {
  const p = parse(spec);
  const ok = (want: 'yes' | 'no' | 'any', held: boolean) => want === 'any' || (want === 'yes') === held;
  if (!ok(p.mod, e.ctrlKey || e.metaKey) || !ok(p.alt, e.altKey) || !ok(p.shift, e.shiftKey)) return false;
  return p.key.length === 1 ? e.key.toLowerCase() === p.key.toLowerCase() : e.key === p.key;
}

const isMac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);
const KEY_NAMES: Record<string, string> = { ArrowLeft: '←', ArrowRight: '→', ArrowUp: '↑', ArrowDown: '↓', Escape: 'Esc', Delete: 'Delete', Backspace: 'Backspace' };

/** A key spec as a person reads it: `Mod+Shift+Z` → `Ctrl+Shift+Z`. */
export function formatKey(spec: string): string {
  const p = parse(spec);
  const mods = [p.mod === 'yes' ? (isMac ? '⌘' : 'Ctrl') : '', p.alt === 'yes' ? 'Alt' : '', p.shift === 'yes' ? 'Shift' : ''].filter(Boolean);
  const key = KEY_NAMES[p.key] ?? (p.key.length === 1 ? p.key.toUpperCase().replace(/^([A-Z])$/, (c) => (mods.length ? c : c.toLowerCase())) : p.key);
  return [...mods, key].join('+');
}

export function keyLabel(a: Action): string {
  return a.keyHint ?? (a.keys ?? []).map(formatKey).join(' or ');
}

/** Whether an action applies now: its scope holds, and its own condition. */
export function applies(a: Action, c: ActionContext): boolean {
  return SCOPES[a.scope](c) && (!a.when || a.when(c));
}

/** The one key handler: the highest-priority action whose key matches and that applies now runs. */
export function handleKey(app: AppStore, e: KeyboardEvent): void {
  if (e.defaultPrevented) return;
  const ctx = context(app, e);
  for (const a of byPriority(allActions(ctx.state))) {
    if (!a.keys?.some((k) => matches(k, e))) continue;
    if (!applies(a, ctx)) continue;
    if (a.run(app, e) === false) continue;
    e.preventDefault();
    return;
  }
}

// Conditions shared by the features' actions.

/** The reader screen with no dialog open. */
export const inReader = (c: ActionContext): boolean => c.state.screen === 'reader' && c.state.dialog === null;
/** In the reader, with a document open, and not typing into a field. */
export const onDocument = (c: ActionContext): boolean => inReader(c) && !c.typing && c.state.doc !== null;
/** A screen other than the reader, with no dialog, not typing. */
const onScreen = (screen: AppState['screen']) => (c: ActionContext): boolean => c.state.screen === screen && c.state.dialog === null && !c.typing;

const SCOPES: Record<CommandScope, (c: ActionContext) => boolean> = {
  always: () => true,
  workbench: (c) => c.state.dialog === null,
  dialog: (c) => c.state.dialog !== null,
  reader: inReader,
  doclist: (c) => inReader(c) && Boolean(c.target?.closest('.doclist [role="listbox"]')),
  document: onDocument,
  corpus: onScreen('corpus'),
  network: onScreen('network'),
  review: onScreen('review'),
  'review-panel': (c) => onScreen('review')(c) && Boolean(c.target?.closest('.review-side')),
  search: onScreen('search'),
};
