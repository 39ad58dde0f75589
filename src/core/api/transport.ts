/**
 * What carries the contract: the envelope every call comes back in, the
 * nested shape a transport exposes (the preload's `window.api`, the browser
 * host's fetch), and the client the UI calls, which unwraps envelopes and
 * throws errors.
 */
import type { ApiErrorShape } from '../errors';
import { METHOD_NAMES, type ArgsOf, type MethodName, type ResultOf } from './contract';

/** What every transport returns: a value, or an error the UI can show. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiErrorShape };

type Split<S extends string> = S extends `${infer NS}.${infer Rest}` ? [NS, Rest] : never;
type Namespaces = Split<MethodName>[0];

/** The client's shape: `api.documents.list()`, `api.annotations.change({...})`. */
export type ApiClient = {
  [NS in Namespaces]: {
    [M in MethodName as Split<M>[0] extends NS ? Split<M>[1] : never]: (args: ArgsOf<M>) => Promise<ResultOf<M>>;
  };
};

/** What a transport exposes (the preload's `window.api`): every method, answering with an envelope. */
export type TransportApi = {
  [NS in Namespaces]: {
    [M in MethodName as Split<M>[0] extends NS ? Split<M>[1] : never]: (args: ArgsOf<M>) => Promise<Envelope<ResultOf<M>>>;
  };
};

function nest<T>(call: (method: MethodName, args: unknown) => Promise<unknown>): T {
  const client: Record<string, Record<string, (args: unknown) => Promise<unknown>>> = {};
  for (const name of METHOD_NAMES) {
    const [ns, fn] = name.split('.') as [string, string];
    client[ns] ??= {};
    client[ns][fn] = (args: unknown) => call(name, args ?? {});
  }
  return client as T;
}

/** Builds a transport's nested shape over one `call` that returns envelopes. */
export function buildTransport(call: (method: MethodName, args: unknown) => Promise<Envelope<unknown>>): TransportApi {
  return nest<TransportApi>(call);
}

/** Raised by the client when a call comes back with an error. */
export class ApiError extends Error implements ApiErrorShape {
  readonly code: ApiErrorShape['code'];
  readonly file?: string;
  readonly line?: number;
  constructor(shape: ApiErrorShape) {
    super(shape.message);
    this.name = 'ApiError';
    this.code = shape.code;
    this.file = shape.file;
    this.line = shape.line;
  }
}

/** The client the UI uses: same shape, results unwrapped, errors thrown as ApiError. */
export function buildClient(call: (method: MethodName, args: unknown) => Promise<Envelope<unknown>>): ApiClient {
  return nest<ApiClient>(async (method, args) => {
    const envelope = await call(method, args);
    if (!envelope.ok) throw new ApiError(envelope.error);
    return envelope.value;
  });
}
