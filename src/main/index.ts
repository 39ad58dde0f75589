/**
 * The Electron shell: one secure window on the renderer, the app menu, the
 * native folder dialog, and the API served over IPC from the same handlers
 * the browser host uses.
 */
import './heap';
import { app, BrowserWindow, dialog, ipcMain, Menu, safeStorage, shell, type MenuItemConstructorOptions } from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { COMMAND_CHANNEL, nativeMenu, type CommandId, type NativeMenu } from '../core/commands';
import { dispatch } from './dispatch';
import { createHandlers } from './handlers';
import { appDataDir, defaultWorkspaceDir } from './paths';
import { Session, openOrCreateDefault } from './session';
import { SettingsStore } from './settings/settingsFile';
import { encryptedTokens, memoryTokens, type TokenStore } from './sync/tokens';

const API_CHANNEL = 'parley:api';
const here = fileURLToPath(new URL('.', import.meta.url));

app.setName('Parley');
// The CLI resolves the same folder, so both use the same default workspace.
app.setPath('userData', appDataDir());

let win: BrowserWindow | null = null;

/**
 * Access tokens for shared workspaces, encrypted with the OS keychain
 * (safeStorage) in the app-data folder, never in a workspace. Where the OS
 * offers no encryption they stay in memory for this run only.
 */
function keychainTokens(): TokenStore {
  if (!safeStorage.isEncryptionAvailable()) return memoryTokens();
  return encryptedTokens(join(appDataDir(), 'sync-tokens.bin'), { encrypt: (text) => safeStorage.encryptString(text), decrypt: (data) => safeStorage.decryptString(data) });
}

function workspaceArg(): string | undefined {
  const i = process.argv.indexOf('--workspace');
  return i >= 0 ? process.argv[i + 1] : process.env.PARLEY_WORKSPACE;
}

/** Sends a menu command to the page, which runs it like its own shortcut (the preload hands it to `window.api.onCommand`). */
function command(id: CommandId): void {
  win?.webContents.send(COMMAND_CHANNEL, id);
}

/** The menu: the commands come from the command table (`core/commands.ts`), placed among Electron's own roles. */
function buildMenu(): Menu {
  const items = (menu: NativeMenu, group: number): MenuItemConstructorOptions[] =>
    (nativeMenu(menu)[group] ?? []).map(({ id, label, accelerator }) => ({
      label,
      accelerator,
      // The page handles these keys itself; the menu only shows them.
      registerAccelerator: false,
      click: () => command(id),
    }));
  const separator: MenuItemConstructorOptions = { type: 'separator' };
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [...items('file', 0), separator, ...items('file', 1), separator, ...items('file', 2), separator, process.platform === 'darwin' ? { role: 'close' } : { role: 'quit' }],
    },
    {
      label: '&Edit',
      submenu: [...items('edit', 0), separator, { role: 'copy' }, { role: 'selectAll' }, separator, ...items('edit', 1)],
    },
    {
      label: '&View',
      submenu: [
        ...items('view', 0),
        separator,
        { role: 'reload' },
        { role: 'toggleDevTools' },
        separator,
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        separator,
        { role: 'togglefullscreen' },
      ],
    },
    { label: '&Help', submenu: items('help', 0) },
  ];
  return Menu.buildFromTemplate(template);
}

function createWindow(): BrowserWindow {
  const w = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    title: 'Parley',
    show: false,
    backgroundColor: '#f7f6f3',
    webPreferences: {
      preload: join(here, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  w.once('ready-to-show', () => w.show());
  w.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  w.webContents.on('will-navigate', (event, url) => {
    if (url !== w.webContents.getURL()) event.preventDefault();
  });
  const devUrl = process.env.ELECTRON_RENDERER_URL;
  if (devUrl) void w.loadURL(devUrl);
  else void w.loadFile(join(here, '../renderer/index.html'));
  return w;
}

async function start(): Promise<void> {
  const settings = await SettingsStore.load();
  const explicit = workspaceArg();
  let ws;
  try {
    ws = await openOrCreateDefault(explicit ?? settings.lastWorkspace ?? defaultWorkspaceDir());
  } catch (e) {
    if (explicit) throw e;
    ws = await openOrCreateDefault(defaultWorkspaceDir());
  }
  const session = await Session.start(ws.root, {
    pickFolder: async () => {
      const result = await dialog.showOpenDialog(win ?? BrowserWindow.getFocusedWindow()!, {
        title: 'Open a Parley workspace',
        properties: ['openDirectory', 'createDirectory'],
      });
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    pick: async (mode, title, defaultName) => {
      const parent = win ?? BrowserWindow.getFocusedWindow()!;
      if (mode === 'save') {
        const r = await dialog.showSaveDialog(parent, { title, defaultPath: defaultName, properties: ['createDirectory', 'showOverwriteConfirmation'] });
        return r.canceled || !r.filePath ? [] : [r.filePath];
      }
      const r = await dialog.showOpenDialog(parent, { title, properties: mode === 'folder' ? ['openDirectory', 'createDirectory'] : ['openFile', 'openDirectory', 'multiSelections'] });
      return r.canceled ? [] : r.filePaths;
    },
    tokens: keychainTokens(),
  }, settings);
  session.startSearch();
  const handlers = createHandlers(session);
  ipcMain.handle(API_CHANNEL, (event, method: unknown, args: unknown) => {
    // Only our own page may call the API.
    if (!win || event.sender !== win.webContents) return { ok: false, error: { code: 'unauthorized', message: 'unknown sender' } };
    return dispatch(handlers, String(method), args);
  });
  Menu.setApplicationMenu(buildMenu());
  win = createWindow();
}

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

// One Parley per user: a second launch brings the first window forward, which already has the workspace open.
const primary = app.requestSingleInstanceLock();
if (!primary) app.quit();
app.on('second-instance', () => {
  if (win?.isMinimized()) win.restore();
  win?.focus();
});

app
  .whenReady()
  .then(() => (primary ? start() : undefined))
  .catch((e: unknown) => {
    // Only a failure to start ends the app; errors in use come back to the window through the API.
    dialog.showErrorBox('Parley could not start', e instanceof Error ? e.message : String(e));
    app.exit(1);
  });

app.on('window-all-closed', () => app.quit());

process.on('unhandledRejection', (e) => {
  console.error('Parley: unhandled error', e);
});
