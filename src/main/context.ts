/**
 * What the API handlers work on: the open workspace, the analyst and their
 * settings, the search service, and what the host can do natively. The
 * session (session.ts) is one; handlers and services name only this.
 */
import type { Handlers } from '../core/api/contract';
import type { WorkspaceInfo } from '../core/api/workspace';
import type { SearchService } from './search/service';
import type { SettingsStore } from './settings/settingsFile';
import type { TokenStore } from './sync/tokens';
import type { Workspace } from './workspace';

export interface HostCapabilities {
  /** Shows a native folder picker; absent where there is none (the browser host). */
  pickFolder?: () => Promise<string | null>;
  /** Native open/save dialogs for import and export; absent in the browser host. */
  pick?: (mode: 'files' | 'folder' | 'save', title: string, defaultName?: string) => Promise<string[]>;
  /** Access tokens for shared workspaces on HTTPS hosts; the browser host keeps them in memory only. */
  tokens?: TokenStore;
}

export interface ApiContext {
  /** The open workspace; another may be opened in its place (`open`), or a rolled-back import hands back a fresh read of it. */
  workspace: Workspace;
  /** Who writes in this window: the clone's own analyst, else the user's settings. */
  readonly annotator: string;
  /** Makes `name` this clone's analyst (an explicit, confirmed change). */
  setCloneAnnotator(name: string): Promise<void>;
  readonly settings: SettingsStore;
  readonly host: HostCapabilities;
  /** The search service of the open workspace, started on first use. */
  readonly search: SearchService;
  info(): WorkspaceInfo;
  /** Opens (or, with `create`, creates) the workspace in `path` in place of the open one. */
  /** `scheme`: the shipped scheme a workspace created here starts under. */
  open(path: string, create: boolean, scheme?: string): Promise<void>;
}

/** The handlers of one namespace of the API (`schema`: every `schema.*` method). */
export type HandlersOf<N extends string> = Pick<Handlers, Extract<keyof Handlers, `${N}.${string}`>>;
