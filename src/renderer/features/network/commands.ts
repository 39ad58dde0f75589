/** The Network view: what its commands run. */
import { registerActions } from '../../app/registry';
import { toggleNetwork } from './actions';

registerActions({
  network: { pressed: (s) => s.screen === 'network', run: toggleNetwork },
  'network-close': { run: (app) => app.showScreen('reader') },
});
