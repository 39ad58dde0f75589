/** What the network is built from: one annotator's (or gold's) layers, the entries' dates and the registry. */
import { buildNetwork, type Network, type NetworkFilter, type NetworkSourceDoc } from '../../core/network';
import type { Workspace } from '../workspace';

/**
 * The documents last read for a network, kept until a layer or the index
 * changes: a corpus has more layers than the workspace keeps in memory, so
 * each build would otherwise read and check every layer file again.
 */
let kept: { ws: Workspace; annotator: string; entries: Workspace['entries']; version: string; docs: NetworkSourceDoc[] } | null = null;

async function sourceDocs(ws: Workspace, annotator: string): Promise<NetworkSourceDoc[]> {
  const version = ws.layerVersion();
  const entries = ws.entries;
  if (kept && kept.ws === ws && kept.annotator === annotator && kept.entries === entries && kept.version === version) return kept.docs;
  const withLayer = new Set(await ws.layerIds(annotator));
  const docs: NetworkSourceDoc[] = [];
  for (const entry of entries) {
    if (!withLayer.has(entry.id)) continue;
    const layer = (await ws.layer(annotator, entry.id)).data;
    if (layer.frames.length === 0) continue;
    docs.push({ id: entry.id, title: entry.title, date: entry.date, status: layer.status, frames: layer.frames, mentions: layer.mentions });
  }
  // A change while reading makes the next build read again.
  kept = { ws, annotator, entries, version, docs };
  return docs;
}

export async function networkOf(ws: Workspace, annotator: string, filter: NetworkFilter = {}): Promise<Network> {
  return buildNetwork({ schema: ws.schema, entities: ws.entities, docs: await sourceDocs(ws, annotator) }, filter);
}
