/** Making a relation in the reader: a mention, the relation's key, a click on the other mention. */
import { newId } from '../../../core/ids';
import type { Frame, FrameTypeDef, Mention } from '../../../core/model';
import type { AppStore } from '../../app/store';
import { ARCS_KEY, relationsSlice } from './slice';

/** The schema's relation type of this name (directed, undirected or equivalence), if it is one. */
export function relationType(app: AppStore, name: string): FrameTypeDef | undefined {
  const t = app.state.info?.schema.frameTypes.find((f) => f.name === name);
  return t?.relation ? t : undefined;
}

export function toggleArcs(app: AppStore): void {
  const arcs = !relationsSlice.of(app.state).arcs;
  relationsSlice.set(app, { arcs });
  localStorage.setItem(ARCS_KEY, arcs ? 'on' : 'off');
  app.toast(`Relation arcs ${arcs ? 'shown' : 'hidden'}`, 'info');
}

/** A relation key: the selected mention becomes the source; the next mention clicked, the target. */
export function startRelation(app: AppStore, type: string): void {
  const { doc, focusedId } = app.state;
  const source = focusedId ? doc?.mention(focusedId) : undefined;
  if (!doc || !source) return app.toast(`Select a mention first (click it), then press the ${type.toLowerCase()} key and click the other mention.`, 'info');
  if (doc.stale) return;
  const def = relationType(app, type);
  const why = def && refusal(def, 0, source);
  if (why) return app.toast(why, 'info');
  relationsSlice.set(app, { pending: { type, source: source.id } });
  app.toast(`${type} from “${source.quote}”: click the other mention, or step to it with ] or [ and press Enter (Esc cancels).`, 'info');
}

export function cancelRelation(app: AppStore): void {
  relationsSlice.set(app, { pending: null });
}

/** Why this mention cannot fill the relation's role `index` (0 the source, 1 the target), or null. */
function refusal(def: FrameTypeDef, index: number, m: Mention): string | null {
  const role = def.roles[Math.min(index, def.roles.length - 1)];
  if (role && role.mentionLabels.length && !role.mentionLabels.includes(m.label)) return `${role.name} of ${def.name} takes ${role.mentionLabels.join('/')} mentions; “${m.quote}” is ${m.label}.`;
  return null;
}

/**
 * A click on a mention while a relation waits for its target: saves the
 * relation as a frame of its type with both roles filled (one undo step).
 * Returns false when no relation is waiting, so the click does what it
 * otherwise does.
 */
export function finishRelation(app: AppStore, offset: number, mentionId: string): boolean {
  const pending = relationsSlice.of(app.state).pending;
  const { doc, info } = app.state;
  if (!pending) return false;
  const def = relationType(app, pending.type);
  const source = doc?.mention(pending.source);
  const target = doc?.mention((offset >= 0 ? doc.mentionsAt(offset)[0]?.id : undefined) ?? mentionId);
  if (!doc || !info || !def || !source || !target) {
    cancelRelation(app);
    return true;
  }
  if (target.id === source.id) {
    app.toast('A relation joins two mentions: click the other one (Esc cancels).', 'info');
    return true;
  }
  const why = refusal(def, 1, target);
  if (why) {
    app.toast(why, 'info');
    return true;
  }
  const start = Math.min(source.start, target.start);
  const end = Math.max(source.end, target.end);
  const fill = (m: Mention) => ({ kind: 'mention' as const, mentionId: m.id });
  const roles = def.relation === 'equivalence' ? { [def.roles[0].name]: [fill(source), fill(target)] } : { [def.roles[0].name]: [fill(source)], [def.roles[1].name]: [fill(target)] };
  const frame: Frame = {
    id: newId('f'),
    type: def.name,
    evidence: { start, end, quote: doc.text.slice(start, end) },
    roles,
    attrs: {},
    origin: 'manual',
    author: info.annotator,
    createdAt: new Date().toISOString(),
  };
  app.change({ op: 'addFrame', frame });
  relationsSlice.set(app, { pending: null });
  app.focusMentionId(target.id);
  return true;
}
