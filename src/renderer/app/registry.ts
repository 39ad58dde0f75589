/**
 * The action registry. Every user action is declared once, with its id,
 * title, key, when it applies and what it runs; the top-bar menu, the
 * Electron menu's commands, the shortcuts sheet (F1) and the key handler all
 * read it, so they cannot disagree. A feature declares its actions in
 * `features/<feature>/commands.ts`; a screen with local state (Review)
 * contributes its actions while it is mounted with `useActions`.
 */
import { useEffect, useRef } from 'react';
import type { AppState, AppStore } from './store';

export interface ActionContext {
  app: AppStore;
  state: AppState;
  /** The key went to a text field: only actions that say so take it. */
  typing: boolean;
  target: HTMLElement | null;
}

export interface Action {
  /** Stable id; the Electron menu sends it as a command. */
  id: string;
  /** What the shortcuts sheet and the menu call it. */
  title: string;
  /** Group in the shortcuts sheet. */
  section: string;
  /**
   * Key specs, e.g. `Mod+Shift+Z`, `F1`, `]`, `Shift+ArrowLeft`. `Mod` is Ctrl (⌘ on a Mac); `Mod?`, `Alt?`,
   * `Shift?` allow a modifier without needing it. Unlisted modifiers must not be held, except Shift on a
   * punctuation key (it is how `?` is typed).
   */
  keys?: string[];
  /** How the sheet shows the keys when the specs alone would not say it (a key per label, say). */
  keyHint?: string;
  /** When the action applies; it is not offered (and its keys fall through) otherwise. */
  when?: (c: ActionContext) => boolean;
  /** Runs it. Returning false says "not handled here": the key is left to the browser and later actions. */
  run: (app: AppStore, e?: KeyboardEvent) => void | boolean;
  /** Shown in the top-bar menu: its label, place, and whether it shows as pressed (a screen that is on). */
  menu?: { label: string; order: number; pressed?: (s: AppState) => boolean };
}

/** Actions that depend on the schema (a key per label, per frame type), computed from the current state. */
export type ActionSource = (state: AppState) => Action[];

const staticActions: Action[] = [];
const sources: ActionSource[] = [];
const scoped = new Set<{ actions: Action[] }>();

export function registerActions(actions: Action[]): void {
  for (const a of actions) {
    if (staticActions.some((b) => b.id === a.id)) throw new Error(`Action ${a.id} is declared twice`);
    staticActions.push(a);
  }
}

export function registerActionSource(source: ActionSource): void {
  sources.push(source);
}

/** Every action, in the order keys are tried: screen-scoped ones first, then declared ones, then computed ones. */
export function allActions(state: AppState): Action[] {
  return [...[...scoped].flatMap((s) => s.actions), ...staticActions, ...sources.flatMap((src) => src(state))];
}

/** The top-bar menu, in its order. */
export function menuActions(state: AppState): Action[] {
  return allActions(state)
    .filter((a) => a.menu)
    .sort((a, b) => a.menu!.order - b.menu!.order);
}

export function actionById(state: AppState, id: string): Action | undefined {
  return allActions(state).find((a) => a.id === id);
}

/** Runs an action by id: a click in the menu or a command from the Electron menu (`when` gates keys only). */
export function runAction(app: AppStore, id: string): void {
  actionById(app.state, id)?.run(app);
}

/** Declares actions for as long as the calling component is mounted; `actions` may change every render. */
export function useActions(actions: Action[]): void {
  const entry = useRef({ actions });
  entry.current.actions = actions;
  useEffect(() => {
    const e = entry.current;
    scoped.add(e);
    return () => {
      scoped.delete(e);
    };
  }, []);
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

interface KeySpec {
  key: string;
  mod: 'yes' | 'no' | 'any';
  alt: 'yes' | 'no' | 'any';
  shift: 'yes' | 'no' | 'any';
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

/** The one key handler: the first action whose key matches and that applies now runs. */
export function handleKey(app: AppStore, e: KeyboardEvent): void {
  if (e.defaultPrevented) return;
  const ctx = context(app, e);
  for (const a of allActions(ctx.state)) {
    if (!a.keys?.some((k) => matches(k, e))) continue;
    if (a.when && !a.when(ctx)) continue;
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
