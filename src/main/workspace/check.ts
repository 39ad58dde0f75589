/**
 * `parley validate` and the integrity check: every file of a workspace read
 * and checked against its document, nothing written.
 */
import type { Problem } from '../../core/api/workspace';
import { mapLimited } from '../../core/async';
import { ParleyError } from '../../core/errors';
import type { DocumentEntry } from '../../core/model';
import { documentKind, layerKind } from '../store/kinds';
import { FileOwner } from '../store/owner';
import { readRequired } from '../store/jsonFile';
import { entryMismatch } from '../validate/documentIndex';
import { mentionProblem } from '../validate/mentions';
import { sha256 } from './documents';

/** Files `check` has in flight at once. */
const CHECK_READS = 64;

/** What a check reads of the workspace. */
export interface CheckedWorkspace {
  readonly entries: readonly DocumentEntry[];
  annotators(): Promise<string[]>;
  layerIds(annotator: string): Promise<string[]>;
  has(docId: string): boolean;
  documentPath(docId: string): string;
  layerPath(annotator: string, docId: string): string;
}

/**
 * Reads every file and reports each one that is missing, does not parse, or
 * does not match its document. Reads only: nothing is written.
 *
 * Document by document, CHECK_READS files in flight (the disk and the
 * parser overlap, and a cold disk gets a queue to work on): each document
 * is read, parsed and hashed once, and its layers are checked against the
 * text in hand. Problems come in the index's order, then layers of
 * documents the workspace does not list.
 */
export async function check(ws: CheckedWorkspace): Promise<Problem[]> {
  const layersOf = new Map<string, string[]>();
  const strays: Problem[] = [];
  for (const annotator of await ws.annotators()) {
    for (const id of await ws.layerIds(annotator)) {
      if (ws.has(id)) layersOf.set(id, [...(layersOf.get(id) ?? []), annotator]);
      else strays.push(problemOf(ws.layerPath(annotator, id), `an annotation layer for document ${id}, which is not in the workspace`));
    }
  }
  const perDocument = await mapLimited(ws.entries, CHECK_READS, async (entry) => {
    const out: Problem[] = [];
    const path = ws.documentPath(entry.id);
    let text: string | undefined;
    try {
      const { data: doc } = await readRequired(path, documentKind);
      if (doc.id !== entry.id) out.push(problemOf(path, `names id ${doc.id} but the workspace lists it as ${entry.id}`));
      if (sha256(doc.text) !== doc.sha256) out.push(problemOf(path, 'the text does not match its sha256: the text was edited after import'));
      if (doc.sha256 !== entry.sha256) out.push(problemOf(path, 'the text hash differs from the one in the document index'));
      const mismatch = entryMismatch(entry, doc);
      if (mismatch) out.push(problemOf(path, mismatch));
      text = doc.text;
    } catch (e) {
      out.push(problemOf(path, e));
    }
    for (const annotator of layersOf.get(entry.id) ?? []) out.push(...(await checkLayer(ws, annotator, entry, text)));
    return out;
  });
  return [...perDocument.flat(), ...strays];
}

/** One layer's problems; `text`: its document's, when that could be read. */
async function checkLayer(ws: CheckedWorkspace, annotator: string, entry: DocumentEntry, text: string | undefined): Promise<Problem[]> {
  const out: Problem[] = [];
  const path = ws.layerPath(annotator, entry.id);
  try {
    // Through an owner of its own: the layer's journal is part of it.
    const owner = new FileOwner(path, layerKind, undefined, true);
    const layer = await owner.read();
    for (const d of owner.damage) out.push(problemOf(d.file ?? path, d));
    if (layer.textHash !== entry.sha256) out.push(problemOf(path, 'made for a different version of the text (hash mismatch): it is kept but not applied'));
    if (text !== undefined) {
      for (const m of layer.mentions) {
        const problem = mentionProblem(m, text);
        if (problem) out.push(problemOf(path, problem));
      }
    }
  } catch (e) {
    out.push(problemOf(path, e));
  }
  return out;
}

function problemOf(file: string, e: unknown): Problem {
  return { file, message: e instanceof ParleyError ? (e.line ? `line ${e.line}: ${e.message}` : e.message) : String(e) };
}
