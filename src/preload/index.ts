/**
 * The only bridge between the sandboxed page and main: `window.api`, one
 * function per contract method, nothing else (no ipcRenderer, no Node).
 */
import { contextBridge, ipcRenderer } from 'electron';
import { buildTransport, type Envelope, type TransportApi } from '../core/api/transport';

export const API_CHANNEL = 'parley:api';

const api = buildTransport((method, args) => ipcRenderer.invoke(API_CHANNEL, method, args) as Promise<Envelope<unknown>>) satisfies TransportApi;

contextBridge.exposeInMainWorld('api', api);
