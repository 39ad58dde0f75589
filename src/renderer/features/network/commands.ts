/** The Network view: the actions a person runs by key or menu. */
import { registerActions } from '../../app/registry';
import { toggleNetwork } from './actions';

registerActions([
  {
    id: 'network',
    title: 'The stance and agreement network of the corpus',
    section: 'Frames',
    menu: { label: 'Network', order: 21, pressed: (s) => s.screen === 'network' },
    run: toggleNetwork,
  },
  {
    id: 'network-close',
    title: 'Back to the reader',
    section: 'Frames',
    keys: ['Escape'],
    when: (c) => c.state.screen === 'network' && c.state.dialog === null && !c.typing,
    run: (app) => app.showScreen('reader'),
  },
]);
