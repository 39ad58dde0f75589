/** Files of a workspace that could not be read since it was opened: what the window and `parley validate` report. */
import { join } from 'node:path';
import type { Problem } from '../../core/api/workspace';
import { ParleyError } from '../../core/errors';
import { ENTITIES_FILE, SCHEMA_FILE } from './layout';

export class FileProblems {
  private readonly problemsByFile = new Map<string, string>();

  constructor(private readonly root: string) {}

  /** Files that could not be read since the workspace was opened, by path. */
  get list(): Problem[] {
    return [...this.problemsByFile].map(([file, message]) => ({ file, message }));
  }

  set(file: string, message: string): void {
    this.problemsByFile.set(file, message);
  }

  /** Keeps an error that names a damaged or unreadable file (any error about the schema or the registry). */
  note(error: unknown): void {
    if (error instanceof ParleyError && error.file && (error.code === 'corrupt_file' || error.code === 'io' || error.file === join(this.root, SCHEMA_FILE) || error.file === join(this.root, ENTITIES_FILE))) {
      this.problemsByFile.set(error.file, error.line ? `line ${error.line}: ${error.message}` : error.message);
    }
  }
}
