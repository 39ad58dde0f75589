/**
 * The workbench's layout, and the one place the app shell (`app/`) meets the
 * features: each feature keeps its slice, actions, commands and components in
 * its own folder under `features/`; this file only places the rooms, starts
 * the app store and sends keys and menu commands to the one action registry.
 */
import { useEffect, useMemo } from 'react';
import { onShellCommand } from './api';
import { handleKey, runAction } from './app/registry';
import { AppContext, AppStore, useApp, useAppStore, type Tab } from './app/store';
import { Panes, useAppearance } from './app/Panes';
import { DiskFullNotice, TopBar, Toasts } from './app/TopBar';
import { UnsavedNotice } from './app/UnsavedNotice';
import { BusyTray } from './app/Waits';
import './features/commands';
import { DatasetDialogs } from './features/datasets/DatasetDialogs';
import { EntitiesTab, SuggestionsTab, useSuggestionCount } from './features/entities/EntitiesRoom';
import { CorpusRoom, FrameCardRoom, FramesTab } from './features/frames/FramesRoom';
import { DocumentListRoom, MentionCardRoom, MentionsTab, ReaderDialogs, ReaderRoom } from './features/reader/ReaderRoom';
import { GuidelinesTab } from './features/guidelines/GuidelinesRoom';
import { PaletteRoom } from './features/palette/PaletteRoom';
import { NetworkRoom } from './features/network/NetworkRoom';
import { ReviewRoom } from './features/review/ReviewRoom';
import { SearchRoom } from './features/search/SearchRoom';
import { SettingsDialogs } from './features/settings/SettingsDialogs';
import { SuggestRoom } from './features/suggest/SuggestRoom';
import { SyncControl, useSyncPlaced } from './features/sync/SyncControl';
import { SyncDialogs } from './features/sync/ShareDialogs';

function docFromHash(): string | null {
  const m = /doc=([^&]+)/.exec(location.hash);
  return m ? decodeURIComponent(m[1]) : null;
}

export function App() {
  const app = useMemo(() => new AppStore(), []);
  useWorkbench(app);
  return (
    <AppContext.Provider value={app}>
      <Layout />
    </AppContext.Provider>
  );
}

/** Loads the workspace, follows the address bar, and routes keys and menu commands to the registry. */
function useWorkbench(app: AppStore): void {
  useEffect(() => {
    app.loadWorkspace(docFromHash()).catch(app.fail);
  }, [app]);

  useEffect(() => {
    // A link or the address bar naming another document opens it.
    const onHash = () => {
      const id = docFromHash();
      if (id && id !== app.state.doc?.doc.id) void app.openDoc(id);
    };
    const onKey = (e: KeyboardEvent) => handleKey(app, e);
    const onState = () => {
      const info = app.state.info;
      document.title = info ? `Parley · ${info.name} · ${info.annotator}` : 'Parley';
    };
    window.addEventListener('hashchange', onHash);
    // A command from the Electron menu runs like its own key.
    const stopCommands = onShellCommand((id) => runAction(app, id));
    window.addEventListener('keydown', onKey);
    const unsubscribe = app.subscribe(onState);
    return () => {
      window.removeEventListener('hashchange', onHash);
      stopCommands();
      window.removeEventListener('keydown', onKey);
      unsubscribe();
    };
  }, [app]);
}

const TABS: { id: Tab; title: string }[] = [
  { id: 'mentions', title: 'Mentions' },
  { id: 'frames', title: 'Frames' },
  { id: 'entities', title: 'Entities' },
  { id: 'suggestions', title: 'Suggestions' },
  { id: 'guidelines', title: 'Guidelines' },
];

function Layout() {
  const screen = useApp((s) => s.screen);
  useAppearance();
  return (
    <div className="app">
      <TopBar items={<SyncControl />} itemsPlaced={useSyncPlaced()} />
      <DiskFullNotice />
      <UnsavedNotice />
      {screen === 'corpus' && <CorpusRoom />}
      {screen === 'network' && <NetworkRoom />}
      {screen === 'review' && <ReviewRoom />}
      {screen === 'search' && <SearchRoom />}
      <Panes hidden={screen !== 'reader'} documents={<DocumentListRoom />} reader={<ReaderRoom />} sidebar={<Sidebar />} />
      <SuggestRoom />
      <Toasts />
      <BusyTray />
      <ReaderDialogs />
      <SettingsDialogs />
      <DatasetDialogs />
      <SyncDialogs />
      <PaletteRoom />
    </div>
  );
}

function Sidebar() {
  const app = useAppStore();
  const tab = useApp((s) => s.tab);
  const suggestions = useSuggestionCount();
  return (
    <aside className="sidebar" aria-label="Sidebar">
      <MentionCardRoom />
      <FrameCardRoom />
      <div className="tabs" role="tablist">
        {TABS.map((t) => (
          <button key={t.id} role="tab" aria-selected={tab === t.id} className={tab === t.id ? 'on' : ''} onClick={() => app.setTab(t.id)}>
            {t.id === 'suggestions' && suggestions ? `${t.title} (${suggestions})` : t.title}
          </button>
        ))}
      </div>
      <div className="tab-body">
        {tab === 'mentions' && <MentionsTab />}
        {tab === 'frames' && <FramesTab />}
        {tab === 'entities' && <EntitiesTab />}
        {tab === 'suggestions' && <SuggestionsTab />}
        {tab === 'guidelines' && <GuidelinesTab />}
      </div>
    </aside>
  );
}
