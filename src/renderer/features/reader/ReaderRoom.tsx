/** Reader and tagging: the document list, the reader, the mention card and the Mentions tab, wired to the app store. */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { DocumentListView } from '../../../core/documentPage';
import { describeMigration } from '../../../core/migrationPlan';
import { GOLD, type DocumentStatus } from '../../../core/model';
import { api } from '../../api';
import { frameMentionIds } from '../../../core/changes';
import { useApp, useAppStore, useDeferredDocVersion, useDocVersion } from '../../app/store';
import { runAction } from '../../app/registry';
import type { DocumentView, ViewStyle } from '../../reader/DocumentView';
import { addAlias, linkMention, createEntity, showEntity } from '../entities/actions';
import { createFrame, focusFrame } from '../frames/actions';
import { finishRelation, relationType, startRelation } from '../relations/actions';
import { ColleaguePicker } from '../colleague/ColleaguePicker';
import { RelationArcs } from '../relations/Arcs';
import { relationsSlice } from '../relations/slice';
import { schemaStepOfLayer, schemaStepToUndo } from '../settings/actions';
import { addMention, clickMention, deleteFocused, focusMention, relabel, setSnapWords, setStatus, shortQuote, tag } from './actions';
import { Dialog } from '../../components/Dialog';
import { DocumentList } from './DocumentList';
import { MentionCard } from './MentionCard';
import { RecentChangesDialog } from './RecentChanges';
import { MentionList } from './MentionList';
import { Reader } from './Reader';

export function DocumentListRoom() {
  const app = useAppStore();
  const list = useApp((s) => s.list);
  const documentCount = useApp((s) => s.info?.documentCount ?? 0);
  const schemaLabels = useApp((s) => s.info?.schema.labels ?? NO_LABELS);
  const labels = useMemo(() => schemaLabels.map((l) => l.name), [schemaLabels]);
  const me = useApp((s) => s.info?.annotator);
  const [colleagues, setColleagues] = useState<string[]>([]);
  const cursor = useApp((s) => s.cursor);
  const openId = useApp((s) => s.doc?.doc.id ?? null);
  const setCursor = useCallback((cursor: number) => app.set({ cursor }), [app]);
  const onOpen = useCallback((id: string) => void app.openDoc(id), [app]);
  const onView = useCallback((patch: Partial<DocumentListView> | null) => void app.setListView(patch), [app]);
  const onFilters = useCallback(() => {
    api.review.annotators({}).then((all) => setColleagues(all.map((a) => a.annotator).filter((a) => a !== me && a !== GOLD)), app.fail);
  }, [app, me]);
  return (
    <DocumentList
      list={list}
      documentCount={documentCount}
      labels={labels}
      colleagues={colleagues}
      openId={openId}
      cursor={cursor}
      setCursor={setCursor}
      onOpen={onOpen}
      onView={onView}
      onRows={app.loadRows}
      onFilters={onFilters}
    />
  );
}

export function ReaderRoom() {
  const app = useAppStore();
  const store = useApp((s) => s.doc);
  const labels = useApp((s) => s.info?.schema.labels ?? NO_LABELS);
  const frameTypes = useApp((s) => s.info?.schema.frameTypes ?? NO_FRAME_TYPES);
  const snapWords = useApp((s) => s.snapWords);
  const armed = useApp((s) => s.armedRole !== null || relationsSlice.of(s).pending !== null);
  const loading = useApp((s) => s.loading);
  const focusedId = useApp((s) => s.focusedId);
  const entityId = useApp((s) => s.entityId);
  const frameId = useApp((s) => s.frameId);
  const version = useDocVersion(store);
  const listedStep = useApp((s) => {
    const step = schemaStepToUndo(s.recent);
    return step && `schema version ${step.version}: ${step.summary}`;
  });
  // After a reload: the step that last changed this layer, which Ctrl+Z undoes while nothing was done here since.
  const [layerStep, setLayerStep] = useState<string | null>(null);
  const nothingToUndo = store !== null && store.history.undo === null;
  useEffect(() => {
    let stale = false;
    setLayerStep(null);
    if (store && nothingToUndo) {
      void schemaStepOfLayer(store).then((step) => {
        if (!stale && step) setLayerStep(`schema version ${step.version}: ${describeMigration(step.op)}`);
      });
    }
    return () => {
      stale = true;
    };
  }, [store, nothingToUndo]);
  const schemaUndo = listedStep ?? layerStep;

  // The view reads colours and names when it draws: always from the current state.
  const viewStyle = useMemo<ViewStyle>(
    () => ({
      color: (label) => app.labels.find((l) => l.name === label)?.color ?? '#888888',
      frameColor: (type) => app.state.info?.schema.frameTypes.find((t) => t.name === type)?.color ?? '#888888',
      entityName: (id) => app.state.entities.find((e) => e.id === id)?.name,
    }),
    [app],
  );

  // The focused mention, entity and frame are drawn by the view.
  useEffect(() => {
    const frame = frameId ? store?.frame(frameId) : undefined;
    const ids = [...(focusedId ? [focusedId] : []), ...(frame ? frameMentionIds(frame) : [])];
    app.view?.setFocus(ids, entityId, frameId);
    // version: a frame's fillers change in place
  }, [app, focusedId, entityId, frameId, store, version]);

  // The same functions on every render, so the label bar (memo) is not drawn again with each new mention.
  const on = useMemo(
    () => ({
      setSnapWords: (v: boolean) => setSnapWords(app, v),
      onView: (v: DocumentView | null) => (app.view = v),
      onPickLabel: (label: string) => tag(app, label),
      onPickFrame: (type: string) => (relationType(app, type) ? startRelation(app, type) : createFrame(app, type)),
      onMarkClick: (offset: number, id: string) => finishRelation(app, offset, id) || clickMention(app, offset, id),
      onEvidenceClick: (id: string) => focusFrame(app, app.state.doc?.frame(id), false),
      onStatus: (status: DocumentStatus) => setStatus(app, status),
      onUndo: () => runAction(app, 'undo'),
      onRedo: () => runAction(app, 'redo'),
    }),
    [app],
  );

  return (
    <Reader
      store={store}
      labels={labels}
      viewStyle={viewStyle}
      snapWords={snapWords}
      frameTypes={frameTypes}
      armed={armed}
      loading={loading}
      schemaUndo={schemaUndo}
      overlay={<RelationArcs />}
      tools={<ColleaguePicker />}
      {...on}
    />
  );
}

const NO_LABELS: never[] = [];
const NO_FRAME_TYPES: never[] = [];

export function MentionCardRoom() {
  const app = useAppStore();
  const store = useApp((s) => s.doc);
  useDeferredDocVersion(store);
  const focusedId = useApp((s) => s.focusedId);
  const labels = useApp((s) => s.info?.schema.labels ?? NO_LABELS);
  const entities = useApp((s) => s.entities);
  const focused = focusedId ? store?.mention(focusedId) : undefined;
  if (!focused || !store) return null;
  return (
    <MentionCard
      key={focused.id}
      mention={focused}
      labels={labels}
      entities={entities}
      readOnly={store.stale}
      unsaved={store.isUnsaved(focused.id)}
      onRelabel={(label) => relabel(app, focused, label)}
      onLink={(id) => linkMention(app, focused, id ? (entities.find((e) => e.id === id) ?? null) : null)}
      onCreateEntity={(name) => void createEntity(app, name, focused.label).then((e) => e && linkMention(app, focused, e))}
      onAddAlias={(entity, alias) => void addAlias(app, entity, alias)}
      onNote={(note) => {
        const { note: _n, ...rest } = focused;
        app.change({ op: 'updateMention', before: focused, after: note ? { ...rest, note } : rest });
      }}
      onDelete={() => deleteFocused(app)}
      onFocusEntity={(id) => showEntity(app, id)}
    />
  );
}

export function MentionsTab() {
  const app = useAppStore();
  const store = useApp((s) => s.doc);
  const labels = useApp((s) => s.info?.schema.labels ?? NO_LABELS);
  const version = useDeferredDocVersion(store);
  if (!store) return null;
  return <MentionList mentions={store.mentions} version={version} labels={labels} onPick={(m) => focusMention(app, m)} />;
}

/** Asked before a mention crosses a paragraph break. */
export function ReaderDialogs() {
  const app = useAppStore();
  const dialog = useApp((s) => s.dialog);
  const text = useApp((s) => s.doc?.text);
  if (dialog?.kind === 'recent-changes') return <RecentChangesDialog />;
  if (dialog?.kind !== 'cross-break' || text === undefined) return null;
  const quote = text.slice(dialog.start, dialog.end);
  const close = () => app.openDialog(null);
  return (
    <Dialog title="Tag across a paragraph break?" onClose={close}>
      <p>
        The selection runs over a paragraph break: “{shortQuote(quote.split('\n')[0], 40)}” … “{quote.split('\n').filter(Boolean).pop()?.slice(0, 40)}”. A mention is usually a name
        or a phrase within one paragraph.
      </p>
      <div className="row end">
        <button onClick={close} autoFocus>
          Cancel
        </button>
        <button
          className="primary"
          onClick={() => {
            close();
            addMention(app, dialog.label, dialog.start, dialog.end);
          }}
        >
          Tag across the break as {dialog.label}
        </button>
      </div>
    </Dialog>
  );
}
