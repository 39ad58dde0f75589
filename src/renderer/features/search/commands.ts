/** Search: the actions a person runs by key or menu. */
import { registerActions } from '../../app/registry';
import { toggleSearch } from './actions';

registerActions([
  {
    id: 'search',
    title: 'Search the corpus: words, phrases or a pattern, with filters; tag every hit',
    section: 'Search',
    keys: ['Mod+Shift+F'],
    menu: { label: 'Search', order: 15, pressed: (s) => s.screen === 'search' },
    run: toggleSearch,
  },
]);
