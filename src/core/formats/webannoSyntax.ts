/**
 * WebAnno TSV 3.3 as INCEpTION reads and writes it (inception-io-webanno-tsv:
 * Tsv3XSerializer, Tsv3XDeserializer, Escaping): the constants, the escaping
 * of feature values and sentence text, and the names Parley gives its layers.
 */

export const FORMAT_LINE = '#FORMAT=WebAnno TSV 3.3';
/** INCEpTION's built-in named-entity layer: `value` is the label, `identifier` the entity link. */
export const NE_TYPE = 'de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity';
export const CUSTOM = 'webanno.custom.';
/** The relation layer Parley writes relations to, as INCEpTION's projects name a custom one; `value` holds the relation type. */
export const RELATION_LAYER = 'webanno.custom.Relation';
export const RELATION_VALUE = 'value';
export const NULL_COLUMN = '_';
export const NULL_VALUE = '*';

const VALUE_CHARS: [string, string][] = [
  ['\\', '\\\\'],
  ['[', '\\['],
  [']', '\\]'],
  ['|', '\\|'],
  ['_', '\\_'],
  ['->', '\\->'],
  [';', '\\;'],
  ['\t', '\\t'],
  ['\n', '\\n'],
  ['*', '\\*'],
];

/** A feature value with the format's reserved characters escaped, as Escaping.escapeValue does. */
export function escapeValue(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const hit = VALUE_CHARS.find(([raw]) => value.startsWith(raw, i));
    if (hit) {
      out += hit[1];
      i += hit[0].length - 1;
    } else out += value[i];
  }
  return out;
}

export function unescapeValue(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const hit = value[i] === '\\' ? VALUE_CHARS.find(([, esc]) => value.startsWith(esc, i)) : undefined;
    if (hit) {
      out += hit[0];
      i += hit[1].length - 1;
    } else out += value[i];
  }
  return out;
}

const TEXT_NAMED: Record<string, string> = { '\t': 't', '\n': 'n', '\f': 'f', '\r': 'r', '\b': 'b', '\\': '\\' };
const TEXT_UNNAMED: Record<string, string> = Object.fromEntries(Object.entries(TEXT_NAMED).map(([k, v]) => [v, k]));

/** Sentence text as Escaping.escapeText writes it: named escapes for tab, line feed, form feed, return, backspace and backslash; other C0 controls but \v behind a backslash. */
export function escapeText(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (TEXT_NAMED[ch] !== undefined) out += `\\${TEXT_NAMED[ch]}`;
    else if (code < 32 && !(code > 7 && code < 14)) out += `\\${ch}`;
    else out += ch;
  }
  return out;
}

export function unescapeText(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const next = text[i + 1];
    if (text[i] === '\\' && next !== undefined) {
      if (TEXT_UNNAMED[next] !== undefined) {
        out += TEXT_UNNAMED[next];
        i++;
        continue;
      }
      const code = next.charCodeAt(0);
      if (code < 32 && !(code > 7 && code < 14)) {
        out += next;
        i++;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

/**
 * A UIMA-safe name for a frame type or attribute: letters and digits only
 * (the ROLE_ header splits on "_", UIMA names allow no spaces), words joined
 * in camel case, starting with a letter: "Peace deal" → "PeaceDeal".
 */
export function tsvName(name: string, upper = true): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter(Boolean);
  let out = words.map((w, i) => (i === 0 && !upper ? w : w[0].toUpperCase() + w.slice(1))).join('');
  if (!/^[A-Za-z]/.test(out)) out = `X${out}`;
  return out;
}

export const frameLayer = (type: string): string => `${CUSTOM}${tsvName(type)}`;
