/** The Network view: its named actions. */
import type { AppStore } from '../../app/store';
import type { NetworkFrame } from '../../../core/network';
import { focusFrame } from '../frames/actions';

/** Network on and off: the stance and agreement network of the corpus. */
export function toggleNetwork(app: AppStore): void {
  app.showScreen(app.state.screen === 'network' ? 'reader' : 'network');
}

/** Opens a frame of the network in the reader, scrolled to its evidence, with the frame selected. */
export function openNetworkFrame(app: AppStore, frame: NetworkFrame): void {
  app.showScreen('reader');
  void app.openDoc(frame.docId).then(() =>
    requestAnimationFrame(() => {
      const f = app.state.doc?.frame(frame.frameId);
      if (f) focusFrame(app, f);
      else app.toast(`That ${frame.type.toLowerCase()} is no longer in “${frame.docTitle}”: it may have been deleted since the network was drawn.`);
    }),
  );
}
