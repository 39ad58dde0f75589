import * as network from '../../network/cli';
import type { CliCommand } from '../command';
import { out } from '../shared';

export const networkCommand: CliCommand = {
  name: network.name,
  usage: network.usage,
  table: [
    [
      'parley network --workspace DIR --format graphml|gexf|csv|json --out PATH [--annotator NAME|gold] [--kind stance,agreement,congruence,conflict] [--from DATE --to DATE] [--status S] [--frame-type T] [--value V] [--min-weight N]',
      'the stance and agreement network of the frames, with DNA-style congruence and conflict, as GraphML or GEXF (with time spells from article dates) for networkx and Gephi, CSV node and edge lists, or JSON',
    ],
  ],
  options: network.options,
  run: ({ values }) => network.run(values as Record<string, string | boolean | undefined>, out),
};
