import { startTransition, useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import type { DocumentSummary, FrameRow, LabelUse, Suggestion, WorkspaceInfo } from '../core/api';
import { ApiError } from '../core/api';
import { countLayer } from '../core/changes';
import { formatError } from '../core/errors';
import { newId } from '../core/ids';
import { frameMentionIds } from '../core/changes';
import { removeMentionChange, withFiller } from '../core/frames';
import type { Change, DocumentStatus, Entity, Frame, LabelSchema, Mention, RoleFiller } from '../core/model';
import { snapSpan } from '../core/text';
import { api, isElectron } from './api';
import { DeleteLabelDialog, OpenWorkspaceDialog, SchemaEditor, SettingsDialog, ShortcutsDialog } from './components/Dialogs';
import { CorpusView } from './components/CorpusView';
import { DocumentList } from './components/DocumentList';
import { ExportDialog } from './components/ExportDialog';
import { ImportDialog } from './components/ImportDialog';
import { FrameCard } from './components/FrameCard';
import { FramesPanel } from './components/FramesPanel';
import { EntityPanel } from './components/EntityPanel';
import { MentionCard } from './components/MentionCard';
import { MentionList } from './components/MentionList';
import { Reader } from './components/Reader';
import { ReviewView } from './components/ReviewView';
import { SuggestionPanel } from './components/SuggestionPanel';
import type { DocumentView } from './reader/DocumentView';
import { DocStore } from './store/docStore';
import { SaveQueue } from './store/saveQueue';

type DialogState =
  | { kind: 'open-workspace' }
  | { kind: 'settings' }
  | { kind: 'shortcuts' }
  | { kind: 'schema' }
  | { kind: 'delete-label'; use: LabelUse }
  | { kind: 'export' }
  | { kind: 'import' }
  | null;

type Tab = 'mentions' | 'frames' | 'entities' | 'suggestions';

/** A long document opens with the mentions of about this many characters: several screens' worth. */
const FIRST_SCREENS_CHARS = 50_000;

interface Toast {
  id: number;
  text: string;
  kind: 'error' | 'info';
}

function docFromHash(): string | null {
  const m = /doc=([^&]+)/.exec(location.hash);
  return m ? decodeURIComponent(m[1]) : null;
}

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  // Checkboxes and buttons take no text: label keys still work after clicking one.
  if (el.tagName === 'INPUT') return !['checkbox', 'radio', 'button', 'submit', 'color', 'range'].includes((el as HTMLInputElement).type);
  return el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable;
}

export function App() {
  const [info, setInfo] = useState<WorkspaceInfo | null>(null);
  const [docs, setDocs] = useState<DocumentSummary[]>([]);
  const [entities, setEntities] = useState<Entity[]>([]);
  const [cursor, setCursor] = useState(0);
  const [store, setStore] = useState<DocStore | null>(null);
  const [loading, setLoading] = useState(false);
  const [focusedId, setFocusedState] = useState<string | null>(null);
  // Key handlers read the ref: a key pressed before React re-renders must see the latest focus.
  const focusedRef = useRef<string | null>(null);
  const setFocusedId = useCallback((next: string | null | ((prev: string | null) => string | null)) => {
    focusedRef.current = typeof next === 'function' ? next(focusedRef.current) : next;
    setFocusedState(focusedRef.current);
  }, []);
  const [entityId, setEntityId] = useState<string | null>(null);
  const [frameId, setFrameState] = useState<string | null>(null);
  const frameRef = useRef<string | null>(null);
  const setFrameId = useCallback((id: string | null) => {
    frameRef.current = id;
    setFrameState(id);
    armedRef.current = null;
    setArmedState(null);
  }, []);
  /** The role of the selected frame that clicks on mentions now fill. */
  const [armedRole, setArmedState] = useState<string | null>(null);
  const armedRef = useRef<string | null>(null);
  const setArmedRole = useCallback((role: string | null) => {
    armedRef.current = role;
    setArmedState(role);
  }, []);
  const [corpus, setCorpus] = useState<FrameRow[] | null>(null);
  const [reviewing, setReviewing] = useState(false);
  const [dialog, setDialog] = useState<DialogState>(null);
  const [tab, setTab] = useState<Tab>('mentions');
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  const [toasts, setToasts] = useState<Toast[]>([]);
  const infoRef = useRef<WorkspaceInfo | null>(null);
  infoRef.current = info;
  const [snapWords, setSnapWordsState] = useState(() => localStorage.getItem('parley-snap-words') !== 'off');
  const viewRef = useRef<DocumentView | null>(null);
  const storeRef = useRef<DocStore | null>(null);
  storeRef.current = store;
  const queue = useMemo(() => new SaveQueue(), []);

  const toast = useCallback((text: string, kind: Toast['kind'] = 'error') => {
    const id = Date.now() + Math.random();
    setToasts((t) => [...t, { id, text, kind }]);
    setTimeout(() => setToasts((t) => t.filter((x) => x.id !== id)), kind === 'error' ? 9000 : 3500);
  }, []);

  const fail = useCallback((e: unknown) => toast(e instanceof ApiError ? formatError(e) : String((e as Error)?.message ?? e)), [toast]);

  const setSnapWords = (v: boolean) => {
    setSnapWordsState(v);
    localStorage.setItem('parley-snap-words', v ? 'on' : 'off');
  };

  const refreshDocs = useCallback(() => api.documents.list({}).then(setDocs, fail), [fail]);
  const refreshSuggestions = useCallback(() => api.suggestions.list({}).then(setSuggestions, fail), [fail]);

  const openDoc = useCallback(
    async (id: string) => {
      setLoading(true);
      try {
        await queue.idle();
        const opened = await api.documents.open({ docId: id, mentionsBefore: FIRST_SCREENS_CHARS });
        const s = new DocStore(opened);
        setStore(s);
        setFocusedId(null);
        setFrameId(null);
        if (!opened.complete) s.completeWith(await api.annotations.get({ docId: id }));
        history.replaceState(null, '', `${location.pathname}${location.search}#doc=${encodeURIComponent(id)}`);
        void api.settings.setLastDocument({ docId: id }).catch(() => undefined);
      } catch (e) {
        fail(e);
      } finally {
        setLoading(false);
      }
    },
    [fail, queue, setFocusedId, setFrameId],
  );

  const loadWorkspace = useCallback(
    async (preferDoc: string | null) => {
      const i = await api.workspace.info({});
      setInfo(i);
      const [list, ents] = await Promise.all([api.documents.list({}), api.entities.list({})]);
      setDocs(list);
      setEntities(ents);
      void refreshSuggestions();
      const want = preferDoc ?? i.lastDocId;
      const idx = want ? list.findIndex((d) => d.id === want) : -1;
      setCursor(Math.max(0, idx));
      if (idx >= 0) await openDoc(list[idx].id);
      else setStore(null);
      if (i.problems.length) toast(`${i.problems.length} file(s) could not be read: ${i.problems.map((p) => p.file).join(', ')}`);
    },
    [openDoc, refreshSuggestions, toast],
  );

  useEffect(() => {
    loadWorkspace(docFromHash()).catch(fail);
  }, [loadWorkspace, fail]);

  // A link or the address bar naming another document opens it.
  useEffect(() => {
    const onHash = () => {
      const id = docFromHash();
      if (id && id !== storeRef.current?.doc.id) void openDoc(id);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [openDoc]);

  useEffect(() => {
    document.title = info ? `Parley · ${info.name} · ${info.annotator}` : 'Parley';
  }, [info]);

  // The focused mention and entity are drawn by the view.
  useEffect(() => {
    const frame = frameId ? store?.frame(frameId) : undefined;
    const ids = [...(focusedId ? [focusedId] : []), ...(frame ? frameMentionIds(frame) : [])];
    viewRef.current?.setFocus(ids, entityId, frameId);
    // store.version: a frame's fillers change in place
  }, [focusedId, entityId, frameId, store, store?.version]);

  const labels = info?.schema.labels ?? [];
  const viewStyle = useMemo(
    () => ({
      color: (label: string) => labelsRef.current.find((l) => l.name === label)?.color ?? '#888888',
      frameColor: (type: string) => infoRef.current?.schema.frameTypes.find((t) => t.name === type)?.color ?? '#888888',
      entityName: (id: string) => entitiesRef.current.find((e) => e.id === id)?.name,
    }),
    [],
  );
  const labelsRef = useRef(labels);
  labelsRef.current = labels;
  const entitiesRef = useRef(entities);
  entitiesRef.current = entities;

  /** Applies a change at once, then saves it; if saving fails the document is reloaded from disk. */
  const change = useCallback(
    (c: Change) => {
      const s = storeRef.current;
      if (!s || s.stale) return;
      if (!s.complete) {
        toast('Still loading this document’s labels: try again in a moment.', 'info');
        return;
      }
      try {
        s.apply(c);
      } catch (e) {
        fail(e);
        return;
      }
      queue.push(async () => {
        try {
          const r = await api.annotations.change({ docId: s.doc.id, change: c });
          s.setHistory(r.history);
          startTransition(() => setDocs((list) => list.map((d) => (d.id === s.doc.id ? summaryAfter(d, s) : d))));
        } catch (e) {
          fail(e);
          await openDoc(s.doc.id);
        }
      });
    },
    [fail, openDoc, queue, toast],
  );

  const undoRedo = useCallback(
    (which: 'undo' | 'redo') => {
      const s = storeRef.current;
      if (!s || s.stale) return;
      queue.push(async () => {
        try {
          const r = await (which === 'undo' ? api.annotations.undo({ docId: s.doc.id }) : api.annotations.redo({ docId: s.doc.id }));
          if (r.change) s.apply(r.change);
          s.setHistory(r.history);
          setDocs((list) => list.map((d) => (d.id === s.doc.id ? summaryAfter(d, s) : d)));
          if (r.change) toast(`${which === 'undo' ? 'Undid' : 'Redid'} ${describe(r.change)}`, 'info');
          setFocusedId((f) => (f && s.mention(f) ? f : null));
          void refreshSuggestions();
        } catch (e) {
          fail(e);
        }
      });
    },
    [fail, queue, toast, refreshSuggestions, setFocusedId],
  );

  const tag = useCallback(
    (label: string) => {
      const s = storeRef.current;
      const view = viewRef.current;
      if (!s || !view || !info) return;
      const sel = view.selection();
      if (!sel) {
        const m = focusedRef.current ? s.mention(focusedRef.current) : undefined;
        if (m && m.label !== label) change({ op: 'updateMention', before: m, after: { ...m, label } });
        else if (!m) toast('Select some text first, then press a label key.', 'info');
        return;
      }
      const span = snapSpan(s.text, sel.start, sel.end, { words: snapWords });
      if (!span) return;
      const same = s.mentions.find((m) => m.start === span.start && m.end === span.end && m.label === label);
      document.getSelection()?.removeAllRanges();
      if (same) {
        setFocusedId(same.id);
        return;
      }
      const mention: Mention = {
        id: newId('m'),
        label,
        start: span.start,
        end: span.end,
        quote: s.text.slice(span.start, span.end),
        origin: 'manual',
        author: info.annotator,
        createdAt: new Date().toISOString(),
      };
      change({ op: 'addMention', mention });
      // The highlight is already drawn; the sidebar follows once that frame is painted.
      focusedRef.current = mention.id;
      afterPaint(() => startTransition(() => setFocusedId(mention.id)));
    },
    [change, info, setFocusedId, snapWords, toast],
  );

  const focusMention = useCallback(
    (m: Mention | undefined, scroll = true) => {
      if (!m) return;
      setFocusedId(m.id);
      if (scroll) viewRef.current?.reveal(m.start, m.id);
    },
    [setFocusedId],
  );

  const stepMention = useCallback(
    (dir: 1 | -1) => {
      const s = storeRef.current;
      if (!s || s.mentions.length === 0) return;
      const list = s.mentions;
      const focused = focusedRef.current;
      const cur = focused ? list.findIndex((m) => m.id === focused) : -1;
      const next = cur < 0 ? (dir > 0 ? 0 : list.length - 1) : (cur + dir + list.length) % list.length;
      focusMention(list[next]);
    },
    [focusMention],
  );

  const deleteFocused = useCallback(() => {
    const id = focusedRef.current;
    const s = storeRef.current;
    const m = id ? s?.mention(id) : undefined;
    if (!m || !s) return;
    // Frames that use the mention lose that filler in the same undoable step.
    change(removeMentionChange(m, s.frames));
    setFocusedId(null);
  }, [change, setFocusedId]);

  /** A new frame of `type` anchored on the selection (or on the selected mention). */
  const createFrame = useCallback(
    (type: string) => {
      const s = storeRef.current;
      const view = viewRef.current;
      if (!s || !view || !info) return;
      const sel = view.selection();
      const focused = focusedRef.current ? s.mention(focusedRef.current) : undefined;
      const span = sel ? snapSpan(s.text, sel.start, sel.end, { words: snapWords }) : focused ? { start: focused.start, end: focused.end } : null;
      if (!span) return toast(`Select the evidence for the ${type.toLowerCase()} first, then press its key.`, 'info');
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
      change({ op: 'addFrame', frame });
      setFocusedId(null);
      setFrameId(frame.id);
      setTab('frames');
      // Ready to fill the first role by clicking mentions.
      const first = info.schema.frameTypes.find((t) => t.name === type)?.roles.find((r) => r.allowMention);
      if (first) setArmedRole(first.name);
    },
    [change, info, setArmedRole, setFocusedId, setFrameId, snapWords, toast],
  );

  const updateFrame = useCallback(
    (edit: (f: Frame) => Frame) => {
      const s = storeRef.current;
      const f = frameRef.current ? s?.frame(frameRef.current) : undefined;
      if (!f) return;
      const after = edit(f);
      if (after !== f) change({ op: 'updateFrame', before: f, after });
    },
    [change],
  );

  const addFiller = useCallback(
    (roleName: string, filler: RoleFiller) => {
      const s = storeRef.current;
      const f = frameRef.current ? s?.frame(frameRef.current) : undefined;
      const role = f && infoRef.current?.schema.frameTypes.find((t) => t.name === f.type)?.roles.find((r) => r.name === roleName);
      if (!f || !role) return;
      if (filler.kind === 'mention') {
        const m = s?.mention(filler.mentionId);
        if (m && role.mentionLabels.length && !role.mentionLabels.includes(m.label)) {
          toast(`${role.name} takes ${role.mentionLabels.join('/')} mentions; “${m.quote}” is ${m.label}.`, 'info');
          return;
        }
      }
      const after = withFiller(f, role, filler);
      if (after !== f) change({ op: 'updateFrame', before: f, after });
      const count = (after.roles[roleName] ?? []).length;
      if (role.max !== null && count >= role.max && armedRef.current === roleName) {
        // The role is full: move on to the next role that still needs a mention.
        const type = infoRef.current?.schema.frameTypes.find((t) => t.name === f.type);
        const next = type?.roles.find((r) => r.allowMention && r.name !== roleName && (after.roles[r.name] ?? []).length < r.min);
        setArmedRole(next?.name ?? null);
      }
    },
    [change, setArmedRole, toast],
  );

  const focusFrame = useCallback(
    (f: Frame | undefined, scroll = true) => {
      if (!f) return;
      setFocusedId(null);
      setFrameId(f.id);
      setTab('frames');
      if (scroll) viewRef.current?.reveal(f.evidence.start);
    },
    [setFocusedId, setFrameId],
  );

  const runCommand = useCallback(
    (name: string) => {
      switch (name) {
        case 'undo':
          return undoRedo('undo');
        case 'redo':
          return undoRedo('redo');
        case 'open-workspace':
          return void api.workspace.pickFolder({}).then((r) => {
            if (r.native) {
              if (r.path) void api.workspace.open({ path: r.path, create: true }).then(() => loadWorkspace(null), fail);
            } else setDialog({ kind: 'open-workspace' });
          }, fail);
        case 'settings':
          return setDialog({ kind: 'settings' });
        case 'import':
          return setDialog({ kind: 'import' });
        case 'export':
          return setDialog({ kind: 'export' });
        case 'review':
          setCorpus(null);
          return setReviewing(true);
        case 'shortcuts':
          return setDialog({ kind: 'shortcuts' });
        case 'schema':
          return setDialog({ kind: 'schema' });
        case 'focus-list':
          return document.querySelector<HTMLElement>('.doclist [role="listbox"]')?.focus();
        case 'focus-reader':
          return document.querySelector<HTMLElement>('.reader-scroll')?.focus();
      }
    },
    [fail, loadWorkspace, undoRedo],
  );

  useEffect(() => {
    const onCommand = (e: Event) => runCommand((e as CustomEvent<string>).detail);
    window.addEventListener('parley:command', onCommand);
    return () => window.removeEventListener('parley:command', onCommand);
  }, [runCommand]);

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (reviewing || corpus) return;
      if (dialog) {
        // Escape closes the dialog even when focus has left it.
        if (e.key === 'Escape') setDialog(dialog.kind === 'delete-label' ? { kind: 'schema' } : null);
        return;
      }
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      if (mod && key === 'z') {
        if (isTyping(e.target)) return;
        e.preventDefault();
        return runCommand(e.shiftKey ? 'redo' : 'undo');
      }
      if (mod && key === 'y' && !isTyping(e.target)) {
        e.preventDefault();
        return runCommand('redo');
      }
      if (mod && key === 'o') {
        e.preventDefault();
        return runCommand('open-workspace');
      }
      if (mod && (key === '1' || key === '2')) {
        e.preventDefault();
        return runCommand(key === '1' ? 'focus-list' : 'focus-reader');
      }
      if (mod && key === ',') {
        e.preventDefault();
        return runCommand('settings');
      }
      if (mod && (key === 'i' || key === 'e') && !e.shiftKey) {
        e.preventDefault();
        return runCommand(key === 'i' ? 'import' : 'export');
      }
      if (e.key === 'F1' || (e.key === '?' && !isTyping(e.target))) {
        e.preventDefault();
        return runCommand('shortcuts');
      }
      if (isTyping(e.target) || !storeRef.current) return;
      if (e.shiftKey && ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End'].includes(e.key)) {
        return extendSelection(e);
      }
      if (mod || e.altKey) return;
      if (e.key === 'Escape') {
        document.getSelection()?.removeAllRanges();
        if (armedRef.current) return setArmedRole(null);
        setFocusedId(null);
        setEntityId(null);
        setFrameId(null);
        return;
      }
      if (frameRef.current && /^[1-9]$/.test(e.key)) {
        // Number keys set the selected frame's first attribute: 1 favor, 2 against, …
        const f = storeRef.current?.frame(frameRef.current);
        const attr = f && infoRef.current?.schema.frameTypes.find((t) => t.name === f.type)?.attributes[0];
        const value = attr?.values[Number(e.key) - 1];
        if (attr && value) {
          e.preventDefault();
          updateFrame((fr) => ({ ...fr, attrs: { ...fr.attrs, [attr.name]: value } }));
        }
        return;
      }
      if (e.key === 'Enter' && armedRef.current && focusedRef.current) {
        e.preventDefault();
        return addFiller(armedRef.current, { kind: 'mention', mentionId: focusedRef.current });
      }
      const frameType = info?.schema.frameTypes.find((t) => t.key && t.key.toLowerCase() === key);
      if (frameType) {
        e.preventDefault();
        return createFrame(frameType.name);
      }
      if (e.key === ']' || e.key === '[') {
        e.preventDefault();
        return stepMention(e.key === ']' ? 1 : -1);
      }
      if (e.key === 'Delete' || e.key === 'Backspace') {
        if (focusedRef.current) {
          e.preventDefault();
          deleteFocused();
        }
        return;
      }
      if (key === 'w' && !labels.some((l) => l.key === 'w')) {
        setSnapWords(!snapWords);
        toast(`Snap to words ${!snapWords ? 'on' : 'off'}`, 'info');
        return;
      }
      const label = labels.find((l) => l.key && l.key.toLowerCase() === key);
      if (label) {
        e.preventDefault();
        tag(label.name);
      }
    }
    function extendSelection(e: KeyboardEvent) {
      const sel = document.getSelection();
      const view = viewRef.current;
      const s = storeRef.current;
      if (!sel || !view || !s) return;
      // Start from the selected mention when nothing is selected yet.
      if (sel.rangeCount === 0 || !document.querySelector('.doc-text')?.contains(sel.anchorNode)) {
        const m = focusedRef.current ? s.mention(focusedRef.current) : undefined;
        if (!m) return;
        view.select(m.start, m.end);
      }
      e.preventDefault();
      const word = e.ctrlKey || e.altKey || e.metaKey;
      const [dir, unit] =
        e.key === 'ArrowLeft'
          ? ['backward', word ? 'word' : 'character']
          : e.key === 'ArrowRight'
            ? ['forward', word ? 'word' : 'character']
            : e.key === 'ArrowUp'
              ? ['backward', 'line']
              : e.key === 'ArrowDown'
                ? ['forward', 'line']
                : e.key === 'Home'
                  ? ['backward', 'lineboundary']
                  : ['forward', 'lineboundary'];
      (sel as Selection & { modify(a: string, d: string, u: string): void }).modify('extend', dir, unit);
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const onMarkClick = useCallback(
    (offset: number, mentionId: string) => {
      const s = storeRef.current;
      if (!s) return;
      if (armedRef.current && frameRef.current) {
        // Filling a role: the clicked mention (innermost at that point) goes into it.
        const target = (offset >= 0 ? s.mentionsAt(offset)[0]?.id : undefined) ?? mentionId;
        addFiller(armedRef.current, { kind: 'mention', mentionId: target });
        return;
      }
      setFrameId(null);
      const covering = offset >= 0 ? s.mentionsAt(offset) : [];
      // Clicking again where mentions overlap cycles through them, innermost first.
      const focused = focusedRef.current;
      if (covering.length > 1 && focused && covering.some((m) => m.id === focused)) {
        const i = covering.findIndex((m) => m.id === focused);
        setFocusedId(covering[(i + 1) % covering.length].id);
      } else setFocusedId(covering[0]?.id ?? mentionId);
    },
    [addFiller, setFocusedId, setFrameId],
  );

  const focused = focusedId ? store?.mention(focusedId) : undefined;
  const frame = frameId ? store?.frame(frameId) : undefined;
  const deferredVersion = useDeferredValue(store?.version ?? -1);
  const entityCounts = useMemo(() => {
    const counts = new Map<string, number>();
    if (tab !== 'entities') return counts;
    for (const m of store?.mentions ?? []) if (m.entityId && !m.pending) counts.set(m.entityId, (counts.get(m.entityId) ?? 0) + 1);
    return counts;
    // deferredVersion changes when the mentions do (they are updated in place)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store, deferredVersion, tab]);

  async function saveEntity(e: Entity): Promise<Entity | null> {
    try {
      const saved = await api.entities.save({ entity: e });
      setEntities(await api.entities.list({}));
      viewRef.current?.refreshAll();
      return saved;
    } catch (err) {
      fail(err);
      return null;
    }
  }

  async function linkMention(m: Mention, entity: Entity | null) {
    const { entityId: _old, ...rest } = m;
    change({ op: 'updateMention', before: m, after: entity ? { ...rest, entityId: entity.id } : rest });
    // The way this mention is written becomes an alias, so "Find other mentions" finds it too.
    if (entity && entity.name !== m.quote && !entity.aliases.includes(m.quote)) await saveEntity({ ...entity, aliases: [...entity.aliases, m.quote] });
  }

  // Schema edits run one after another, each on the schema the previous one left.
  const schemaQueue = useMemo(() => new SaveQueue(), []);
  function editSchema(edit: (latest: LabelSchema) => LabelSchema): Promise<void> {
    schemaQueue.push(async () => {
      const latest = infoRef.current?.schema;
      if (!latest) return;
      try {
        const saved = await api.schema.save({ schema: edit(latest) });
        if (infoRef.current) infoRef.current = { ...infoRef.current, schema: saved };
        setInfo((i) => (i ? { ...i, schema: saved } : i));
        viewRef.current?.refreshAll();
      } catch (e) {
        fail(e);
      }
    });
    return schemaQueue.idle();
  }

  async function afterSchemaChange(schema: LabelSchema) {
    if (infoRef.current) infoRef.current = { ...infoRef.current, schema };
    setInfo((i) => (i ? { ...i, schema } : i));
    await refreshDocs();
    const s = storeRef.current;
    if (s) await openDoc(s.doc.id);
  }

  async function findOthers(id: string) {
    const s = storeRef.current;
    if (!s) return toast('Open a document first.', 'info');
    try {
      await queue.idle();
      const found = await api.suggestions.find({ entityId: id, docId: s.doc.id });
      await openDoc(s.doc.id);
      await refreshSuggestions();
      await refreshDocs();
      setTab('suggestions');
      toast(found.length ? `${found.length} suggestion${found.length === 1 ? '' : 's'} to review` : 'No other mentions found', 'info');
    } catch (e) {
      fail(e);
    }
  }

  async function decide(items: Suggestion[], accept: boolean) {
    try {
      await queue.idle();
      await api.suggestions.decide({ items: items.map((s) => ({ docId: s.docId, mentionId: s.mentionId })), accept });
      const s = storeRef.current;
      if (s && items.some((i) => i.docId === s.doc.id)) await openDoc(s.doc.id);
      await Promise.all([refreshSuggestions(), refreshDocs()]);
    } catch (e) {
      fail(e);
    }
  }

  return (
    <div className="app">
      <header className="topbar">
        <div className="brand">Parley</div>
        <div className="workspace-name" title={info?.path}>
          {info?.name ?? '…'}
        </div>
        <nav className="menu" aria-label="Workbench">
          <button onClick={() => runCommand('open-workspace')} title="Open another workspace (Ctrl+O)">
            Open workspace…
          </button>
          <button
            aria-pressed={corpus !== null}
            onClick={() => (corpus ? setCorpus(null) : void api.frames.corpus({}).then((rows) => (setReviewing(false), setCorpus(rows)), fail))}
            title="Every stance and agreement in the workspace"
          >
            Corpus
          </button>
          <button onClick={() => setDialog({ kind: 'import' })} title="Add articles, or another analyst's labels">
            Import…
          </button>
          <button onClick={() => setDialog({ kind: 'export' })} title="Write a dataset for NLP tools">
            Export…
          </button>
          <button aria-pressed={reviewing} onClick={() => (setCorpus(null), setReviewing(!reviewing))} title="Compare analysts' labels and adjudicate a gold layer">
            Review
          </button>
          <button onClick={() => runCommand('schema')}>Schema…</button>
          <button onClick={() => runCommand('shortcuts')} title="Keyboard shortcuts (F1)">
            Shortcuts
          </button>
          <button className="annotator" onClick={() => runCommand('settings')} title="Your annotator name (Ctrl+,)">
            <span className="muted">Annotator</span> {info?.annotator}
          </button>
        </nav>
        {!isElectron && <span className="host-note muted small">browser host</span>}
      </header>
      {corpus && info && (
        <CorpusView
          rows={corpus}
          schema={info.schema}
          onClose={() => setCorpus(null)}
          onOpen={(row) => {
            setCorpus(null);
            void openDoc(row.docId).then(() => focusFrame(storeRef.current?.frame(row.frameId)));
          }}
        />
      )}
      {reviewing && info && (
        <ReviewView
          docs={docs}
          schema={info.schema}
          initialDocId={store?.doc.id ?? null}
          onClose={() => {
            setReviewing(false);
            void refreshDocs();
          }}
          onError={fail}
          onInfo={(t) => toast(t, 'info')}
        />
      )}
      <div className="panes" hidden={corpus !== null || reviewing}>
        <DocumentList docs={docs} openId={store?.doc.id ?? null} cursor={cursor} setCursor={setCursor} onOpen={(id) => void openDoc(id)} />
        <Reader
          store={store}
          labels={labels}
          viewStyle={viewStyle}
          snapWords={snapWords}
          setSnapWords={setSnapWords}
          onView={(v) => (viewRef.current = v)}
          onPickLabel={tag}
          onMarkClick={onMarkClick}
          onEvidenceClick={(id) => focusFrame(storeRef.current?.frame(id), false)}
          armed={armedRole !== null}
          onStatus={(status: DocumentStatus) => store && change({ op: 'setStatus', before: store.layer.status, after: status })}
          onUndo={() => runCommand('undo')}
          onRedo={() => runCommand('redo')}
          loading={loading}
        />
        <aside className="sidebar" aria-label="Sidebar">
          {focused && store && (
            <MentionCard
              key={focused.id}
              mention={focused}
              labels={labels}
              entities={entities}
              readOnly={store.stale}
              onRelabel={(label) => change({ op: 'updateMention', before: focused, after: { ...focused, label } })}
              onLink={(id) => void linkMention(focused, id ? (entities.find((e) => e.id === id) ?? null) : null)}
              onCreateEntity={(name) =>
                void saveEntity({ id: newId('e'), name, type: focused.label, aliases: [] }).then((e) => e && linkMention(focused, e))
              }
              onNote={(note) => {
                const { note: _n, ...rest } = focused;
                change({ op: 'updateMention', before: focused, after: note ? { ...rest, note } : rest });
              }}
              onDelete={deleteFocused}
              onFocusEntity={(id) => {
                setEntityId(id);
                setTab('entities');
              }}
            />
          )}
          {frame && store && info && (
            <FrameCard
              key={frame.id}
              frame={frame}
              schema={info.schema}
              mentions={store.mentionMap}
              entities={entities}
              armedRole={armedRole}
              readOnly={store.stale}
              onArm={setArmedRole}
              onAddFiller={addFiller}
              onRemoveFiller={(role, i) => updateFrame((f) => ({ ...f, roles: { ...f.roles, [role]: (f.roles[role] ?? []).filter((_, j) => j !== i) } }))}
              onAttr={(name, value) =>
                updateFrame((f) => {
                  const attrs = { ...f.attrs };
                  if (value === null) delete attrs[name];
                  else attrs[name] = value;
                  return { ...f, attrs };
                })
              }
              onNote={(note) =>
                updateFrame((f) => {
                  const { note: _n, ...rest } = f;
                  return note ? { ...rest, note } : rest;
                })
              }
              onDelete={() => {
                change({ op: 'removeFrame', frame });
                setFrameId(null);
              }}
              onShowMention={(id) => viewRef.current?.reveal(store.mention(id)?.start ?? 0, id)}
            />
          )}
          <div className="tabs" role="tablist">
            {(['mentions', 'frames', 'entities', 'suggestions'] as Tab[]).map((t) => (
              <button key={t} role="tab" aria-selected={tab === t} className={tab === t ? 'on' : ''} onClick={() => setTab(t)}>
                {t === 'mentions' ? 'Mentions' : t === 'frames' ? 'Frames' : t === 'entities' ? 'Entities' : `Suggestions${suggestions.length ? ` (${suggestions.length})` : ''}`}
              </button>
            ))}
          </div>
          <div className="tab-body">
            {tab === 'mentions' && store && <MentionList mentions={store.mentions} version={store.version} labels={labels} onPick={focusMention} />}
            {tab === 'frames' && store && info && (
              <FramesPanel
                frames={store.frames}
                version={store.version}
                schema={info.schema}
                mentions={store.mentionMap}
                entities={entities}
                fields={store.layer.fields}
                readOnly={store.stale}
                onPick={(f) => focusFrame(f)}
                onField={(name, value) => change({ op: 'setField', name, before: store.layer.fields[name] ?? null, after: value })}
              />
            )}
            {tab === 'entities' && (
              <EntityPanel
                entities={entities}
                labels={labels}
                focusedId={entityId}
                mentionCounts={entityCounts}
                onFocus={setEntityId}
                onSave={(e) => void saveEntity(e)}
                onDelete={(id) =>
                  void api.entities.delete({ id }).then(async (list) => {
                    setEntities(list);
                    setEntityId(null);
                    if (storeRef.current) await openDoc(storeRef.current.doc.id);
                  }, fail)
                }
                onFindOthers={(id) => void findOthers(id)}
                onCreate={(name, type) => void saveEntity({ id: newId('e'), name, type, aliases: [] }).then((e) => e && setEntityId(e.id))}
              />
            )}
            {tab === 'suggestions' && (
              <SuggestionPanel
                suggestions={suggestions}
                currentDocId={store?.doc.id ?? null}
                onDecide={(items, accept) => void decide(items, accept)}
                onShow={(s) => {
                  if (s.docId !== store?.doc.id) void openDoc(s.docId).then(() => viewRef.current?.reveal(s.start, s.mentionId));
                  else viewRef.current?.reveal(s.start, s.mentionId);
                  setFocusedId(s.mentionId);
                }}
              />
            )}
          </div>
        </aside>
      </div>
      <div className="toasts" role="status" aria-live="polite">
        {toasts.map((t) => (
          <div key={t.id} className={`toast ${t.kind}`}>
            {t.text}
          </div>
        ))}
      </div>
      {dialog?.kind === 'open-workspace' && info && (
        <OpenWorkspaceDialog
          current={info.path}
          onClose={() => setDialog(null)}
          onOpen={(path, create) =>
            void api.workspace.open({ path, create }).then(async () => {
              setDialog(null);
              history.replaceState(null, '', `${location.pathname}${location.search}`);
              await loadWorkspace(null);
            }, fail)
          }
        />
      )}
      {dialog?.kind === 'settings' && info && (
        <SettingsDialog
          annotator={info.annotator}
          onClose={() => setDialog(null)}
          onSave={(name) =>
            void api.settings.setAnnotator({ annotator: name }).then(async () => {
              setDialog(null);
              await loadWorkspace(store?.doc.id ?? null);
            }, fail)
          }
        />
      )}
      {dialog?.kind === 'shortcuts' && <ShortcutsDialog onClose={() => setDialog(null)} />}
      {dialog?.kind === 'export' && info && <ExportDialog schema={info.schema} annotator={info.annotator} workspacePath={info.path} onClose={() => setDialog(null)} onError={fail} />}
      {dialog?.kind === 'import' && (
        <ImportDialog
          onClose={() => setDialog(null)}
          onError={fail}
          onDone={() => {
            void refreshDocs();
            void api.entities.list({}).then(setEntities, fail);
          }}
        />
      )}
      {dialog?.kind === 'schema' && info && (
        <SchemaEditor
          schema={info.schema}
          onClose={() => setDialog(null)}
          onEdit={editSchema}
          onRename={(from, to) => {
            schemaQueue.push(async () => {
              try {
                await queue.idle();
                await afterSchemaChange(await api.schema.renameLabel({ from, to }));
              } catch (e) {
                fail(e);
              }
            });
            return schemaQueue.idle();
          }}
          onDelete={async (name) => {
            try {
              await queue.idle();
              const use = (await api.schema.labelUse({})).find((u) => u.label === name) ?? null;
              if (use && use.mentions > 0) setDialog({ kind: 'delete-label', use });
              else await afterSchemaChange(await api.schema.deleteLabel({ name, mentions: 'delete' }));
              return use;
            } catch (e) {
              fail(e);
              return null;
            }
          }}
        />
      )}
      {dialog?.kind === 'delete-label' && info && (
        <DeleteLabelDialog
          use={dialog.use}
          labels={info.schema.labels}
          onClose={() => setDialog({ kind: 'schema' })}
          onRelabel={(to) =>
            void api.schema.deleteLabel({ name: dialog.use.label, mentions: 'relabel', relabelTo: to }).then(async (schema) => {
              setDialog({ kind: 'schema' });
              await afterSchemaChange(schema);
            }, fail)
          }
          onDeleteMentions={() =>
            void api.schema.deleteLabel({ name: dialog.use.label, mentions: 'delete' }).then(async (schema) => {
              setDialog({ kind: 'schema' });
              await afterSchemaChange(schema);
            }, fail)
          }
        />
      )}
    </div>
  );
}

/** Runs `fn` after the next frame has been painted. */
function afterPaint(fn: () => void): void {
  requestAnimationFrame(() => setTimeout(fn, 0));
}

function summaryAfter(d: DocumentSummary, s: DocStore): DocumentSummary {
  const counts = countLayer(s.layer);
  // Main marks a layer in progress with its first mention; mirror it without a round trip.
  if (counts.status === 'not_started' && counts.mentionCount > 0) s.layer.status = counts.status = 'in_progress';
  return { ...d, ...counts };
}

function describe(c: Change): string {
  switch (c.op) {
    case 'addMention':
    case 'removeMention':
      return `“${c.mention.quote}”`;
    case 'updateMention':
      return `“${c.after.quote}”`;
    case 'batch':
      return c.title;
    default:
      return c.op.replace(/([A-Z])/g, ' $1').toLowerCase();
  }
}
