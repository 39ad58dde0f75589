/**
 * The API client. In Electron the preload's `window.api` carries calls over
 * IPC; in the browser host they go to POST /api/<method> with the token the
 * server printed. Nothing else in the renderer knows which is in use.
 */
import type { MethodName } from '../core/api/contract';
import { buildClient, type Envelope, type TransportApi } from '../core/api/transport';
import type { ShellEvents } from '../core/commands';

declare global {
  interface Window {
    /** In Electron: the contract's methods, and the menu's commands (`onCommand`). */
    api?: TransportApi & ShellEvents;
  }
}

function token(): string {
  const fromUrl = new URLSearchParams(location.search).get('token');
  if (fromUrl) {
    sessionStorage.setItem('parley-token', fromUrl);
    return fromUrl;
  }
  return sessionStorage.getItem('parley-token') ?? '';
}

async function overHttp(method: MethodName, args: unknown): Promise<Envelope<unknown>> {
  let res: Response;
  try {
    res = await fetch(`/api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-parley-token': token() },
      body: JSON.stringify(args),
    });
  } catch (e) {
    return { ok: false, error: { code: 'unreachable', message: `Parley's server is not answering (${(e as Error).message}). Is \`parley serve\` still running?` } };
  }
  if (res.status === 401) return { ok: false, error: { code: 'unauthorized', message: 'This page has no valid token: open the URL that `parley serve` printed.' } };
  try {
    return (await res.json()) as Envelope<unknown>;
  } catch (e) {
    // Cut off mid-answer (the server stopped while it replied): whether the call took effect is not known.
    return { ok: false, error: { code: 'unreachable', message: `Parley's server stopped answering (${(e as Error).message}). Is \`parley serve\` still running?` } };
  }
}

function overIpc(transport: TransportApi) {
  return (method: MethodName, args: unknown): Promise<Envelope<unknown>> => {
    const [ns, fn] = method.split('.') as [keyof TransportApi, string];
    const call = (transport[ns] as unknown as Record<string, (a: unknown) => Promise<Envelope<unknown>>>)[fn];
    return call(args);
  };
}

export const isElectron = typeof window !== 'undefined' && window.api !== undefined;

export const api = buildClient(window.api ? overIpc(window.api) : overHttp);

/** Commands the Electron menu sends (none in the browser host); returns a function that stops listening. */
export const onShellCommand: ShellEvents['onCommand'] = (listener) => window.api?.onCommand(listener) ?? (() => undefined);
