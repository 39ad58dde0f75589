/** The corpus view's state: every stance and agreement in the workspace, as last read. */
import type { FrameRow } from '../../../core/api/frames';
import { defineSlice } from '../../app/store';

export const framesSlice = defineSlice<{ corpus: FrameRow[] }>('frames', () => ({ corpus: [] }));
