/** The network part of the API: built from the analyst's layers unless another annotator (or gold) is named. */
import type { Handlers } from '../../core/api/contract';
import { ParleyError } from '../../core/errors';
import { GOLD } from '../../core/model';
import { compareNetworks, type NetworkFilter } from '../../core/network';
import type { ApiContext } from '../context';
import { writeNetwork } from './files';
import { networkOf } from './source';

type NetworkMethods = 'network.build' | 'network.compare' | 'network.export';

export function createNetworkHandlers(session: ApiContext): Pick<Handlers, NetworkMethods> {
  const ws = () => session.workspace;
  const whose = async (filter?: NetworkFilter) => {
    const annotator = filter?.annotator ?? session.annotator;
    // Gold and the analyst themselves always have a network, empty until they label.
    if (filter?.annotator && annotator !== GOLD && annotator !== session.annotator && !(await ws().annotators()).includes(annotator)) {
      throw new ParleyError('not_found', `no annotator ${annotator} in this workspace`);
    }
    return annotator;
  };
  return {
    'network.build': async ({ filter }) => networkOf(ws(), await whose(filter), filter),
    'network.compare': async ({ left, right, filter }) => {
      const [a, b] = await Promise.all([networkOf(ws(), left, filter), networkOf(ws(), right, filter)]);
      return { left, right, ...compareNetworks(a, b) };
    },
    'network.export': async ({ format, out, filter }) => {
      const net = await networkOf(ws(), await whose(filter), filter);
      const files = await writeNetwork(format, net, out);
      return { files, nodes: net.nodes.length, edges: net.edges.length, counted: net.counted, incomplete: net.incomplete };
    },
  };
}
