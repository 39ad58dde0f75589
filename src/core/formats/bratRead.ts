/**
 * Reads brat folders, Parley's own exports and brat's alike: .txt + .ann per
 * document, and the optional .parley.json sidecar that restores what brat
 * has no place for.
 */
import type { ParleyError } from '../errors';
import { ImportSession, orSkip, skipper } from './assemble';
import { ConfPlan, parseAnnotationConf } from './bratConfRead';
import { DocumentReader } from './bratDocument';
import { Names, readSidecar, type DocumentFiles } from './bratNames';
import { SIDECAR_SUFFIX } from './bratSyntax';
import { badInput, checkFile, extension, fileName } from './input';
import { UniqueIds } from './names';
import type { DatasetContext, ImportFile, ImportResult, ImportOptions } from './types';

const CONFIG_FILES = new Set(['annotation.conf', 'visual.conf', 'tools.conf', 'kb_shortcuts.conf']);

function groupFiles(files: ImportFile[], warnings: string[], skip?: (error: ParleyError) => void): DocumentFiles[] {
  const groups = new Map<string, DocumentFiles>();
  const group = (stem: string) => {
    let g = groups.get(stem);
    if (!g) groups.set(stem, (g = { stem }));
    return g;
  };
  for (const f of files) {
    const name = fileName(f.path);
    if (f.path.endsWith(SIDECAR_SUFFIX)) group(f.path.slice(0, -SIDECAR_SUFFIX.length)).sidecar = f;
    else if (extension(f.path) === 'ann') group(f.path.slice(0, -4)).ann = f;
    else if (extension(f.path) === 'txt') group(f.path.slice(0, -4)).txt = f;
    else if (!CONFIG_FILES.has(name)) warnings.push(`${f.path}: not a brat file (.txt, .ann or ${SIDECAR_SUFFIX}); ignored`);
  }
  const complete: DocumentFiles[] = [];
  for (const g of groups.values()) {
    orSkip(skip, () => {
      if (!g.txt) {
        const f = g.ann ?? g.sidecar!;
        throw badInput(`no matching ${g.stem}.txt; brat keeps each document's text next to its .ann file`, f.path);
      }
      complete.push(g);
    });
  }
  return complete;
}

export function readBrat(files: ImportFile[], ctx: DatasetContext, options: ImportOptions = {}): ImportResult {
  const session = new ImportSession(ctx, options);
  // The folder's own schema (the shallowest annotation.conf) decides on the types it declares before any document is read.
  const confFile = files.filter((f) => fileName(f.path) === 'annotation.conf').sort((a, b) => a.path.split('/').length - b.path.split('/').length)[0];
  const plan = confFile ? new ConfPlan(parseAnnotationConf(confFile.path, checkFile(confFile, session.warnings)), session, options.labels ?? {}) : undefined;
  const names = new Names(session);
  const ids = new UniqueIds();
  // With skip-invalid a document (its .txt, .ann and sidecar) with a bad line is left out whole and named with the line.
  const skip = skipper(session, options);
  for (const g of groupFiles(files, session.warnings, skip)) orSkip(skip, () => new DocumentReader(g, session, names, readSidecar(g.sidecar, session), plan).read(ids));
  const result = session.result();
  return plan ? plan.finish(result) : result;
}

