/** Review: the screen that compares analysts' layers (its own keys are declared by ReviewView while it shows). */
import { registerActions } from '../../app/registry';

registerActions([
  {
    id: 'review',
    title: 'Compare analysts’ labels and adjudicate a gold layer',
    section: 'Review',
    menu: { label: 'Review', order: 50, pressed: (s) => s.screen === 'review' },
    run: (app) => app.showScreen(app.state.screen === 'review' ? 'reader' : 'review'),
  },
]);
