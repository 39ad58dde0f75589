/**
 * Damaged bookkeeping files, for the tests beside this one: a file written
 * cut short or with a field of the wrong type, the reader run on it, and
 * then the refusal (or, for a cache, the line in the log) checked to name
 * the file and the line, and the file checked to be on disk byte for byte.
 */
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';

export const tempDir = (): Promise<string> => mkdtemp(join(tmpdir(), 'parley-damaged-'));

/** Pretty-printed, so a damaged file has lines to name. */
export const pretty = (data: unknown): string => JSON.stringify(data, null, 2) + '\n';

/** The text cut off after its first `lines` lines: a copy or write that stopped short. */
export const cut = (text: string, lines: number): string => text.split('\n').slice(0, lines).join('\n');

/** The 1-based line where `needle` first appears. */
export const lineOf = (text: string, needle: string): number => {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`${needle} not in the text`);
  return text.slice(0, at).split('\n').length;
};

async function put(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text);
}

/** Writes `text` at `path`, runs `read`, and checks it refused with corrupt_file naming the file and `line`; the file is left as written. */
export async function expectRefused(path: string, text: string, line: number, read: () => unknown): Promise<Error> {
  await put(path, text);
  let err: unknown = null;
  try {
    await read();
  } catch (e) {
    err = e;
  }
  expect(err).toMatchObject({ code: 'corrupt_file', file: path, line, message: expect.stringMatching(/^not valid JSON \(.+\)|^not a valid .+ at \S+: /) });
  expect(await readFile(path, 'utf8')).toBe(text);
  return err as Error;
}

/** Writes `text` at `path`, runs `read` on the cache, and returns what it put in the log (`console.warn`); the file is left as written. */
export async function logged(path: string, text: string, read: () => unknown): Promise<string> {
  await put(path, text);
  const warned: string[] = [];
  const warn = console.warn;
  console.warn = (...args: unknown[]) => warned.push(args.join(' '));
  try {
    await read();
  } finally {
    console.warn = warn;
  }
  expect(await readFile(path, 'utf8')).toBe(text);
  return warned.join('\n');
}
