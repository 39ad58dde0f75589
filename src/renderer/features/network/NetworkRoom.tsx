/** The Network view wired to the app store: the network asked for from main as the choices change. */
import { useEffect, useState } from 'react';
import type Sigma from 'sigma';
import { toBlob } from '@sigma/export-image';
import { api } from '../../api';
import { useApp, useAppStore } from '../../app/store';
import type { Network, NetworkComparison } from '../../../core/network';
import { GOLD } from '../../../core/model';
import { openNetworkFrame } from './actions';
import { NetworkView, type NetworkChoices } from './NetworkView';
import { networkSvg, saveBlob } from './svg';

export function NetworkRoom() {
  const app = useAppStore();
  const info = useApp((s) => s.info);
  const theme = useApp((s) => s.appearance.theme);
  const me = info?.annotator ?? '';
  const [choices, setChoices] = useState<NetworkChoices>({ annotator: me, kinds: ['stance', 'agreement'], minWeight: 1, compareWith: '' });
  const [annotators, setAnnotators] = useState<string[]>([me]);
  const [net, setNet] = useState<Network | null>(null);
  const [comparison, setComparison] = useState<(NetworkComparison & { left: string; right: string }) | null>(null);
  const dark = document.documentElement.dataset.theme === 'dark';
  void theme;

  /** The first network has come (or failed): the drawing is made. */
  const [answered, setAnswered] = useState(false);
  useEffect(() => {
    if (!answered) return;
    // Asked once the first drawing is made, a frame after it: the list reads every analyst's every layer in the host, which would hold the drawing back.
    let timer = 0;
    const frame = requestAnimationFrame(() => {
      timer = window.setTimeout(() => {
        void api.review.annotators({}).then((list) => setAnnotators([...new Set([me, ...list.map((a) => a.annotator), GOLD])]), (e) => app.fail(e, 'Listing the analysts'));
      });
    });
    return () => {
      cancelAnimationFrame(frame);
      window.clearTimeout(timer);
    };
  }, [app, me, answered]);

  useEffect(() => {
    let live = true;
    setNet(null);
    const filter = { annotator: choices.annotator, kinds: choices.kinds, minWeight: choices.minWeight };
    // After the saves still queued: a frame completed just before the view opened is in it.
    const saved = app.saves.idle();
    void saved
      .then(() => api.network.build({ filter }))
      .then(
        (n) => live && setNet(n),
        (e) => app.fail(e, 'Building the network'),
      )
      .finally(() => setAnswered(true));
    if (choices.compareWith) {
      const compare = { left: choices.annotator, right: choices.compareWith, filter: { kinds: choices.kinds, minWeight: choices.minWeight } };
      void saved.then(() => api.network.compare(compare)).then((c) => live && setComparison(c), (e) => app.fail(e, 'Comparing the networks'));
    } else setComparison(null);
    return () => {
      live = false;
    };
  }, [app, choices]);

  const exportImage = async (renderer: Sigma, format: 'png' | 'svg') => {
    const css = getComputedStyle(document.documentElement);
    const background = css.getPropertyValue('--panel').trim() || '#ffffff';
    const name = `network-${choices.annotator}`;
    if (format === 'png') saveBlob(await toBlob(renderer, { format: 'png', backgroundColor: background }), `${name}.png`);
    else saveBlob(new Blob([networkSvg(renderer, background, css.getPropertyValue('--ink').trim() || '#1f2328')], { type: 'image/svg+xml' }), `${name}.svg`);
  };

  if (!info) return null;
  return (
    <NetworkView
      net={net}
      choices={choices}
      annotators={annotators}
      comparison={comparison}
      dark={dark}
      onChoices={setChoices}
      onOpenFrame={(f) => openNetworkFrame(app, f)}
      onExportImage={(r, f) => void exportImage(r, f).catch((e) => app.fail(e, 'Saving the picture'))}
      onClose={() => app.showScreen('reader')}
    />
  );
}
