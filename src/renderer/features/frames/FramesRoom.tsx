/** Frames: the frame card, the Frames tab and the corpus view, wired to the app store. */
import { useApp, useAppStore, useDeferredDocVersion } from '../../app/store';
import { addFiller, deleteFrame, focusFrame, openCorpusRow, showCorpusLayer, removeFiller, setField, setFrameAttr, setFrameNote } from './actions';
import { CorpusLayerSwitch, CorpusView } from './CorpusView';
import { framesSlice } from './slice';
import { FrameCard } from './FrameCard';
import { FramesPanel } from './FramesPanel';

export function FrameCardRoom() {
  const app = useAppStore();
  const store = useApp((s) => s.doc);
  useDeferredDocVersion(store);
  const info = useApp((s) => s.info);
  const frameId = useApp((s) => s.frameId);
  const entities = useApp((s) => s.entities);
  const armedRole = useApp((s) => s.armedRole);
  const frame = frameId ? store?.frame(frameId) : undefined;
  if (!frame || !store || !info) return null;
  return (
    <FrameCard
      key={frame.id}
      frame={frame}
      schema={info.schema}
      mentions={store.mentionMap}
      entities={entities}
      armedRole={armedRole}
      readOnly={store.stale}
      onArm={(role) => app.armRole(role)}
      onAddFiller={(role, filler) => addFiller(app, role, filler)}
      onRemoveFiller={(role, i) => removeFiller(app, role, i)}
      onAttr={(name, value) => setFrameAttr(app, name, value)}
      onNote={(note) => setFrameNote(app, note)}
      onDelete={() => deleteFrame(app)}
      onShowMention={(id) => app.view?.reveal(store.mention(id)?.start ?? 0, id)}
    />
  );
}

export function FramesTab() {
  const app = useAppStore();
  const store = useApp((s) => s.doc);
  const version = useDeferredDocVersion(store);
  const info = useApp((s) => s.info);
  const entities = useApp((s) => s.entities);
  if (!store || !info) return null;
  return (
    <FramesPanel
      frames={store.frames}
      version={version}
      schema={info.schema}
      mentions={store.mentionMap}
      entities={entities}
      fields={store.layer.fields}
      readOnly={store.stale}
      onPick={(f) => focusFrame(app, f)}
      onField={(name, value) => setField(app, name, value)}
    />
  );
}

export function CorpusRoom() {
  const app = useAppStore();
  const { corpus: rows, layer, team } = framesSlice.use((s) => s);
  const info = useApp((s) => s.info);
  if (!info) return null;
  return (
    <CorpusView
      rows={rows}
      schema={info.schema}
      onClose={() => app.showScreen('reader')}
      onOpen={(row) => openCorpusRow(app, row)}
      layers={<CorpusLayerSwitch layer={layer} team={team} me={info.annotator} onLayer={(l) => void showCorpusLayer(app, l)} />}
    />
  );
}
