/** The `annotations.*` methods: a document's layer, changed one step at a time, with undo and redo. */
import { z } from 'zod';
import { ChangeSchema, DocIdSchema, type Change, type Frame, type Mention } from '../model';
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

export const annotationsContract = {
  'annotations.get': method<LayerContent>()(docArgs),
  'annotations.change': method<ChangeResult>()(z.object({ docId: DocIdSchema, change: ChangeSchema, layer: layerArg, baseRevision: revisionArg }).strict()),
  'annotations.undo': method<UndoResult>()(layerDocArgs.extend({ baseRevision: revisionArg })),
  'annotations.redo': method<UndoResult>()(layerDocArgs.extend({ baseRevision: revisionArg })),
} as const;
