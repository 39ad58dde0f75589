/** One problem as `parley validate` reports it: the file, and what is wrong with it. */
import type { Problem } from '../../core/api/workspace';
import { ParleyError } from '../../core/errors';

export function problemOf(file: string, e: unknown): Problem {
  return { file, message: e instanceof ParleyError ? (e.line ? `line ${e.line}: ${e.message}` : e.message) : e instanceof Error ? e.message : String(e) };
}

/** A file's text, or null when it does not exist; any other failure to read it is thrown as a ParleyError naming it. */
export async function readIfPresent(path: string, read: (path: string) => Promise<string>): Promise<string | null> {
  try {
    return await read(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new ParleyError('io', `cannot read: ${(e as Error).message}`, path);
  }
}
