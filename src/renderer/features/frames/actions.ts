/** Frames (stances, agreements) and the corpus view: their named actions. */
import type { CorpusLayer, FrameRow } from '../../../core/api/frames';
import { removeFrameChange, withFiller } from '../../../core/frames';
import { newId } from '../../../core/ids';
import type { Frame, RoleFiller } from '../../../core/model';
import { snapSpan } from '../../../core/text';
import { api } from '../../api';
import type { AppStore } from '../../app/store';
import { framesSlice } from './slice';

/** A new frame of `type` anchored on the selection (or on the focused mention). */
export function createFrame(app: AppStore, type: string): void {
  const { doc: s, info, focusedId, snapWords } = app.state;
  const view = app.view;
  if (!s || !view || !info) return;
  const sel = view.selection();
  const focused = focusedId ? s.mention(focusedId) : undefined;
  const span = sel ? snapSpan(s.text, sel.start, sel.end, { words: snapWords }) : focused ? { start: focused.start, end: focused.end } : null;
  if (!span) return app.toast(`Select the evidence for the ${type.toLowerCase()} first, then press its key.`, 'info');
  document.getSelection()?.removeAllRanges();
  const frame: Frame = {
    id: newId('f'),
    type,
    evidence: { start: span.start, end: span.end, quote: s.text.slice(span.start, span.end) },
    roles: {},
    attrs: {},
    origin: 'manual',
    author: info.annotator,
    createdAt: new Date().toISOString(),
  };
  app.change({ op: 'addFrame', frame });
  // Ready to fill the first role by clicking mentions.
  const first = info.schema.frameTypes.find((t) => t.name === type)?.roles.find((r) => r.allowMention);
  app.set({ focusedId: null, frameId: frame.id, tab: 'frames', armedRole: first?.name ?? null });
}

function selectedFrame(app: AppStore): Frame | undefined {
  const { doc, frameId } = app.state;
  return frameId ? doc?.frame(frameId) : undefined;
}

export function updateFrame(app: AppStore, edit: (f: Frame) => Frame): void {
  const f = selectedFrame(app);
  if (!f) return;
  const after = edit(f);
  if (after !== f) app.change({ op: 'updateFrame', before: f, after });
}

export function addFiller(app: AppStore, roleName: string, filler: RoleFiller): void {
  const s = app.state.doc;
  const f = selectedFrame(app);
  const schema = app.state.info?.schema;
  const role = f && schema?.frameTypes.find((t) => t.name === f.type)?.roles.find((r) => r.name === roleName);
  if (!f || !role) return;
  if (filler.kind === 'mention') {
    const m = s?.mention(filler.mentionId);
    if (m && role.mentionLabels.length && !role.mentionLabels.includes(m.label)) {
      app.toast(`${role.name} takes ${role.mentionLabels.join('/')} mentions; “${m.quote}” is ${m.label}.`, 'info');
      return;
    }
  }
  const after = withFiller(f, role, filler);
  if (after !== f) app.change({ op: 'updateFrame', before: f, after });
  const count = (after.roles[roleName] ?? []).length;
  if (role.max !== null && count >= role.max && app.state.armedRole === roleName) {
    // The role is full: move on to the next role that still needs a mention.
    const type = schema?.frameTypes.find((t) => t.name === f.type);
    const next = type?.roles.find((r) => r.allowMention && r.name !== roleName && (after.roles[r.name] ?? []).length < r.min);
    app.armRole(next?.name ?? null);
  }
}

export function removeFiller(app: AppStore, role: string, index: number): void {
  updateFrame(app, (f) => ({ ...f, roles: { ...f.roles, [role]: (f.roles[role] ?? []).filter((_, j) => j !== index) } }));
}

export function setFrameAttr(app: AppStore, name: string, value: string | null): void {
  updateFrame(app, (f) => {
    const attrs = { ...f.attrs };
    if (value === null) delete attrs[name];
    else attrs[name] = value;
    return { ...f, attrs };
  });
}

export function setFrameNote(app: AppStore, note: string): void {
  updateFrame(app, (f) => {
    const { note: _n, ...rest } = f;
    return note ? { ...rest, note } : rest;
  });
}

export function deleteFrame(app: AppStore): void {
  const f = selectedFrame(app);
  if (!f) return;
  app.change(removeFrameChange(f, app.state.doc?.layer.frames ?? []));
  app.selectFrame(null);
}

/** Number keys on a selected frame set its first attribute: 1 favor, 2 against, … */
export function setFirstAttrByNumber(app: AppStore, n: number): boolean {
  const f = selectedFrame(app);
  const attr = f && app.state.info?.schema.frameTypes.find((t) => t.name === f.type)?.attributes[0];
  const value = attr?.values[n - 1];
  if (attr && value) updateFrame(app, (fr) => ({ ...fr, attrs: { ...fr.attrs, [attr.name]: value } }));
  return Boolean(attr && value);
}

export function focusFrame(app: AppStore, f: Frame | undefined, scroll = true): void {
  if (!f) return;
  app.set({ focusedId: null, frameId: f.id, armedRole: null, tab: 'frames' });
  if (scroll) app.view?.reveal(f.evidence.start);
}

export function setField(app: AppStore, name: string, value: string | null): void {
  const s = app.state.doc;
  if (s) app.change({ op: 'setField', name, before: s.layer.fields[name] ?? null, after: value });
}

/** Corpus on and off: every stance and agreement in the chosen layer (one's own unless blind annotation allows another). */
export function toggleCorpus(app: AppStore): void {
  if (app.state.screen === 'corpus') return app.showScreen('reader');
  void showCorpusLayer(app, framesSlice.of(app.state).layer).then(() => app.showScreen('corpus'));
}

/** Reads the corpus of `layer`; a layer blind annotation no longer allows falls back to one's own. */
export async function showCorpusLayer(app: AppStore, layer: CorpusLayer): Promise<void> {
  try {
    const team = await api.team.settings({});
    const allowed = layer === 'mine' || team.seesAll;
    const chosen = allowed ? layer : 'mine';
    framesSlice.set(app, { corpus: await api.frames.corpus({ layer: chosen }), layer: chosen, team });
  } catch (e) {
    app.fail(e, 'Reading the corpus');
  }
}

/** Opens a corpus row's document scrolled to the evidence, with the frame selected and its card open. */
export function openCorpusRow(app: AppStore, row: FrameRow): void {
  app.showScreen('reader');
  if (row.annotator !== app.state.info?.annotator) {
    // Another layer's frame: the reader shows one's own layer, so it opens at the evidence.
    void app.openDoc(row.docId).then(() =>
      requestAnimationFrame(() => {
        app.view?.reveal(row.evidence.start);
        app.toast(`${row.annotator}’s ${row.type.toLowerCase()}: “${row.evidence.quote}”. The reader shows your own layer.`, 'info');
      }),
    );
    return;
  }
  void app.openDoc(row.docId).then(() =>
    // After the reader has drawn the newly opened document: only then can it scroll to the evidence.
    requestAnimationFrame(() => {
      const frame = app.state.doc?.frame(row.frameId);
      if (frame) focusFrame(app, frame);
      else app.toast(`That ${row.type.toLowerCase()} is no longer in “${row.docTitle}”: it may have been deleted since the corpus was read.`);
    }),
  );
}
