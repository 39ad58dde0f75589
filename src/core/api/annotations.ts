/** The `annotations.*` methods: a document's layer, changed one step at a time, with undo and redo. */
import { z } from 'zod';
import { AnnotatorNameSchema, ChangeSchema, DocIdSchema, type Change, type Frame, type Mention } from '../model';
import { docArgs, layerArg, layerDocArgs, method, revisionArg } from './method';

export interface HistoryState {
  undo: string | null;
  redo: string | null;
}

export interface LayerContent {
  mentions: Mention[];
  frames: Frame[];
}

export interface ChangeResult {
  history: HistoryState;
  /** The layer's revision after the change: the base of the next one. */
  revision?: number;
}

export interface UndoResult {
  /** What was applied to the layer (the inverse, for undo), or null when there was nothing to undo. */
  change: Change | null;
  history: HistoryState;
  /** The layer's revision after the undo or redo: the base of the next change. */
  revision?: number;
}

/** A colleague's layer of a document, shown over the text read-only: never edited, never saved as the analyst's own. */
export interface ColleagueLayer extends LayerContent {
  annotator: string;
  /** False when the colleague has not labelled the document. */
  exists: boolean;
  /** Made for another version of the text: reported, never drawn. */
  stale: boolean;
}

export const annotationsContract = {
  'annotations.get': method<LayerContent>()(docArgs),
  'annotations.change': method<ChangeResult>()(z.object({ docId: DocIdSchema, change: ChangeSchema, layer: layerArg, baseRevision: revisionArg }).strict()),
  'annotations.undo': method<UndoResult>()(layerDocArgs.extend({ baseRevision: revisionArg })),
  'annotations.redo': method<UndoResult>()(layerDocArgs.extend({ baseRevision: revisionArg })),
  /** The colleagues with a layer of this document whom this window may see (none while blind annotation keeps it to its own layer). */
  'annotations.colleagues': method<string[]>()(docArgs),
  /** One colleague's layer of a document, read-only; refused while blind annotation keeps this window to its own layer. */
  'annotations.colleague': method<ColleagueLayer>()(z.object({ docId: DocIdSchema, annotator: AnnotatorNameSchema }).strict()),
} as const;
