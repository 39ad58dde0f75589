/** What the commands of `parley` share: usage errors, output, opening the workspace, and option parsing. */
import type { z } from 'zod';
import { ParleyError } from '../../core/errors';
import { Cancelled } from '../datasets/jobs';
import { analystOf } from '../settings/analyst';
import { Workspace } from '../workspace';

/** A mistake in the command line: printed with the usage, exit code 2. */
export class UsageError extends Error {}

export function out(line: string): void {
  process.stdout.write(line + '\n');
}

export function requireWorkspace(values: { workspace?: string }): string {
  if (!values.workspace) throw new UsageError('--workspace DIR is required');
  return values.workspace;
}

/** Reading commands open the folder read-only, so they work while another process writes it. */
export async function openExisting(dir: string, options: { readOnly?: boolean } = {}): Promise<Workspace> {
  return Workspace.open(dir, options);
}

/** Who the analyst is for a command on the workspace at `root`: the clone's own analyst, else the user's settings. */
export const currentAnnotator = analystOf;

/** "a,b, c" → ["a", "b", "c"]; absent → undefined. */
export function list(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return value
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
}

/** Checks options against the API's own schema, so the CLI and the UI accept the same requests. */
export function checked<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const clean = Object.fromEntries(Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined));
  const result = schema.safeParse(clean);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const option = { statuses: 'status', tagScheme: 'scheme', paths: 'PATH', entityId: 'entity', frameType: 'frame', frameAttr: 'attr', text: 'QUERY' }[String(issue.path[0])] ?? String(issue.path[0] ?? '');
  throw new UsageError(`${option ? `--${option}: ` : ''}${issue.message}`);
}

/** Runs work that Ctrl+C cancels; the work removes what it wrote before it stops. */
export async function cancellable<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const abort = new AbortController();
  const stop = () => abort.abort();
  process.once('SIGINT', stop);
  try {
    return await work(abort.signal);
  } catch (e) {
    if (e instanceof Cancelled || abort.signal.aborted) throw new ParleyError('io', 'cancelled; nothing was written');
    throw e;
  } finally {
    process.off('SIGINT', stop);
  }
}

/** A progress line on a terminal; nothing when the output goes to a file or pipe. */
export function showProgress(what: string): ((done: number, total: number) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  let last = 0;
  return (done, total) => {
    const now = Date.now();
    if (now - last < 200 && done < total) return;
    last = now;
    process.stderr.write(`\r${what} ${done}/${total} documents${done === total ? '\n' : ''}`);
  };
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}
