/**
 * Blind double annotation at the API's edge, for the methods that read
 * other analysts' layers and belong to other rooms (Review, datasets, the
 * network, a colleague's layer over the reader's text): while it keeps this window's analyst to their own layer, they
 * answer only for that layer, and Review, which compares analysts, is the
 * lead's. The methods this area owns (suggestions, the document list,
 * search, the Corpus view) check inside.
 */
import type { Handlers } from '../../core/api/contract';
import { ParleyError } from '../../core/errors';
import { GOLD } from '../../core/model';
import type { ApiContext } from '../context';
import { checkMayRead, seesAll } from './teamFile';

export function guardBlind(session: ApiContext, handlers: Handlers): Handlers {
  const me = () => session.annotator;
  const ws = () => session.workspace;
  const only = async (layer: string | undefined) => {
    if (layer !== undefined) await checkMayRead(ws(), me(), layer);
  };
  const lead = async (what: string) => {
    if (!(await seesAll(ws(), me()))) throw new ParleyError('invalid_argument', `blind annotation is on: ${what} is the lead's while each analyst sees only their own layer`);
  };
  const out: Handlers = { ...handlers };
  for (const name of Object.keys(handlers) as (keyof Handlers)[]) {
    if (!name.startsWith('review.') || name === 'review.annotators' || name === 'review.goldDifferences') continue;
    const inner = handlers[name] as (args: never) => Promise<unknown>;
    (out as Record<string, unknown>)[name] = async (args: never) => {
      await lead('Review, which compares analysts,');
      return inner(args);
    };
  }
  // Who has layers: the document list's colleague filter asks too, so while blind it names only this analyst.
  out['review.annotators'] = async (args) => {
    const all = await handlers['review.annotators'](args);
    return (await seesAll(ws(), me())) ? all : all.filter((a) => a.annotator === me());
  };
  // Where gold differs from an analyst: gold is not theirs to see while blind.
  out['review.goldDifferences'] = async (args) => (await only(GOLD), await only(args.annotator), handlers['review.goldDifferences'](args));
  // A colleague's layer over the reader's text: refused here, not only left out of the window, while blind.
  out['annotations.colleague'] = async (args) => (await only(args.annotator), handlers['annotations.colleague'](args));
  out['annotations.colleagues'] = async (args) => ((await seesAll(ws(), me())) ? handlers['annotations.colleagues'](args) : []);
  out['datasets.exportPlan'] = async (args) => (await only(args.annotator), handlers['datasets.exportPlan'](args));
  out['datasets.export'] = async (args) => (await only(args.annotator), handlers['datasets.export'](args));
  out['network.build'] = async (args) => (await only(args.filter?.annotator), handlers['network.build'](args));
  out['network.export'] = async (args) => (await only(args.filter?.annotator), handlers['network.export'](args));
  out['network.compare'] = async (args) => (await only(args.left), await only(args.right), handlers['network.compare'](args));
  return out;
}
