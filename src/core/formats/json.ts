/**
 * JSON and JSON Lines input with line numbers. Parsing uses JSON.parse for
 * speed; only when something is wrong is the text scanned again, to find the
 * line of a syntax error or of the value a problem was found in.
 */
import type { z } from 'zod';
import { ParleyError } from '../errors';
import { InputError, atLine, badInput, lineAt } from './input';

type Path = readonly (string | number)[];

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly pos: number,
  ) {
    super(message);
  }
}

/**
 * A minimal JSON scanner that knows where each value starts. `find` follows a
 * path and returns the position of the value it names (or of the deepest
 * value on the way that exists); `check` throws at the first syntax error.
 */
class Scanner {
  pos = 0;
  constructor(private readonly text: string) {}

  check(): void {
    this.value(null);
    this.space();
    if (this.pos < this.text.length) this.fail('unexpected text after the end of the JSON value');
  }

  /** Where each element of the top-level array starts. */
  elements(): number[] {
    const out: number[] = [];
    this.space();
    this.pos++;
    this.space();
    if (this.text[this.pos] === ']') return out;
    for (;;) {
      this.space();
      out.push(this.pos);
      this.value(null);
      this.space();
      if (this.text[this.pos] !== ',') return out;
      this.pos++;
    }
  }

  find(path: Path): number {
    try {
      return this.value(path);
    } catch {
      return this.pos;
    }
  }

  private fail(message: string): never {
    if (this.pos >= this.text.length) throw new JsonSyntaxError('the file ends in the middle of a JSON value; it looks truncated', this.pos);
    throw new JsonSyntaxError(message, this.pos);
  }

  private space(): void {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      if (c === 32 || c === 9 || c === 10 || c === 13) this.pos++;
      else break;
    }
  }

  /** Scans one value; with a path, stops at the value the path names and returns its start. */
  private value(path: Path | null): number {
    this.space();
    const start = this.pos;
    if (path && path.length === 0) return start;
    const c = this.text[this.pos];
    if (c === '{') return this.object(path, start);
    if (c === '[') return this.array(path, start);
    if (c === '"') this.string();
    else if (c === '-' || (c >= '0' && c <= '9')) this.number();
    else if (this.text.startsWith('true', this.pos)) this.pos += 4;
    else if (this.text.startsWith('false', this.pos)) this.pos += 5;
    else if (this.text.startsWith('null', this.pos)) this.pos += 4;
    else this.fail(`expected a JSON value, found ${c === undefined ? 'the end' : JSON.stringify(c)}`);
    return start;
  }

  private object(path: Path | null, start: number): number {
    this.pos++;
    this.space();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return start;
    }
    for (;;) {
      this.space();
      if (this.text[this.pos] !== '"') this.fail('expected a property name in double quotes');
      const keyStart = this.pos;
      this.string();
      const key = JSON.parse(this.text.slice(keyStart, this.pos)) as string;
      this.space();
      if (this.text[this.pos] !== ':') this.fail("expected ':' after a property name");
      this.pos++;
      if (path && path[0] === key) return this.value(path.slice(1));
      this.value(null);
      this.space();
      const c = this.text[this.pos];
      if (c === ',') this.pos++;
      else if (c === '}') {
        this.pos++;
        return start;
      } else this.fail("expected ',' or '}' after a property value");
    }
  }

  private array(path: Path | null, start: number): number {
    this.pos++;
    this.space();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return start;
    }
    for (let i = 0; ; i++) {
      if (path && path[0] === i) return this.value(path.slice(1));
      this.value(null);
      this.space();
      const c = this.text[this.pos];
      if (c === ',') this.pos++;
      else if (c === ']') {
        this.pos++;
        return start;
      } else this.fail("expected ',' or ']' after an array element");
    }
  }

  private string(): void {
    const t = this.text;
    this.pos++;
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      if (c === 34) {
        this.pos++;
        return;
      }
      if (c === 92) {
        const e = t[this.pos + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(t.slice(this.pos + 2, this.pos + 6))) this.fail('invalid \\u escape in a string');
          this.pos += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) this.pos += 2;
        else this.fail('invalid escape in a string');
      } else if (c < 32) this.fail('a string holds a raw control character or line break; it must be escaped');
      else this.pos++;
    }
    this.fail('unterminated string');
  }

  private number(): void {
    const m = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    m.lastIndex = this.pos;
    if (!m.test(this.text)) this.fail('invalid number');
    this.pos = m.lastIndex;
  }
}

function syntaxError(text: string, file: string, lineOffset: number): Error {
  try {
    new Scanner(text).check();
  } catch (e) {
    if (e instanceof JsonSyntaxError) return badInput(`invalid JSON: ${e.message}`, file, lineOffset + lineAt(text, e.pos) - 1);
    throw e;
  }
  // JSON.parse failed where the scanner did not: report without a position rather than guess.
  return badInput('invalid JSON', file, lineOffset);
}

/** Parses a whole JSON file; a syntax error names its line. */
export function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw syntaxError(text, file, 1);
  }
}

/** The 1-based line where the value at `path` starts in a JSON text. */
export function lineOfPath(text: string, path: Path): number {
  return lineAt(text, new Scanner(text).find(path));
}

/**
 * Parses JSON Lines, calling `visit` with each record and its line. Blank lines
 * are skipped. A last line that does not parse and has no line break after it
 * is reported as a truncated file.
 */
export function parseJsonLines(text: string, file: string, visit: (value: unknown, line: number) => void, skip?: SkipRecord): void {
  let start = 0;
  for (let lineNo = 1; start < text.length; lineNo++) {
    let end = text.indexOf('\n', start);
    const last = end < 0;
    if (last) end = text.length;
    const line = text.slice(start, end);
    start = end + 1;
    if (BLANK.test(line)) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      const error = last ? badInput('the last line is not complete JSON; the file looks truncated', file, lineNo) : syntaxError(line, file, lineNo);
      if (!skip || !(error instanceof ParleyError)) throw error;
      skip(error, lineNo);
      continue;
    }
    visit(value, lineNo);
  }
}

const BLANK = /^\s*$/;

/** Called with a record's problem instead of throwing it, when an import skips invalid records. */
export type SkipRecord = (error: ParleyError, line: number) => void;

/**
 * Records of a JSON Lines file, or of a whole JSON file: an array of records
 * or one record, pretty-printed over many lines, as tools export them. Each
 * record is visited with the line it starts on. With `skip`, a record that
 * does not parse or that `visit` refuses is handed to it and reading goes on.
 */
export function parseJsonRecords(text: string, file: string, visit: (value: unknown, line: number) => void, skip?: SkipRecord): void {
  const guarded = (value: unknown, line: number) => {
    try {
      atLine(file, line, () => visit(value, line));
    } catch (e) {
      if (skip && e instanceof ParleyError && e.code === 'bad_input') skip(e, line);
      else throw e;
    }
  };
  const whole = wholeJson(text);
  if (whole === undefined) {
    // An array that does not parse is no JSON Lines file: name the place in the whole text.
    if (text.trimStart().startsWith('[')) throw syntaxError(text, file, 1);
    return parseJsonLines(text, file, guarded, skip);
  }
  const first = lineAt(text, text.search(/\S/));
  if (!Array.isArray(whole)) return guarded(whole, first);
  const starts = new Scanner(text).elements();
  let line = 1;
  let pos = 0;
  whole.forEach((value, i) => {
    for (let nl = text.indexOf('\n', pos); nl >= 0 && nl < starts[i]; nl = text.indexOf('\n', nl + 1)) {
      line++;
      pos = nl + 1;
    }
    guarded(value, line);
  });
}

/** The value of a file that is one JSON value spread over lines (not JSON Lines), or undefined. */
function wholeJson(text: string): unknown {
  const start = text.search(/\S/);
  if (start < 0) return undefined;
  const c = text[start];
  if (c !== '[' && c !== '{') return undefined;
  const firstLine = text.slice(start, (text.indexOf('\n', start) + 1 || text.length + 1) - 1);
  if (c === '{') {
    try {
      JSON.parse(firstLine);
      return undefined;
    } catch {
      // not one record per line: try the whole text
    }
  }
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Checks the shape of a parsed value; the first problem becomes an InputError naming where it is. */
export function shaped<T>(schema: z.ZodType<T>, value: unknown, base: Path = []): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = [...base, ...(issue.path as (string | number)[])];
  const where = path.length ? `${describePath(path)}: ` : '';
  throw new InputError(`${where}${issue.message}`, path);
}

/** "annotations[0].result[2].value" */
export function describePath(path: Path): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : s ? `.${p}` : p;
  return s;
}
