/** What the network is built from: one annotator's (or gold's) layers, the entries' dates and the registry. */
import { buildNetwork, type Network, type NetworkFilter, type NetworkSourceDoc } from '../../core/network';
import type { Workspace } from '../workspace';

export async function networkOf(ws: Workspace, annotator: string, filter: NetworkFilter = {}): Promise<Network> {
  const withLayer = new Set(await ws.layerIds(annotator));
  const docs: NetworkSourceDoc[] = [];
  for (const entry of ws.entries) {
    if (!withLayer.has(entry.id)) continue;
    const layer = (await ws.layer(annotator, entry.id)).data;
    if (layer.frames.length === 0) continue;
    docs.push({ id: entry.id, title: entry.title, date: entry.date, status: layer.status, frames: layer.frames, mentions: layer.mentions });
  }
  return buildNetwork({ schema: ws.schema, entities: ws.entities, docs }, filter);
}
