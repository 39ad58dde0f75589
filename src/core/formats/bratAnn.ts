/**
 * The lines of a brat .ann file, parsed but not yet resolved: what each line
 * says, with its line number for messages. Resolving ids, spans and names is
 * the reader's job (bratRead.ts).
 */
import { atLine, forEachLine, InputError } from './input';
import type { ImportFile } from './types';

export interface Ref {
  role: string;
  ref: string;
}
export interface TLine {
  id: string;
  type: string;
  frags: [number, number][];
  tail: string;
  line: number;
}
export interface ELine {
  id: string;
  type: string;
  trigger: string;
  args: Ref[];
  line: number;
}
export interface RLine {
  id: string;
  type: string;
  args: Ref[];
  line: number;
}
/** An equivalence (`*<TAB>Equiv T1 T2 …`); brat gives it no id, so it is known by its place among the file's equivalences (`*1`, `*2`…). */
export interface EqLine {
  id: string;
  type: string;
  refs: string[];
  line: number;
}
export interface Targeted {
  id: string;
  kind: 'A' | 'N' | '#';
  type: string;
  target: string;
  value: string | undefined;
  text: string;
  line: number;
}
export interface Ann {
  ts: TLine[];
  es: ELine[];
  rs: RLine[];
  eqs: EqLine[];
  targeted: Targeted[];
  ids: Set<string>;
}

const T_DATA = /^(\S+) (\d+ \d+(?:;\d+ \d+)*)$/;
const N_DATA = /^(\S+) (\S+) (\S+?):(\S+)$/;

function syntax(expected: string): InputError {
  return new InputError(`cannot read this line; expected ${expected}`);
}

function parseArgs(words: string[]): Ref[] {
  return words.map((w) => {
    const colon = w.lastIndexOf(':');
    if (colon <= 0) throw syntax('arguments written as Role:ID');
    return { role: w.slice(0, colon), ref: w.slice(colon + 1) };
  });
}

/** Parses the lines of an .ann file. */
export function parseAnn(file: ImportFile): Ann {
  const ann: Ann = { ts: [], es: [], rs: [], eqs: [], targeted: [], ids: new Set() };
  forEachLine(file.text, (raw, line) =>
    atLine(file.path, line, () => {
      if (raw.trim() === '') return;
      const tab = raw.indexOf('\t');
      if (tab <= 0) throw syntax('an id, a tab and the annotation, e.g. "T1<TAB>PERSON 0 6<TAB>Lavrov"');
      const id = raw.slice(0, tab);
      const rest = raw.slice(tab + 1);
      const tab2 = rest.indexOf('\t');
      const data = tab2 < 0 ? rest : rest.slice(0, tab2);
      const tail = tab2 < 0 ? '' : rest.slice(tab2 + 1);
      if (id !== '*' && ann.ids.has(id)) throw new InputError(`the id ${id} is used twice; expected unique annotation ids`);
      ann.ids.add(id);
      switch (id[0]) {
        case 'T': {
          const m = T_DATA.exec(data);
          if (!m || tab2 < 0) throw syntax('"T1<TAB>LABEL START END<TAB>text" (fragments as "START END;START END")');
          const frags = m[2].split(';').map((p) => p.split(' ').map(Number) as [number, number]);
          ann.ts.push({ id, type: m[1], frags, tail, line });
          return;
        }
        case 'E': {
          const [head, ...words] = data.split(' ').filter(Boolean);
          const colon = head?.lastIndexOf(':') ?? -1;
          if (colon <= 0) throw syntax('"E1<TAB>TYPE:TRIGGER Role:ID …"');
          ann.es.push({ id, type: head.slice(0, colon), trigger: head.slice(colon + 1), args: parseArgs(words), line });
          return;
        }
        case 'R': {
          const [type, ...words] = data.split(' ').filter(Boolean);
          if (!type || words.length !== 2) throw syntax('"R1<TAB>TYPE Arg1:ID Arg2:ID"');
          ann.rs.push({ id, type, args: parseArgs(words), line });
          return;
        }
        case 'A':
        case 'M': {
          const words = data.split(' ').filter(Boolean);
          if (words.length < 2 || words.length > 3) throw syntax('"A1<TAB>NAME TARGET [VALUE]"');
          ann.targeted.push({ id, kind: 'A', type: words[0], target: words[1], value: words[2], text: tail, line });
          return;
        }
        case 'N': {
          const m = N_DATA.exec(data);
          if (!m) throw syntax('"N1<TAB>Reference TARGET DB:ID<TAB>name"');
          const ref = m[3] === 'parley' ? safeDecode(m[4]) : `${m[3]}:${m[4]}`;
          ann.targeted.push({ id, kind: 'N', type: m[1], target: m[2], value: ref, text: tail, line });
          return;
        }
        case '#': {
          const words = data.split(' ').filter(Boolean);
          if (words.length !== 2) throw syntax('"#1<TAB>AnnotatorNotes TARGET<TAB>note"');
          ann.targeted.push({ id, kind: '#', type: words[0], target: words[1], value: undefined, text: tail, line });
          return;
        }
        case '*': {
          const [type, ...refs] = data.split(' ').filter(Boolean);
          if (!type || refs.length < 2) throw syntax('"*<TAB>TYPE ID ID …" with two or more ids');
          ann.eqs.push({ id: `*${ann.eqs.length + 1}`, type, refs, line });
          return;
        }
        default:
          throw new InputError(`unknown annotation id ${JSON.stringify(id)}; expected T, E, A, M, N, R, * or # lines`);
      }
    }),
  );
  return ann;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
