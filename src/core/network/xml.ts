/** Escaping for the XML the network writers produce. */
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff&<>"']/;

// eslint-disable-next-line no-control-regex
const UNCARRIED = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
const MARKUP = /[&<>"']/g;
const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const entity = (c: string) => ENTITY[c];

export function xmlText(s: string): string {
  // Most names and ids need nothing: one test instead of two replacements.
  if (!NEEDS_ESCAPE.test(s)) return s;
  // Characters XML 1.0 cannot carry are dropped; markup characters escaped.
  return s.replace(UNCARRIED, '').replace(MARKUP, entity);
}

// `>` may stand as it is in an attribute value: an edge id's arrow (`kind:type:source->target:value`) needs no escaping there.
// eslint-disable-next-line no-control-regex
const ATTR_NEEDS_ESCAPE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff&<"']/;

/** A value inside a double-quoted attribute: the same escaping as text, left alone when it needs none but for `>`. */
export function xmlAttr(s: string): string {
  return ATTR_NEEDS_ESCAPE.test(s) ? xmlText(s) : s;
}

/** What a list attribute holds in a file: its items joined by a semicolon. */
export const joinList = (xs: readonly string[]) => xs.join(';');

/** The attribute that names an edge's value: polarity for stances and what derives from them, status for agreements. */
export function valueName(kind: string): 'polarity' | 'status' {
  return kind === 'agreement' ? 'status' : 'polarity';
}
