/** Errors every layer can raise and the UI can show: what went wrong, where, and what to do. */
export const ERROR_CODES = ['invalid_argument', 'not_found', 'conflict', 'corrupt_file', 'bad_input', 'io', 'disk_full', 'unauthorized', 'unreachable', 'internal'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiErrorShape {
  code: ErrorCode;
  message: string;
  file?: string;
  line?: number;
}

// eslint-disable-next-line no-control-regex -- these characters are what it finds
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Control characters (ESC, BEL, backspace, carriage return, DEL, the C1
 * range) and the bidirectional overrides, written as `\u001b` and the like:
 * text quoted from a file can then neither recolour nor rewrite a terminal
 * line, nor reorder what a person reads. Line breaks and tabs stay.
 */
export function printable(text: string): string {
  return text.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export class ParleyError extends Error implements ApiErrorShape {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly file?: string,
    readonly line?: number,
  ) {
    // Messages quote files (a tag, a label, an id): whatever a file holds, the message prints as text.
    super(printable(message));
    this.name = 'ParleyError';
  }

  toJSON(): ApiErrorShape {
    return { code: this.code, message: this.message, file: this.file, line: this.line };
  }
}

/** "file:line: problem", the form a person can act on. */
export function formatError(e: ApiErrorShape): string {
  // A file's name can hold control characters too.
  const where = e.file ? `${printable(e.file)}${e.line ? `:${e.line}` : ''}: ` : '';
  return where + e.message;
}

/** A write the disk had no room for (ENOSPC), or the user's quota (EDQUOT). */
export function isNoSpace(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT';
}

/** A byte count as a person reads it: 512 bytes, 4 KB, 1.2 MB. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${Math.ceil(n / 1024)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * The one `disk_full` answer: which folder's disk is full and how much more
 * room the write needs (`needed` bytes; at least that, when the size of the
 * whole write is not known), and that nothing was changed.
 */
export function diskFullError(folder: string, needed?: number, free?: number): ParleyError {
  const left = free === undefined ? '' : ` (${formatBytes(free)} free)`;
  const need = needed === undefined ? `more space than is left${left}` : `about ${formatBytes(needed)}${left}`;
  return new ParleyError('disk_full', `the disk holding ${folder} is full: saving needs ${need}. Nothing was changed; free some space and try again.`);
}
