/**
 * Limits every request meets before its schema is checked: no string longer
 * than MAX_STRING, no key that could reach an object's prototype, no nesting
 * deeper than MAX_DEPTH. Method schemas set tighter limits where they know
 * the field (a decision, a batch).
 */
export const MAX_STRING = 2 * 1024 * 1024;
const MAX_DEPTH = 64;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** What is wrong with `value` as request arguments, or null when nothing is. */
export function boundaryProblem(value: unknown, path = '', depth = 0): string | null {
  if (depth > MAX_DEPTH) return `${path || 'the request'} is nested more than ${MAX_DEPTH} levels deep`;
  if (typeof value === 'string') return value.length > MAX_STRING ? `${path || 'a string'} is longer than ${MAX_STRING.toLocaleString('en')} characters` : null;
  if (typeof value !== 'object' || value === null) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const p = boundaryProblem(value[i], `${path}[${i}]`, depth + 1);
      if (p) return p;
    }
    return null;
  }
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) return `the key ${JSON.stringify(key)} is not accepted${path ? ` (in ${path})` : ''}`;
    const p = boundaryProblem((value as Record<string, unknown>)[key], path ? `${path}.${key}` : key, depth + 1);
    if (p) return p;
  }
  return null;
}
