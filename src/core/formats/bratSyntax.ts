/**
 * The parts of brat's .ann syntax that Parley both writes and reads:
 * fragments split at line breaks, notes that survive brat's one-line format,
 * and the role list Parley adds to an event's note for fillers brat cannot
 * hold as arguments (entities and topics).
 */
import type { Frame, Mention } from '../model';
import { InputError } from './input';

export const SIDECAR_SUFFIX = '.parley.json';

/** Mention fields the .ann file itself carries (T, N and # lines); the sidecar keeps the rest. */
export const MENTION_IN_ANN = ['label', 'start', 'end', 'quote', 'fragments', 'note', 'comments', 'attrComments', 'entityId'] as const satisfies readonly (keyof Mention)[];
/** Frame fields the .ann file itself carries (trigger T, E or R, A, M and # lines). */
export const FRAME_IN_ANN = ['type', 'evidence', 'roles', 'attrs', 'note', 'comments', 'attrComments'] as const satisfies readonly (keyof Frame)[];
/** The comment types Parley writes itself: the analyst's note, and where a gold record came from (restored from the sidecar). */
export const NOTE_TYPE = 'AnnotatorNotes';
export const PROVENANCE_TYPE = 'Provenance';

/**
 * Characters brat's line reader (Python's str.splitlines) treats as line
 * ends. A span's text sits on one .ann line, so spans are cut into fragments
 * around them.
 */
// eslint-disable-next-line no-control-regex -- these control characters are exactly what brat splits lines on
export const BREAK = /[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/u;

export function isBreak(c: number): boolean {
  return c === 10 || c === 13 || c === 11 || c === 12 || (c >= 0x1c && c <= 0x1e) || c === 0x85 || c === 0x2028 || c === 0x2029;
}

/** [start, end) pieces of a span without its line breaks; one empty piece when nothing else is left. */
export function fragments(text: string, start: number, end: number): [number, number][] {
  let i = start;
  while (i < end && !isBreak(text.charCodeAt(i))) i++;
  if (i === end) return [[start, end]];
  const out: [number, number][] = [];
  let s = start;
  for (let i = start; i < end; i++) {
    if (isBreak(text.charCodeAt(i))) {
      if (i > s) out.push([s, i]);
      s = i + 1;
    }
  }
  if (end > s) out.push([s, end]);
  if (out.length === 0) out.push([start, start]);
  return out;
}

/**
 * What a T line's fragments read as: pieces whose gap holds nothing but
 * line breaks are one piece (brat cuts a selection at line ends); the rest
 * stay apart, a discontinuous span.
 */
export function joinFragments(text: string, frags: readonly [number, number][]): [number, number][] {
  const sorted = [...frags].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [[sorted[0][0], sorted[0][1]]];
  for (let k = 1; k < sorted.length; k++) {
    const [s, e] = sorted[k];
    const last = out[out.length - 1];
    let breaks = true;
    for (let i = last[1]; i < s && breaks; i++) breaks = isBreak(text.charCodeAt(i));
    if (breaks) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  // An empty piece beside others (a selection that began on a line break) adds nothing.
  const full = out.filter(([s, e]) => s < e);
  return full.length ? full : [out[0]];
}

const PARLEY = '[parley:';

/**
 * A note as brat can hold it: written exactly as it is, spaces included,
 * unless it holds a line break (which would end the .ann line) or could be
 * mistaken for Parley's syntax; then it is written as a JSON string literal.
 */
export function encodeNote(note: string): string {
  const quote = BREAK.test(note) || note.startsWith('"') || note.includes(PARLEY);
  return quote ? JSON.stringify(note) : note;
}

/** The end of a JSON string literal starting at 0, or -1. */
function stringLiteralEnd(text: string): number {
  for (let i = 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '"') return i + 1;
  }
  return -1;
}

/** Reads back what encodeNote wrote; any other note (one written in brat) is taken as it is. */
export function decodeNote(text: string): string {
  if (!text.startsWith('"')) return text;
  const end = stringLiteralEnd(text);
  if (end !== text.length) return text;
  try {
    return JSON.parse(text) as string;
  } catch {
    return text;
  }
}

/** A role filler that brat cannot hold as an event argument. */
export interface NoteFiller {
  /** The role as written, numbered when the role holds several fillers (Party2). */
  role: string;
  kind: 'entity' | 'topic';
  value: string;
}

/**
 * An event's note: the analyst's note (if any), then the fillers brat cannot
 * hold, e.g. `Talks stalled [parley: Target=topic:"ceasefire" Party2=entity:"ent_41"]`.
 */
export function encodeEventNote(note: string | undefined, fillers: NoteFiller[]): string {
  const parts: string[] = [];
  if (note !== undefined) parts.push(encodeNote(note));
  if (fillers.length) parts.push(`${PARLEY} ${fillers.map((f) => `${f.role}=${f.kind}:${JSON.stringify(f.value)}`).join(' ')}]`);
  return parts.join(' ');
}

const FILLER = / ?([^\s=]+)=(entity|topic):("(?:[^"\\]|\\.)*")/y;

export function decodeEventNote(text: string): { note?: string; fillers: NoteFiller[] } {
  let note: string | undefined;
  let rest: string;
  if (text.startsWith('"')) {
    const end = stringLiteralEnd(text);
    const after = end < 0 ? null : text.slice(end);
    if (after !== null && (after === '' || after.startsWith(` ${PARLEY}`))) {
      try {
        note = JSON.parse(text.slice(0, end)) as string;
        rest = after.slice(1);
      } catch {
        return { note: text, fillers: [] };
      }
    } else return { note: text, fillers: [] };
  } else {
    const at = text.indexOf(PARLEY);
    if (at < 0) return { note: text, fillers: [] };
    if (at > 0) note = text.slice(0, at).replace(/ $/, '');
    rest = text.slice(at);
  }
  if (rest === '') return { note, fillers: [] };
  if (!rest.endsWith(']')) throw new InputError(`the note's Parley role list is not closed by "]"; expected ${PARLEY} Role=entity:"id" Role=topic:"text"]`);
  const body = rest.slice(PARLEY.length, -1);
  const fillers: NoteFiller[] = [];
  FILLER.lastIndex = 0;
  while (FILLER.lastIndex < body.length) {
    const from = FILLER.lastIndex;
    const m = FILLER.exec(body);
    if (!m) throw new InputError(`cannot read the note's Parley role list at ${JSON.stringify(body.slice(from, from + 30))}; expected Role=entity:"id" or Role=topic:"text"`);
    let value: string;
    try {
      value = JSON.parse(m[3]) as string;
    } catch {
      throw new InputError(`the note's Parley role list holds an invalid string ${m[3]}`);
    }
    fillers.push({ role: m[1], kind: m[2] as 'entity' | 'topic', value });
  }
  return { note, fillers };
}
