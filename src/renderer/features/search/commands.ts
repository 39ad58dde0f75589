/** Search: what its commands run. */
import { registerActions } from '../../app/registry';
import { toggleSearch } from './actions';

registerActions({
  search: { pressed: (s) => s.screen === 'search', run: toggleSearch },
});
