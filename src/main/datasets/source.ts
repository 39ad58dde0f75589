/**
 * What an import reads: the picked files in a dataset format (named, or
 * detected from the files), HTML articles, or another analyst's workspace
 * folder. Reading is all or nothing: the first problem stops it with the
 * file and line, and nothing has been written yet.
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { FORMAT_NAMES, type ImportKind, type ImportPlanDocument } from '../../core/api/datasets';
import { ParleyError } from '../../core/errors';
import { detectFormat, FORMATS } from '../../core/formats';
import type { DatasetContext, FormatName, ImportFile, ImportOptions, ImportResult } from '../../core/formats/types';
import { checkOffsetsOption } from './export';
import { isWorkspaceFolder as holdsWorkspace, type Workspace } from '../workspace';
import { collectFiles, readImportFile, warningsOnDisk, withDiskPaths } from './files';
import { readForeignLayers } from './foreign';
import { isHtmlPath, readHtml } from './html';
import { checkCancelled, type WorkControl } from './jobs';

export interface ImportSource {
  kind: ImportKind;
  detected: boolean;
  files: number;
  result: ImportResult;
  /** Documents the source holds but that cannot be imported at all (another workspace's layers for texts not here). */
  unmatched: ImportPlanDocument[];
}

async function isWorkspaceFolder(path: string): Promise<boolean> {
  const info = await stat(path).catch(() => null);
  return info !== null && info.isDirectory() && holdsWorkspace(path);
}

function unknownFormat(paths: readonly string[]): ParleyError {
  const names = [...FORMAT_NAMES.filter((f) => FORMATS[f].canImport), 'html', 'workspace'].join(', ');
  return new ParleyError('bad_input', `cannot tell which format ${paths.join(', ')} ${paths.length === 1 ? 'is' : 'are'} in; name it (one of ${names})`, paths.length === 1 ? resolve(paths[0]) : undefined);
}

/** Files read between yields to the event loop. */
const READ_BATCH = 32;

export async function readSource(ws: Workspace, paths: readonly string[], format: ImportKind | undefined, control: WorkControl = {}, options: ImportOptions = {}): Promise<ImportSource> {
  const ctx: DatasetContext = { schema: ws.schema, entities: [...ws.entities], history: ws.schemaHistory };
  const workspaces = await Promise.all(paths.map(isWorkspaceFolder));
  if (format === 'workspace' || (format === undefined && workspaces.every(Boolean))) {
    const result: ImportResult = { documents: [], entities: [], warnings: [] };
    const unmatched: ImportPlanDocument[] = [];
    let files = 0;
    for (const p of paths) {
      const one = await readForeignLayers(p, ws, ctx);
      result.documents.push(...one.result.documents);
      result.entities.push(...one.result.entities);
      result.warnings.push(...one.result.warnings);
      unmatched.push(...one.unmatched);
      files += one.files;
    }
    return { kind: 'workspace', detected: format === undefined, files, result, unmatched };
  }

  const picked = await collectFiles(paths);
  if (picked.length === 0) throw new ParleyError('bad_input', `no files to import in ${paths.join(', ')} (hidden files are skipped)`);
  const zip = picked.find((f) => /\.zip$/i.test(f.abs));
  if (zip) throw new ParleyError('bad_input', 'a zip file cannot be imported as it is; unzip it and import the folder', zip.abs);
  const files: ImportFile[] = [];
  // Read in order, 32 between yields to the event loop; an error is the first file's.
  for (let i = 0; i < picked.length; i += READ_BATCH) {
    checkCancelled(control.signal);
    for (const f of picked.slice(i, i + READ_BATCH)) files.push(readImportFile(f));
    control.progress?.(files.length, picked.length);
    await new Promise((r) => setImmediate(r));
  }
  let kind: ImportKind | null = format ?? null;
  if (kind === null) kind = picked.every((f) => isHtmlPath(f.abs)) ? 'html' : detectFormat(files);
  // CSV tables cannot be read back; the CSV reader says so and what to import instead.
  if (kind === null && picked.every((f) => /\.csv$/i.test(f.abs))) kind = 'csv';
  if (kind === null) throw unknownFormat(paths);
  if (options.offsets !== undefined) checkOffsetsOption(kind, options.offsets);
  const reader = kind === 'html' ? readHtml : FORMATS[kind as FormatName].read;
  const result = withDiskPaths(picked, () => reader(files, ctx, options));
  result.warnings = warningsOnDisk(picked, result.warnings);
  return { kind, detected: format === undefined, files: files.length, result, unmatched: [] };
}
