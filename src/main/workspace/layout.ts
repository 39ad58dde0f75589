/**
 * Where a workspace keeps its files: the shared files at the top
 * (schema.json, index.json and its journal, entities.json), documents/<id>.json
 * and annotations/<annotator>/<id>.json, and the private .parley/ folder.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { defaultSchema } from '../../core/defaults';
import { FORMAT_VERSION, type DocumentRecord, type LabelSchema } from '../../core/model';
import { writeFileDurable } from '../store/durable';
import { INDEX_FILE, INDEX_JOURNAL, splitWorkspaceFile } from '../store/kinds';
import { entryOf } from './documents';
import { PRIVATE_DIR } from '../store/lock';

export const SCHEMA_FILE = 'schema.json';
export { INDEX_FILE, INDEX_JOURNAL } from '../store/kinds';
export const ENTITIES_FILE = 'entities.json';
/** The single file older workspaces kept the three in. */
export const LEGACY_FILE = 'workspace.json';

/** Whether `dir` holds a Parley workspace (in the current layout or the older one). */
export function isWorkspaceFolder(dir: string): boolean {
  return [SCHEMA_FILE, INDEX_FILE, ENTITIES_FILE, LEGACY_FILE].some((f) => existsSync(join(dir, f)));
}

export function documentPath(root: string, docId: string): string {
  return join(root, 'documents', `${docId}.json`);
}

export function layerPath(root: string, annotator: string, docId: string): string {
  return join(root, 'annotations', annotator, `${docId}.json`);
}

/** Annotators with a layer folder in this workspace. */
export async function annotatorsIn(root: string): Promise<string[]> {
  try {
    const entries = await readdir(join(root, 'annotations'), { withFileTypes: true });
    return entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  } catch {
    return [];
  }
}

/** Layers on disk for one annotator (documents they have touched). */
export async function layerIdsIn(root: string, annotator: string): Promise<string[]> {
  try {
    const names = await readdir(join(root, 'annotations', annotator));
    return names.filter((n) => n.endsWith('.json') && !n.startsWith('.')).map((n) => n.slice(0, -5));
  } catch {
    return [];
  }
}

/** Whether the folder holds an index journal or any layer journal. */
export async function hasJournals(root: string): Promise<boolean> {
  if (existsSync(join(root, INDEX_JOURNAL))) return true;
  try {
    for (const a of await readdir(join(root, 'annotations'), { withFileTypes: true })) {
      if (a.isDirectory() && (await readdir(join(root, 'annotations', a.name))).some((n) => n.endsWith('.journal'))) return true;
    }
  } catch {
    // no annotations yet
  }
  return false;
}

/** Temp files of writes cut short by a kill (`.name.pid.n.tmp`), in the folders writes happen in. */
export async function removeTempFiles(root: string): Promise<void> {
  const dirs = [root, join(root, 'documents'), join(root, PRIVATE_DIR, 'intents')];
  try {
    for (const a of await readdir(join(root, 'annotations'), { withFileTypes: true })) if (a.isDirectory()) dirs.push(join(root, 'annotations', a.name));
  } catch {
    // no annotations yet
  }
  for (const dir of dirs) {
    let names: string[];
    try {
      names = await readdir(dir);
    } catch {
      continue;
    }
    for (const n of names) if (n.startsWith('.') && n.endsWith('.tmp')) await rm(join(dir, n), { force: true });
  }
}

/** Writes the files of a new workspace into an empty (or missing) folder. `scheme`: the schema to start with and its guidelines (`guidelines.md`); Parley's default schema without. */
export async function writeNewFolder(root: string, name: string, documents: DocumentRecord[], scheme?: { schema: LabelSchema; guidelines: string }): Promise<void> {
  await mkdir(join(root, 'documents'), { recursive: true });
  await mkdir(join(root, 'annotations'), { recursive: true });
  for (const doc of documents) await writeFileDurable(join(root, 'documents', `${doc.id}.json`), JSON.stringify(doc));
  if (scheme?.guidelines) await writeFileDurable(join(root, 'guidelines.md'), scheme.guidelines);
  const parts = splitWorkspaceFile({ version: FORMAT_VERSION, name, schema: scheme?.schema ?? defaultSchema(), documents: documents.map(entryOf), entities: [] });
  await writeFileDurable(join(root, ENTITIES_FILE), JSON.stringify(parts.entities, null, 1));
  await writeFileDurable(join(root, INDEX_FILE), JSON.stringify(parts.index));
  // The schema file last: it is what marks the folder as a workspace.
  await writeFileDurable(join(root, SCHEMA_FILE), JSON.stringify(parts.schema, null, 1));
}
