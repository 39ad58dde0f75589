/** The `documents.*` methods: the document list (whole or a page at a time), opening a document, and its text in parts. */
import { z } from 'zod';
import { DocumentPageQuerySchema, type DocumentPage } from '../documentPage';
import { DocIdSchema, type DocumentRecord, type Layer } from '../model';
import type { HistoryState } from './annotations';
import { method, none } from './method';

export type { DocumentPage, DocumentSummary } from '../documentPage';
import type { DocumentSummary } from '../documentPage';

export interface OpenedDocument {
  document: DocumentRecord;
  layer: Omit<Layer, 'history'>;
  history: HistoryState;
  /** The layer was made for a different text (hash mismatch): shown read-only, never re-applied. */
  stale: boolean;
  /** False when only the mentions starting before `mentionsBefore` were sent; `annotations.get` has the rest. */
  complete: boolean;
  /**
   * The whole text's length. With `textBefore`, `document.text` is only the
   * text's first part (up to a line end) when it is longer: `documents.text`
   * has the rest.
   */
  chars?: number;
}

export const documentsContract = {
  'documents.list': method<DocumentSummary[]>()(none),
  'documents.page': method<DocumentPage>()(DocumentPageQuerySchema),
  'documents.open': method<OpenedDocument>()(
    z.object({ docId: DocIdSchema, mentionsBefore: z.number().int().nonnegative().optional(), textBefore: z.number().int().nonnegative().optional() }).strict(),
  ),
  /** A part of a document's text: from `from` to the first line end at or after `from + chars` (or the end). */
  'documents.text': method<{ text: string }>()(z.object({ docId: DocIdSchema, from: z.number().int().nonnegative(), chars: z.number().int().positive() }).strict()),
} as const;
