/** Errors every layer can raise and the UI can show: what went wrong, where, and what to do. */
export const ERROR_CODES = ['invalid_argument', 'not_found', 'conflict', 'corrupt_file', 'bad_input', 'io', 'unauthorized', 'internal'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiErrorShape {
  code: ErrorCode;
  message: string;
  file?: string;
  line?: number;
}

export class ParleyError extends Error implements ApiErrorShape {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly file?: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = 'ParleyError';
  }

  toJSON(): ApiErrorShape {
    return { code: this.code, message: this.message, file: this.file, line: this.line };
  }
}

/** "file:line: problem", the form a person can act on. */
export function formatError(e: ApiErrorShape): string {
  const where = e.file ? `${e.file}${e.line ? `:${e.line}` : ''}: ` : '';
  return where + e.message;
}
