/**
 * The only bridge between the sandboxed page and main: `window.api`, one
 * function per contract method, and `onCommand` for the menu's commands;
 * nothing else (no ipcRenderer, no Node).
 */
import { contextBridge, ipcRenderer } from 'electron';
import { buildTransport, type Envelope, type TransportApi } from '../core/api/transport';
import { COMMAND_CHANNEL, isCommandId, type ShellEvents } from '../core/commands';

export const API_CHANNEL = 'parley:api';

const api = buildTransport((method, args) => ipcRenderer.invoke(API_CHANNEL, method, args) as Promise<Envelope<unknown>>) satisfies TransportApi;

const shell: ShellEvents = {
  onCommand(listener) {
    // Only ids from the command table reach the page.
    const handler = (_event: unknown, id: unknown) => {
      if (isCommandId(id)) listener(id);
    };
    ipcRenderer.on(COMMAND_CHANNEL, handler);
    return () => void ipcRenderer.removeListener(COMMAND_CHANNEL, handler);
  },
};

contextBridge.exposeInMainWorld('api', { ...api, ...shell });
