/** The frames part of the API: the frame table, every frame of the analyst's layers with its fillers and problems. */
import { existsSync } from 'node:fs';
import type { FrameRow } from '../../core/api/frames';
import { fillerText, frameProblems } from '../../core/frames';
import type { ApiContext, HandlersOf } from '../context';

export function createFrameHandlers(session: ApiContext): HandlersOf<'frames'> {
  const ws = () => session.workspace;

  function existsLayer(docId: string): boolean {
    return existsSync(ws().layerPath(session.annotator, docId));
  }

  return {
    'frames.corpus': async () => {
      const rows: FrameRow[] = [];
      const schema = ws().schema;
      for (const entry of ws().entries) {
        if (!existsLayer(entry.id)) continue;
        const layer = (await ws().layer(session.annotator, entry.id)).data;
        if (layer.frames.length === 0) continue;
        const byId = new Map(layer.mentions.map((m) => [m.id, m]));
        for (const f of layer.frames) {
          const roles: FrameRow['roles'] = {};
          for (const [name, fillers] of Object.entries(f.roles)) {
            roles[name] = fillers.map((x) => {
              const text = fillerText(x, byId, ws().entities);
              if (x.kind === 'mention') {
                const m = byId.get(x.mentionId);
                return { text, kind: x.kind, mentionId: x.mentionId, entityId: m?.entityId, start: m?.start, end: m?.end };
              }
              return x.kind === 'entity' ? { text, kind: x.kind, entityId: x.entityId } : { text, kind: x.kind };
            });
          }
          rows.push({
            docId: entry.id,
            docTitle: entry.title,
            frameId: f.id,
            type: f.type,
            evidence: f.evidence,
            roles,
            attrs: f.attrs,
            problems: frameProblems(f, schema, byId).map((p) => p.message),
          });
        }
      }
      return rows;
    },
  };
}
