/** Escaping for the XML the network writers produce. */
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff&<>"']/;

export function xmlText(s: string): string {
  // Most names and ids need nothing: one test instead of two replacements.
  if (!NEEDS_ESCAPE.test(s)) return s;
  // Characters XML 1.0 cannot carry are dropped; markup characters escaped.
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** What a list attribute holds in a file: its items joined by a semicolon. */
export const joinList = (xs: readonly string[]) => xs.join(';');

/** The attribute that names an edge's value: polarity for stances and what derives from them, status for agreements. */
export function valueName(kind: string): 'polarity' | 'status' {
  return kind === 'agreement' ? 'status' : 'polarity';
}
