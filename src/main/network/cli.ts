/**
 * `parley network`: the stance and agreement network of a workspace as
 * GraphML, GEXF, CSV node and edge lists, or JSON. Reads the workspace
 * read-only, so it runs while the app has it open.
 */
import { ParleyError } from '../../core/errors';
import { EDGE_KINDS, NETWORK_FORMATS, NetworkFilterSchema, type EdgeKind, type NetworkFilter, type NetworkFormat } from '../../core/network';
import { STATUSES, type DocumentStatus } from '../../core/model';
import { Workspace } from '../workspace';
import { analystOf } from '../settings/analyst';
import { writeNetwork } from './files';
import { networkOf } from './source';

export const name = 'network';

export const usage = `  parley network --workspace DIR --format graphml|gexf|csv|json --out PATH
               [--annotator NAME|gold] [--kind stance,agreement,congruence,conflict]
               [--from DATE] [--to DATE] [--status done,...] [--frame-type T,...]
               [--value favor,against,...] [--min-weight N]
                                             the stance and agreement network (with congruence
                                             and conflict) for networkx, Gephi and R; CSV writes
                                             nodes.csv and edges.csv into the folder PATH`;

class NetworkUsage extends Error {}

const list = (v: string | undefined) => (v ? v.split(',').map((x) => x.trim()).filter(Boolean) : undefined);

/** The filter the options ask for, checked; a wrong value names the option and what it takes. */
export function filterFromOptions(values: Record<string, string | boolean | undefined>): NetworkFilter {
  const str = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
  const kinds = list(str('kind'));
  for (const k of kinds ?? []) if (!(EDGE_KINDS as readonly string[]).includes(k)) throw new NetworkUsage(`--kind takes ${EDGE_KINDS.join(', ')} (not ${k})`);
  const statuses = list(str('status'));
  for (const s of statuses ?? []) if (!(STATUSES as readonly string[]).includes(s)) throw new NetworkUsage(`--status takes ${STATUSES.join(', ')} (not ${s})`);
  const min = str('min-weight');
  if (min !== undefined && !/^[1-9]\d*$/.test(min)) throw new NetworkUsage(`--min-weight takes a whole number of at least 1 (not ${min})`);
  const raw = {
    annotator: str('annotator'),
    from: str('from'),
    to: str('to'),
    kinds: kinds as EdgeKind[] | undefined,
    statuses: statuses as DocumentStatus[] | undefined,
    frameTypes: list(str('frame-type')),
    values: list(str('value')),
    minWeight: min === undefined ? undefined : Number(min),
  };
  const parsed = NetworkFilterSchema.safeParse(Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined)));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new NetworkUsage(`--${String(issue.path[0] ?? '')}: ${issue.message}`);
  }
  return parsed.data;
}

/** The options `parley network` reads, as `parseArgs` takes them. */
export const options = {
  workspace: { type: 'string', short: 'w' },
  format: { type: 'string', short: 'f' },
  out: { type: 'string', short: 'o' },
  annotator: { type: 'string' },
  kind: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  status: { type: 'string' },
  'frame-type': { type: 'string' },
  value: { type: 'string' },
  'min-weight': { type: 'string' },
} as const;

export async function run(values: Record<string, string | boolean | undefined>, out: (line: string) => void, err: (text: string) => void = (t) => process.stderr.write(t)): Promise<number> {
  try {
    if (!values.workspace) throw new NetworkUsage('--workspace DIR is required');
    if (typeof values.format !== 'string' || !(NETWORK_FORMATS as readonly string[]).includes(values.format)) throw new NetworkUsage(`--format takes ${NETWORK_FORMATS.join(', ')}`);
    if (!values.out) throw new NetworkUsage('--out PATH is required');
    const filter = filterFromOptions(values);
    const ws = await Workspace.open(String(values.workspace), { readOnly: true });
    const annotator = filter.annotator ?? await analystOf(ws.root);
    const annotators = await ws.annotators();
    if (!annotators.includes(annotator)) throw new ParleyError('not_found', `no layers by ${annotator} in this workspace (there are: ${annotators.join(', ') || 'none'}); name one with --annotator`, ws.root);
    const net = await networkOf(ws, annotator, filter);
    const files = await writeNetwork(values.format as NetworkFormat, net, String(values.out));
    out(
      `Wrote the network of ${annotator}'s frames: ${net.nodes.length} nodes, ${net.edges.length} edges from ${net.counted} complete frames` +
        `${net.incomplete ? ` (${net.incomplete} incomplete left out)` : ''} in ${net.documents.length} documents, as ${values.format} to ${files.join(' and ')}.`,
    );
    return 0;
  } catch (e) {
    if (e instanceof NetworkUsage) {
      err(`parley network: ${e.message}\n\nUsage:\n${usage}\n`);
      return 2;
    }
    throw e;
  }
}
