/** What a sync brought in or sent out, in an analyst's words: documents, layers, entities, schema. */
import type { ChangeSummary } from '../../core/api/sync';
import type { TeamFile } from '../../core/api/team';
import { ParleyError } from '../../core/errors';
import { diffRecords } from '../../core/merge/records';
import { CONFLICTS_FILE } from '../../core/merge/files';
import { sharedShape } from '../../core/merge/shape';
import type { FileKind } from '../store/jsonFile';
import { entitiesKind, schemaFileKind, workspaceKind } from '../store/kinds';
import { ENTITIES_FILE, LEGACY_FILE, SCHEMA_FILE } from '../workspace';
import { diffTrees, treeOf, type GitCache } from './objects';
import { blobJson, conflictsKind } from './syncFiles';
import { TEAM_FILE, teamKind } from '../team/teamFile';

export type { ChangeSummary };

export function emptySummary(): ChangeSummary {
  return { documents: [], layers: [], entities: { added: [], changed: [], removed: [] }, schema: [], conflicts: 0, files: 0 };
}

export function isEmpty(s: ChangeSummary): boolean {
  return s.files === 0;
}

/** The shared files whose records a summary names, by file. */
const DESCRIBED: Record<string, FileKind<unknown>> = { [SCHEMA_FILE]: schemaFileKind, [ENTITIES_FILE]: entitiesKind, [LEGACY_FILE]: workspaceKind };

/**
 * A blob's data for the summary only; undefined when absent. A damaged one
 * is described as nothing here: the summary changes no file, and the readers
 * that act on the file (the merge, the conflict list, the workspace's
 * owners) refuse it by file and line.
 */
async function described<T>(gitdir: string, oid: string | null, kind: FileKind<T>, path: string, cache: GitCache): Promise<T | undefined> {
  try {
    return (await blobJson(gitdir, oid, kind, path, cache)) ?? undefined;
  } catch (e) {
    if (e instanceof ParleyError) return undefined;
    throw e;
  }
}

const SCHEMA_PARTS: Record<string, string> = { labels: 'label', frameTypes: 'frame type', documentFields: 'document field' };

export async function summarize(gitdir: string, fromCommit: string | null, toCommit: string | null, cache: GitCache): Promise<ChangeSummary> {
  const s = emptySummary();
  const changes = await diffTrees(gitdir, await treeOf(gitdir, fromCommit, cache), await treeOf(gitdir, toCommit, cache), cache);
  s.files = changes.length;
  for (const c of changes) {
    const doc = /^documents\/([^/]+)\.json$/.exec(c.path);
    const layer = /^annotations\/([^/]+)\/([^/]+)\.json$/.exec(c.path);
    if (doc) s.documents.push(doc[1]);
    else if (layer) s.layers.push({ annotator: layer[1], docId: layer[2], change: c.before === null ? 'added' : c.after === null ? 'removed' : 'changed' });
    else if (c.path === CONFLICTS_FILE) {
      const count = async (oid: string | null) => (await described(gitdir, oid, conflictsKind, c.path, cache))?.conflicts.length ?? 0;
      s.conflicts += (await count(c.after)) - (await count(c.before));
    } else if (c.path === TEAM_FILE) {
      s.schema.push(await describeTeamChange(gitdir, c.before, c.after, cache));
    } else if (DESCRIBED[c.path]) {
      const kind = DESCRIBED[c.path];
      const records = diffRecords(sharedShape, (await described(gitdir, c.before, kind, c.path, cache)) as never, (await described(gitdir, c.after, kind, c.path, cache)) as never);
      for (const r of records) {
        const parts = r.path[0] === 'schema' ? r.path.slice(1) : r.path;
        if (parts[0] === 'entities' && parts.length > 1) s.entities[r.change].push(parts[1]);
        else if (SCHEMA_PARTS[parts[0]] && parts.length > 1) s.schema.push(`${SCHEMA_PARTS[parts[0]]} ${parts[1]} ${r.change}`);
      }
    }
  }
  return s;
}

/** A change of team.json in words: "blind annotation off", "lead ana". */
async function describeTeamChange(gitdir: string, before: string | null, after: string | null, cache: GitCache): Promise<string> {
  const read = async (oid: string | null): Promise<Partial<TeamFile>> => (await described(gitdir, oid, teamKind, TEAM_FILE, cache)) ?? {};
  const [b, a] = [await read(before), await read(after)];
  const parts: string[] = [];
  if (a.blind !== b.blind && typeof a.blind === 'string') parts.push(`blind annotation ${a.blind}`);
  if (a.lead !== b.lead) parts.push(a.lead ? `lead ${String(a.lead)}` : 'no lead');
  return parts.length ? parts.join(', ') : 'team settings changed';
}

/** "3 documents, 12 layers (ana 5, ben 7), 2 entities added, label POLITICIAN added" */
export function describeSummary(s: ChangeSummary): string {
  if (isEmpty(s)) return 'nothing';
  const parts: string[] = [];
  const n = (k: number, one: string, many = `${one}s`) => `${k.toLocaleString('en')} ${k === 1 ? one : many}`;
  if (s.documents.length) parts.push(n(s.documents.length, 'document'));
  if (s.layers.length) {
    const by = new Map<string, number>();
    for (const l of s.layers) by.set(l.annotator, (by.get(l.annotator) ?? 0) + 1);
    parts.push(`${n(s.layers.length, 'layer')} (${[...by].map(([a, k]) => `${a} ${k}`).join(', ')})`);
  }
  const e = s.entities;
  if (e.added.length) parts.push(`${n(e.added.length, 'entity', 'entities')} added`);
  if (e.changed.length) parts.push(`${n(e.changed.length, 'entity', 'entities')} changed`);
  if (e.removed.length) parts.push(`${n(e.removed.length, 'entity', 'entities')} removed`);
  parts.push(...s.schema);
  if (s.conflicts > 0) parts.push(`${n(s.conflicts, 'conflict')} recorded`);
  if (s.conflicts < 0) parts.push(`${n(-s.conflicts, 'conflict')} resolved`);
  if (parts.length === 0) parts.push(n(s.files, 'file'));
  return parts.join(', ');
}
