/** The guidelines: what their command runs. */
import { registerActions } from '../../app/registry';
import { openGuidelines } from './actions';

registerActions({
  guidelines: { pressed: (s) => s.tab === 'guidelines' && s.screen === 'reader', run: (app) => openGuidelines(app) },
});
