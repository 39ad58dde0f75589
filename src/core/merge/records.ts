/**
 * Three-way merge of JSON data, record by record, against the common
 * ancestor. What one side changed and the other left alone is taken; what
 * both changed the same way is taken once; what both changed differently,
 * or one changed and the other deleted, becomes a conflict. A conflict keeps
 * this copy's version (or the surviving one, when the other side deleted)
 * in the merged data and both versions in the conflict, so nothing is lost.
 */
import type { Shape } from './shape';

export type ConflictKind = 'both_changed' | 'both_added' | 'changed_deleted';

export interface RecordConflict {
  /** Where the record is, as field names and record keys from the top of the file. */
  path: string[];
  kind: ConflictKind;
  base: unknown;
  ours: unknown;
  theirs: unknown;
}

export interface MergeResult<T = unknown> {
  merged: T;
  conflicts: RecordConflict[];
}

type Json = unknown;
type Obj = Record<string, Json>;

export function deepEqual(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as Json[];
    return a.length === bb.length && a.every((x, i) => deepEqual(x, bb[i]));
  }
  const ao = a as Obj;
  const bo = b as Obj;
  const ak = Object.keys(ao).filter((k) => ao[k] !== undefined);
  const bk = Object.keys(bo).filter((k) => bo[k] !== undefined);
  return ak.length === bk.length && ak.every((k) => deepEqual(ao[k], bo[k]));
}

const isObj = (x: Json): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);

export function merge3<T>(shape: Shape, base: T | undefined, ours: T | undefined, theirs: T | undefined): MergeResult<T> {
  const conflicts: RecordConflict[] = [];
  const merged = mergeAt(shape, base, ours, theirs, [], conflicts) as T;
  return { merged, conflicts };
}

function mergeAt(shape: Shape, b: Json, o: Json, t: Json, path: string[], out: RecordConflict[]): Json {
  if (deepEqual(o, t)) return o;
  if (shape.kind === 'ours') return o === undefined ? t : o;
  if (deepEqual(b, o)) return t;
  if (deepEqual(b, t)) return o;
  switch (shape.kind) {
    case 'max':
      if (o === undefined) return t;
      if (t === undefined) return o;
      return (o as number | string) >= (t as number | string) ? o : t;
    case 'records':
      if (Array.isArray(o) && Array.isArray(t) && (b === undefined || Array.isArray(b))) return mergeRecords(shape.key, shape.item, (b as Json[]) ?? [], o, t, path, out);
      break;
    case 'map':
      if (isObj(o) && isObj(t) && (b === undefined || isObj(b))) return mergeMap(shape.item, (b as Obj) ?? {}, o, t, path, out);
      break;
    case 'object':
      if (isObj(o) && isObj(t) && (b === undefined || isObj(b))) return mergeObject(shape, (b as Obj) ?? {}, o, t, path, out);
      break;
    case 'value':
      break;
  }
  return conflict(b, o, t, path, out);
}

/** Records both sides touched differently: keep what survives (ours first) and note both versions. */
function conflict(b: Json, o: Json, t: Json, path: string[], out: RecordConflict[]): Json {
  const kind: ConflictKind = b === undefined ? 'both_added' : o === undefined || t === undefined ? 'changed_deleted' : 'both_changed';
  out.push({ path, kind, base: b, ours: o, theirs: t });
  return o === undefined ? t : o;
}

function keyed(list: Json[], key: string): Map<string, Json> {
  const m = new Map<string, Json>();
  for (const r of list) if (isObj(r)) m.set(String(r[key]), r);
  return m;
}

function mergeRecords(key: string, item: Shape | undefined, b: Json[], o: Json[], t: Json[], path: string[], out: RecordConflict[]): Json[] {
  const bm = keyed(b, key);
  const om = keyed(o, key);
  const tm = keyed(t, key);
  const result: Json[] = [];
  const one = (k: string) => mergeAt(item ?? { kind: 'value' }, bm.get(k), om.get(k), tm.get(k), [...path, k], out);
  // This copy's order first, then the other side's new records in their order.
  for (const k of om.keys()) {
    const r = one(k);
    if (r !== undefined) result.push(r);
  }
  for (const k of tm.keys()) {
    if (om.has(k)) continue;
    const r = one(k);
    if (r !== undefined) result.push(r);
  }
  return result;
}

function mergeMap(item: Shape | undefined, b: Obj, o: Obj, t: Obj, path: string[], out: RecordConflict[]): Obj {
  const result: Obj = {};
  for (const k of new Set([...Object.keys(o), ...Object.keys(t), ...Object.keys(b)])) {
    const r = mergeAt(item ?? { kind: 'value' }, b[k], o[k], t[k], [...path, k], out);
    if (r !== undefined) result[k] = r;
  }
  return result;
}

function mergeObject(shape: Extract<Shape, { kind: 'object' }>, b: Obj, o: Obj, t: Obj, path: string[], out: RecordConflict[]): Obj {
  const result: Obj = {};
  for (const k of new Set([...Object.keys(o), ...Object.keys(t), ...Object.keys(b)])) {
    const r = mergeAt(shape.fields[k] ?? shape.rest ?? { kind: 'value' }, b[k], o[k], t[k], [...path, k], out);
    if (r !== undefined) result[k] = r;
  }
  return result;
}

/**
 * Puts `value` (or removes the record, for undefined) at `path` in `doc`,
 * following the shape to find records by key. Returns a new document; the
 * one given is not changed.
 */
export function setAt(shape: Shape, doc: Json, path: string[], value: Json): Json {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (shape.kind === 'records' && Array.isArray(doc)) {
    const item = shape.item ?? { kind: 'value' };
    const i = doc.findIndex((r) => isObj(r) && String(r[shape.key]) === head);
    const next = i >= 0 ? setAt(item, doc[i], rest, value) : rest.length === 0 ? value : undefined;
    const copy = [...doc];
    if (i >= 0 && next === undefined) copy.splice(i, 1);
    else if (i >= 0) copy[i] = next;
    else if (next !== undefined) copy.push(next);
    return copy;
  }
  if ((shape.kind === 'map' || shape.kind === 'object') && isObj(doc)) {
    const sub = shape.kind === 'map' ? (shape.item ?? { kind: 'value' }) : (shape.fields[head] ?? shape.rest ?? { kind: 'value' });
    const next = setAt(sub, doc[head], rest, value);
    const copy = { ...doc };
    if (next === undefined) delete copy[head];
    else copy[head] = next;
    return copy;
  }
  throw new Error(`no record at ${path.join(' › ')}`);
}

export interface RecordChange {
  path: string[];
  change: 'added' | 'changed' | 'removed';
}

/** What changed from `before` to `after`, record by record, for reports of what a sync brought. */
export function diffRecords(shape: Shape, before: Json, after: Json, path: string[] = [], out: RecordChange[] = []): RecordChange[] {
  if (deepEqual(before, after)) return out;
  if (shape.kind === 'records' && Array.isArray(before) && Array.isArray(after)) {
    const bm = keyed(before, shape.key);
    const am = keyed(after, shape.key);
    for (const k of new Set([...bm.keys(), ...am.keys()])) diffRecords(shape.item ?? { kind: 'value' }, bm.get(k), am.get(k), [...path, k], out);
    return out;
  }
  if ((shape.kind === 'map' || shape.kind === 'object') && isObj(before) && isObj(after)) {
    for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) {
      const sub = shape.kind === 'map' ? (shape.item ?? { kind: 'value' }) : (shape.fields[k] ?? shape.rest ?? { kind: 'value' });
      diffRecords(sub, before[k], after[k], [...path, k], out);
    }
    return out;
  }
  out.push({ path, change: before === undefined ? 'added' : after === undefined ? 'removed' : 'changed' });
  return out;
}
