/**
 * The session: what the API handlers work on (context.ts), put together:
 * the open workspace, the user's settings, the search service, and what
 * the host can do natively (a folder picker in Electron, none in a browser).
 */
import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { WorkspaceInfo } from '../core/api/workspace';
import { ParleyError } from '../core/errors';
import { seedsDir } from './paths';
import { SearchService, startSearchThread } from './search/service';
import { SettingsStore } from './settings/settingsFile';
import type { ApiContext, HostCapabilities } from './context';
import { Workspace, isWorkspaceFolder, readIdentity, readSeeds, writeIdentity } from './workspace';
import { loadScheme } from './schemes/library';

/** How long after opening the search service starts by itself. */
const SEARCH_START_MS = 5_000;

export class Session implements ApiContext {
  private constructor(
    public workspace: Workspace,
    readonly settings: SettingsStore,
    readonly host: HostCapabilities,
  ) {}

  static async start(dir: string, host: HostCapabilities = {}, settings?: SettingsStore): Promise<Session> {
    const store = settings ?? (await SettingsStore.load());
    return new Session(await Workspace.open(dir), store, host);
  }

  private searchOf: { ws: Workspace; service: SearchService } | null = null;

  /**
   * Starts the search service a moment after the window opens (at once if a
   * search comes first), so the index is brought up to date before most
   * first searches without taking a core from the window's first paint. Only
   * the empty thread starts at once (about 150 ms of CPU, reading nothing).
   */
  startSearch(afterMs = SEARCH_START_MS): void {
    // The thread itself starts at once (it reads nothing until the service opens it): a search made meanwhile does not wait for it to start.
    startSearchThread(this.workspace.entries.length);
    setTimeout(() => {
      if (!this.closed) void this.search;
    }, afterMs).unref();
  }
  private closed = false;

  /** The search service of the open workspace, started on first use and kept current as documents are added. */
  get search(): SearchService {
    const ws = this.workspace;
    if (this.searchOf?.ws !== ws) {
      void this.searchOf?.service.close();
      const service = new SearchService(ws.root, ws.entries, { writable: true, titleOf: (id) => (ws.has(id) ? ws.entry(id).title : undefined) });
      ws.onDocumentsAdded.push((records) => void service.added(records).catch(() => undefined));
      this.searchOf = { ws, service };
    }
    return this.searchOf.service;
  }

  /** Ends the session: searches stop, journals and pending checkpoints reach whole files, and the workspace's lock is let go. */
  async close(): Promise<void> {
    this.closed = true;
    await this.searchOf?.service.close();
    this.searchOf = null;
    await Workspace.settle(this.workspace.root);
    this.workspace.close();
  }

  private identityOf: { root: string; name: string | null } | null = null;

  /** The clone's own analyst (.parley/identity.json), or null when the user's settings decide. */
  get cloneAnnotator(): string | null {
    const root = this.workspace.root;
    if (this.identityOf?.root !== root) this.identityOf = { root, name: readIdentity(root) };
    return this.identityOf.name;
  }

  /** Who writes in this window: the clone's analyst, else the name in the user's settings. */
  get annotator(): string {
    return this.cloneAnnotator ?? this.settings.annotator;
  }

  /** Makes `name` the analyst of this clone (the caller has confirmed it). */
  async setCloneAnnotator(name: string): Promise<void> {
    await writeIdentity(this.workspace.root, name);
    this.identityOf = null;
  }

  async open(path: string, create: boolean, scheme = 'default'): Promise<void> {
    const root = resolve(path);
    const before = this.workspace;
    if (create && !isWorkspaceFolder(root)) {
      this.workspace = await Workspace.create(root, workspaceName(root), [], await loadScheme(scheme));
    } else {
      this.workspace = await Workspace.open(root);
    }
    // The folder left behind may now be written by another process.
    before.close();
    await this.settings.update((s) => {
      s.lastWorkspace = this.workspace.root;
    });
  }

  info(): WorkspaceInfo {
    const ws = this.workspace;
    return {
      path: ws.root,
      name: ws.name,
      annotator: this.annotator,
      annotatorFrom: this.cloneAnnotator === null ? 'settings' : 'workspace',
      schema: ws.schema,
      documentCount: ws.entries.length,
      problems: this.settings.problem ? [this.settings.problem, ...ws.problems] : ws.problems,
      lastDocId: this.settings.lastDocument(ws.root),
    };
  }
}

export function workspaceName(root: string): string {
  return root.split(/[\\/]/).filter(Boolean).pop() ?? 'Workspace';
}

/** Opens the workspace in `dir`, creating it from the sample corpus on first start. */
export async function openOrCreateDefault(dir: string): Promise<Workspace> {
  if (isWorkspaceFolder(dir)) return Workspace.open(dir);
  if (!existsSync(dir) || isEmptyDir(dir)) return Workspace.create(dir, 'Sample corpus: Lavrov-Kerry talks on Syria, 2016', await readSeeds(seedsDir()), await loadScheme('default'));
  throw new ParleyError('not_found', `${resolve(dir)} exists but is not a Parley workspace`);
}

function isEmptyDir(dir: string): boolean {
  try {
    return readdirSync(dir).length === 0;
  } catch {
    return false;
  }
}
