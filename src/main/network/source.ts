/** What the network is built from: one annotator's (or gold's) layers, the entries' dates and the registry. */
import { buildNetwork, type Network, type NetworkFilter, type NetworkSourceDoc } from '../../core/network';
import type { Workspace } from '../workspace';

/**
 * The documents last read for a network, per annotator, kept until a layer or the index
 * changes: a corpus has more layers than the workspace keeps in memory, so
 * each build would otherwise read and check every layer file again.
 */
const kept = new Map<string, { ws: Workspace; entries: Workspace['entries']; version: string; docs: NetworkSourceDoc[] }>();
/** Annotators whose documents are kept: a comparison reads two. */
const KEEP_ANNOTATORS = 3;

async function sourceDocs(ws: Workspace, annotator: string): Promise<NetworkSourceDoc[]> {
  const version = ws.layerVersion();
  const entries = ws.entries;
  const k = kept.get(annotator);
  if (k && k.ws === ws && k.entries === entries && k.version === version) return k.docs;
  const withLayer = new Set(await ws.layerIds(annotator));
  const docs: NetworkSourceDoc[] = [];
  for (const entry of entries) {
    if (!withLayer.has(entry.id)) continue;
    const layer = (await ws.layer(annotator, entry.id)).data;
    if (layer.frames.length === 0) continue;
    docs.push({ id: entry.id, title: entry.title, date: entry.date, status: layer.status, frames: layer.frames, mentions: layer.mentions });
  }
  // A change while reading makes the next build read again.
  kept.delete(annotator);
  kept.set(annotator, { ws, entries, version, docs });
  if (kept.size > KEEP_ANNOTATORS) kept.delete(kept.keys().next().value!);
  return docs;
}

/**
 * The networks last built, kept while what they were built from is the same
 * objects (the documents read above, the schema, the registry) and asked for
 * with the same filter: opening the view again, comparing, or ticking a kind
 * back on costs nothing. Networks are never changed once built.
 */
const KEEP_BUILT = 4;
const built: { docs: NetworkSourceDoc[]; schema: unknown; entities: unknown; filter: string; net: Network }[] = [];

export async function networkOf(ws: Workspace, annotator: string, filter: NetworkFilter = {}): Promise<Network> {
  const docs = await sourceDocs(ws, annotator);
  const { schema, entities } = ws;
  const key = JSON.stringify(filter);
  const hit = built.findIndex((b) => b.docs === docs && b.schema === schema && b.entities === entities && b.filter === key);
  if (hit >= 0) {
    const [b] = built.splice(hit, 1);
    built.unshift(b);
    return b.net;
  }
  const net = buildNetwork({ schema, entities, docs }, filter);
  built.unshift({ docs, schema, entities, filter: key, net });
  built.length = Math.min(built.length, KEEP_BUILT);
  return net;
}
