/**
 * Merging whole workspace files during a sync, and the conflicts file that
 * keeps both versions of every record two analysts changed differently,
 * until someone chooses.
 */
import { deepEqual, merge3, setAt, type ConflictKind } from './records';
import { shapeForFile } from './shape';

/** Shared with the team (committed), so a conflict recorded on one machine is seen, and resolved, on all. */
export const CONFLICTS_FILE = 'conflicts.json';

export interface SyncConflict {
  /** file#path: one conflict per record. */
  id: string;
  /** The file, relative to the workspace, with forward slashes. */
  file: string;
  /** Field names and record keys inside the file; empty for the whole file. */
  path: string[];
  kind: ConflictKind;
  base: unknown;
  /** The version on this side when the conflict was found (kept in the file until resolved). */
  ours: unknown;
  /** The other side's version. */
  theirs: unknown;
  oursBy?: string;
  theirsBy?: string;
  at: string;
}

export interface ConflictsFile {
  version: number;
  conflicts: SyncConflict[];
}

export function conflictId(file: string, path: string[]): string {
  return `${file}#${path.join('/')}`;
}

export interface FileMerge {
  /** The merged text, or null when the file is gone on both sides. */
  text: string | null;
  conflicts: SyncConflict[];
}

function parse(text: string | null): { ok: true; value: unknown } | { ok: false } {
  if (text === null) return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/**
 * Merges one file changed on both sides. JSON files merge record by record;
 * anything else (or JSON that does not parse) is a conflict on the whole
 * file, keeping this side's text and the other's in the conflict.
 */
export function mergeFile(file: string, base: string | null, ours: string | null, theirs: string | null, who: { ours?: string; theirs?: string; at: string }): FileMerge {
  if (ours === theirs) return { text: ours, conflicts: [] };
  if (base === ours) return { text: theirs, conflicts: [] };
  if (base === theirs) return { text: ours, conflicts: [] };
  const b = parse(base);
  const o = parse(ours);
  const t = parse(theirs);
  const stamp = (path: string[], kind: ConflictKind, bv: unknown, ov: unknown, tv: unknown): SyncConflict => ({
    id: conflictId(file, path),
    file,
    path,
    kind,
    base: bv ?? null,
    ours: ov ?? null,
    theirs: tv ?? null,
    oursBy: who.ours,
    theirsBy: who.theirs,
    at: who.at,
  });
  if (!file.endsWith('.json') || !b.ok || !o.ok || !t.ok) {
    const kind: ConflictKind = base === null ? 'both_added' : ours === null || theirs === null ? 'changed_deleted' : 'both_changed';
    return { text: ours ?? theirs, conflicts: [stamp([], kind, base, ours, theirs)] };
  }
  if (file === CONFLICTS_FILE) {
    // Conflicts recorded on both sides are all kept; one resolved on either side stays resolved.
    return { text: JSON.stringify(mergeConflictLists(b.value as ConflictsFile | undefined, o.value as ConflictsFile | undefined, t.value as ConflictsFile | undefined)), conflicts: [] };
  }
  const result = merge3(shapeForFile(file), b.value, o.value, t.value);
  return {
    text: result.merged === undefined ? null : JSON.stringify(result.merged),
    conflicts: result.conflicts.map((c) => stamp(c.path, c.kind, c.base, c.ours, c.theirs)),
  };
}

function mergeConflictLists(b: ConflictsFile | undefined, o: ConflictsFile | undefined, t: ConflictsFile | undefined): ConflictsFile {
  const base = new Set((b?.conflicts ?? []).map((c) => c.id));
  const oursIds = new Set((o?.conflicts ?? []).map((c) => c.id));
  const theirsIds = new Set((t?.conflicts ?? []).map((c) => c.id));
  const out: SyncConflict[] = [];
  for (const c of o?.conflicts ?? []) if (!base.has(c.id) || theirsIds.has(c.id)) out.push(c);
  for (const c of t?.conflicts ?? []) if (!oursIds.has(c.id) && !base.has(c.id)) out.push(c);
  return { version: 1, conflicts: out };
}

/** Adds newly found conflicts to the list; a newer conflict on the same record replaces the older one. */
export function addConflicts(file: ConflictsFile | null, found: SyncConflict[]): ConflictsFile {
  const byId = new Map((file?.conflicts ?? []).map((c) => [c.id, c]));
  for (const c of found) byId.set(c.id, c);
  return { version: 1, conflicts: [...byId.values()] };
}

/**
 * The file's text with the chosen version of a conflicting record in place
 * (undefined: the record removed). The conflict list loses the entry.
 */
export function resolveInFile(conflict: SyncConflict, text: string | null, chosen: unknown): string | null {
  if (conflict.path.length === 0) return chosen === undefined || chosen === null ? null : typeof chosen === 'string' ? chosen : JSON.stringify(chosen);
  const doc = text === null ? undefined : JSON.parse(text);
  const next = setAt(shapeForFile(conflict.file), doc, conflict.path, chosen === null ? undefined : chosen);
  return next === undefined ? null : JSON.stringify(next);
}

export function withoutConflict(file: ConflictsFile, id: string): ConflictsFile {
  return { version: 1, conflicts: file.conflicts.filter((c) => c.id !== id) };
}

/** "entity e1 in workspace.json", in an analyst's words where the shape says what a record is. */
export function describeRecord(file: string, path: string[]): string {
  if (path.length === 0) return file;
  const kinds: Record<string, string> = {
    entities: 'entity',
    documents: 'document entry',
    labels: 'label',
    frameTypes: 'frame type',
    documentFields: 'document field',
    mentions: 'mention',
    frames: 'frame',
    fields: 'field',
    decisions: 'decision',
    status: 'status',
  };
  const parts = path.filter((p) => p !== 'schema');
  const kind = kinds[parts[0]];
  const what = kind ? `${kind}${parts.length > 1 ? ` ${parts.slice(1).join(' › ')}` : ''}` : parts.join(' › ');
  return `${what} in ${file}`;
}

export { deepEqual };
