/** Document records: made from a text as given, hashed, and summed up as index entries. */
import { createHash } from 'node:crypto';
import { FORMAT_VERSION, type DocumentEntry, type DocumentRecord } from '../../core/model';

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function entryOf(doc: DocumentRecord): DocumentEntry {
  return { id: doc.id, title: doc.title, outlet: doc.source.outlet, date: doc.source.date, chars: doc.text.length, sha256: doc.sha256 };
}

/** Makes a document record from a text as given; the text is never altered. `textHash`: its sha256, when already known. */
export function makeDocument(id: string, title: string, text: string, source: DocumentRecord['source'], textHash = sha256(text)): DocumentRecord {
  return { version: FORMAT_VERSION, id, title, text, source, sha256: textHash, addedAt: new Date().toISOString() };
}
