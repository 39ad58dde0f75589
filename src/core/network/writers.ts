/** The network's file formats, one writer each: the parts of the file, in order. */
import { gexf } from './gexf';
import { graphml } from './graphml';
import { edgesCsv, networkJson, nodesCsv } from './tables';
import type { Network } from './types';

export const NETWORK_FORMATS = ['graphml', 'gexf', 'csv', 'json'] as const;
export type NetworkFormat = (typeof NETWORK_FORMATS)[number];

/** The files a format writes: one, or for CSV a node list and an edge list beside each other. */
export function networkFiles(format: NetworkFormat, net: Network): { suffix: string; parts: Iterable<string> }[] {
  switch (format) {
    case 'graphml':
      return [{ suffix: '', parts: graphml(net) }];
    case 'gexf':
      return [{ suffix: '', parts: gexf(net) }];
    case 'json':
      return [{ suffix: '', parts: networkJson(net) }];
    case 'csv':
      return [
        { suffix: 'nodes', parts: nodesCsv(net) },
        { suffix: 'edges', parts: edgesCsv(net) },
      ];
  }
}
