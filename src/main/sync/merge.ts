/**
 * A merge commit built in the object database, without touching the
 * workspace: trees are merged folder by folder, descending only where the
 * two sides differ; a file changed on both sides is merged record by record.
 */
import { addConflicts, CONFLICTS_FILE, mergeFile, type SyncConflict } from '../../core/merge/files';
import { applyMigrations } from './migrations';
import { applyRenames } from './renames';
import { blobText, fs, git, readTreeMap, treeOf, type GitCache, type TreeEntry } from './objects';
import { blobJson, conflictsKind } from './syncFiles';

interface Ctx {
  gitdir: string;
  cache: GitCache;
  who: { ours?: string; theirs?: string; at: string };
  conflicts: SyncConflict[];
}

async function writeText(ctx: Ctx, text: string): Promise<string> {
  return git.writeBlob({ fs, gitdir: ctx.gitdir, blob: Buffer.from(text, 'utf8') });
}

async function mergeTrees(ctx: Ctx, b: string | null, o: string | null, t: string | null, prefix: string): Promise<string | null> {
  if (o === t) return o;
  if (b === o) return t;
  if (b === t) return o;
  const [bm, om, tm] = await Promise.all([readTreeMap(ctx.gitdir, b, ctx.cache), readTreeMap(ctx.gitdir, o, ctx.cache), readTreeMap(ctx.gitdir, t, ctx.cache)]);
  const entries: TreeEntry[] = [];
  for (const name of new Set([...om.keys(), ...tm.keys(), ...bm.keys()])) {
    const be = bm.get(name);
    const oe = om.get(name);
    const te = tm.get(name);
    let chosen: TreeEntry | undefined;
    if (oe?.oid === te?.oid) chosen = oe;
    else if (be?.oid === oe?.oid) chosen = te;
    else if (be?.oid === te?.oid) chosen = oe;
    else if (oe?.type === 'tree' || te?.type === 'tree') {
      const sub = await mergeTrees(ctx, be?.type === 'tree' ? be.oid : null, oe?.type === 'tree' ? oe.oid : null, te?.type === 'tree' ? te.oid : null, `${prefix}${name}/`);
      chosen = sub ? { mode: '040000', path: name, oid: sub, type: 'tree' } : undefined;
    } else {
      const path = prefix + name;
      const [bt, ot, tt] = await Promise.all([blobText(ctx.gitdir, be?.oid ?? null, ctx.cache), blobText(ctx.gitdir, oe?.oid ?? null, ctx.cache), blobText(ctx.gitdir, te?.oid ?? null, ctx.cache)]);
      const merged = mergeFile(path, bt, ot, tt, ctx.who);
      ctx.conflicts.push(...merged.conflicts);
      chosen = merged.text === null ? undefined : { mode: oe?.mode ?? te?.mode ?? '100644', path: name, oid: await writeText(ctx, merged.text), type: 'blob' };
    }
    if (chosen) entries.push(chosen);
  }
  if (entries.length === 0) return null;
  return git.writeTree({ fs, gitdir: ctx.gitdir, tree: entries });
}

export interface MergeCommit {
  oid: string;
  conflicts: SyncConflict[];
}

/** Merges `theirs` into `ours` as a new commit with both as parents; the branch is not moved. */
export async function buildMerge(gitdir: string, ours: string, theirs: string, author: { name: string; email: string }, cache: GitCache): Promise<MergeCommit> {
  const bases = await git.findMergeBase({ fs, gitdir, oids: [ours, theirs], cache });
  const base = (bases[0] as string | undefined) ?? null;
  const theirsCommit = await git.readCommit({ fs, gitdir, oid: theirs, cache });
  const ctx: Ctx = { gitdir, cache, who: { ours: author.name, theirs: theirsCommit.commit.author.name, at: new Date().toISOString() }, conflicts: [] };
  const oursTree = await treeOf(gitdir, ours, cache);
  let tree = await mergeTrees(ctx, await treeOf(gitdir, base, cache), oursTree, theirsCommit.commit.tree, '');
  tree = await applyRenames(gitdir, oursTree, theirsCommit.commit.tree, tree, cache);
  tree = await applyMigrations(gitdir, oursTree, theirsCommit.commit.tree, tree, cache);
  if (ctx.conflicts.length) tree = await recordConflicts(ctx, tree);
  const message = ctx.conflicts.length ? `Sync: merged ${theirsCommit.commit.author.name}'s changes, ${ctx.conflicts.length} conflict${ctx.conflicts.length === 1 ? '' : 's'} to resolve` : `Sync: merged ${theirsCommit.commit.author.name}'s changes`;
  const oid = await git.commit({ fs, gitdir, message, author, tree: tree ?? (await git.writeTree({ fs, gitdir, tree: [] })), parent: [ours, theirs], noUpdateBranch: true, cache });
  return { oid, conflicts: ctx.conflicts };
}

/** Adds the merge's conflicts to conflicts.json at the top of the merged tree. */
async function recordConflicts(ctx: Ctx, tree: string | null): Promise<string> {
  const top = await readTreeMap(ctx.gitdir, tree, ctx.cache);
  const existing = await blobJson(ctx.gitdir, top.get(CONFLICTS_FILE)?.oid ?? null, conflictsKind, CONFLICTS_FILE, ctx.cache);
  const list = addConflicts(existing, ctx.conflicts);
  top.set(CONFLICTS_FILE, { mode: '100644', path: CONFLICTS_FILE, oid: await writeText(ctx, JSON.stringify(list, null, 1)), type: 'blob' });
  return git.writeTree({ fs, gitdir: ctx.gitdir, tree: [...top.values()] });
}
