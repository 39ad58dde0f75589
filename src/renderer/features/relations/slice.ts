/** Relations in the reader: whether their arcs show, and a relation being made (its type and source mention, waiting for a click on the target). */
import { defineSlice } from '../../app/store';

export const ARCS_KEY = 'parley-relation-arcs';

export interface RelationsState {
  /** Arcs over the text, on unless hidden (remembered across sessions). */
  arcs: boolean;
  /** Pressed a relation key on a mention: the next mention clicked becomes the target. */
  pending: { type: string; source: string } | null;
}

export const relationsSlice = defineSlice<RelationsState>(
  'relations',
  () => ({ arcs: globalThis.localStorage?.getItem(ARCS_KEY) !== 'off', pending: null }),
  { layerUndone: (app) => relationsSlice.set(app, { pending: null }) },
);
