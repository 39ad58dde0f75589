/** The corpus view's state: the stances and agreements of the chosen layer, as last read, and what blind annotation lets this analyst choose. */
import type { CorpusLayer, FrameRow } from '../../../core/api/frames';
import type { TeamSettings } from '../../../core/api/team';
import { defineSlice } from '../../app/store';

export interface FramesState {
  corpus: FrameRow[];
  /** Whose frames: mine, gold, a colleague's or all. */
  layer: CorpusLayer;
  team: TeamSettings | null;
}

export const framesSlice = defineSlice<FramesState>('frames', () => ({ corpus: [], layer: 'mine', team: null }));
