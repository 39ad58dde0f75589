/** A colleague's layer over the reader's text: its key. */
import { registerActions } from '../../app/registry';
import { cycleColleague } from './actions';

registerActions({
  'colleague-layer': { run: cycleColleague },
});
