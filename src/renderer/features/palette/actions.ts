/** What the palette offers and what choosing an item does. */
import type { DocumentSummary } from '../../../core/api/documents';
import type { Entity } from '../../../core/model';
import { allActions, applies, keyLabel, type Action, type ActionId } from '../../app/registry';
import type { AppState, AppStore } from '../../app/store';
import { showEntity } from '../entities/actions';
import { paletteFilter } from './match';

export type PaletteItem =
  | { kind: 'action'; id: string; title: string; keys: string; action: Action }
  | { kind: 'document'; id: string; title: string; detail: string }
  | { kind: 'entity'; id: string; title: string; detail: string };

/** Actions the palette leaves out: the palette itself, and keys that act where the keyboard is (a caret, a list cursor). */
const NOT_OFFERED = new Set<ActionId>(['palette', 'close-dialog']);

/**
 * The actions that apply on the screen the palette was opened over: `when` is
 * asked as if the key had been pressed in the element that had the focus.
 * An action whose run reads the key event (moving a caret, extending a
 * selection) needs a key, so only its key runs it, unless it is in the menu.
 */
export function offeredActions(state: AppState, app: AppStore, target: HTMLElement | null): Action[] {
  const ctx = { app, state: { ...state, dialog: null }, typing: false, target };
  const seen = new Set<string>();
  return allActions(ctx.state).filter((a) => {
    if (NOT_OFFERED.has(a.id) || seen.has(a.id)) return false;
    if (!a.menu && a.run.length > 1) return false;
    if (!applies(a, ctx)) return false;
    seen.add(a.id);
    return true;
  });
}

const MAX_DOCUMENTS = 30;
const MAX_ENTITIES = 20;

export function paletteItems(query: string, actions: Action[], docs: DocumentSummary[], entities: Entity[]): PaletteItem[] {
  const items: PaletteItem[] = paletteFilter(actions, query, (a) => `${a.menu?.label ?? ''} ${a.title} ${a.section}`, actions.length).map((a) => ({
    kind: 'action',
    id: a.id,
    title: a.menu?.label.replace(/…$/, '') ?? a.title,
    keys: keyLabel(a),
    action: a,
  }));
  for (const d of paletteFilter(docs, query, (d) => `${d.title} ${d.outlet ?? ''}`, query.trim() ? MAX_DOCUMENTS : 5)) {
    items.push({ kind: 'document', id: d.id, title: d.title, detail: [d.outlet, d.date].filter(Boolean).join(', ') });
  }
  for (const e of paletteFilter(entities, query, (e) => `${e.name} ${e.aliases.join(' ')} ${e.type}`, query.trim() ? MAX_ENTITIES : 5)) {
    items.push({ kind: 'entity', id: e.id, title: e.name, detail: e.type });
  }
  return items;
}

/** Closes the palette, then runs the item: the screen it acts on is the one under the palette. */
export function choose(app: AppStore, item: PaletteItem): void {
  app.closeDialog();
  // After the palette has gone and given the focus back, so an action that moves the focus keeps it.
  setTimeout(() => {
    if (item.kind === 'action') item.action.run(app);
    else if (item.kind === 'document') {
      app.showScreen('reader');
      void app.openDoc(item.id);
    } else {
      app.showScreen('reader');
      showEntity(app, item.id);
    }
  }, 0);
}
