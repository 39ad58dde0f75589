/**
 * The one door to the API: both transports (Electron IPC and the browser
 * host's HTTP) call `dispatch`, which checks the method name and validates
 * the arguments against the contract before any handler runs.
 */
import { contract, isMethodName, type Handlers } from '../core/api/contract';
import type { Envelope } from '../core/api/transport';
import { ChangeConflict } from '../core/changes';
import { ParleyError, type ApiErrorShape } from '../core/errors';
import { boundaryProblem } from './boundary';
import { diskFull } from './store/durable';

/** Any error as the envelope's error: a known one by its code, a full disk as `disk_full`, anything else `internal`. */
export function toErrorShape(e: unknown): ApiErrorShape {
  if (e instanceof ParleyError) return e.toJSON();
  // The layer is not in the state the change was made on (a mention added twice, one already gone).
  if (e instanceof ChangeConflict) return { code: 'conflict', message: e.message };
  const full = diskFull(e);
  if (full) return full.toJSON();
  return { code: 'internal', message: e instanceof Error ? e.message : String(e) };
}

/** Validates and runs one call. Never throws: errors come back in the envelope. */
export async function dispatch(handlers: Handlers, method: string, rawArgs: unknown): Promise<Envelope<unknown>> {
  if (!isMethodName(method)) return { ok: false, error: { code: 'invalid_argument', message: `unknown method ${method.slice(0, 200)}` } };
  const problem = boundaryProblem(rawArgs);
  if (problem) return { ok: false, error: { code: 'invalid_argument', message: `${method}: ${problem}` } };
  const parsed = contract[method].args.safeParse(rawArgs ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
    return { ok: false, error: { code: 'invalid_argument', message: `${method}: ${where}${issue.message}` } };
  }
  try {
    const handler = handlers[method] as (args: unknown) => Promise<unknown>;
    return { ok: true, value: await handler(parsed.data) };
  } catch (e) {
    return { ok: false, error: toErrorShape(e) };
  }
}
