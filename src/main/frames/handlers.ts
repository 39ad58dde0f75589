/** The frames part of the API: the frame table, every frame of the analyst's layers with its fillers and problems. */
import { existsSync } from 'node:fs';
import type { FrameRow } from '../../core/api/frames';
import { ParleyError } from '../../core/errors';
import { GOLD } from '../../core/model';
import { checkMayRead } from '../team/teamFile';
import { fillerText, frameProblems } from '../../core/frames';
import type { ApiContext, HandlersOf } from '../context';

export function createFrameHandlers(session: ApiContext): HandlersOf<'frames'> {
  const ws = () => session.workspace;

  function existsLayer(annotator: string, docId: string): boolean {
    return existsSync(ws().layerPath(annotator, docId));
  }

  /** The layers a Corpus view choice stands for, checked against blind annotation. */
  async function layersOf(choice: string): Promise<string[]> {
    const me = session.annotator;
    if (choice === 'mine' || choice === me) return [me];
    if (choice === 'all') {
      await checkMayRead(ws(), me, 'all');
      return ws().annotators();
    }
    await checkMayRead(ws(), me, choice);
    // Gold before anyone adjudicated is empty, not missing.
    if (!(await ws().annotators()).includes(choice) && choice !== GOLD) throw new ParleyError('not_found', `no layer of ${choice} in this workspace`);
    return [choice];
  }

  return {
    'frames.corpus': async ({ layer: choice = 'mine' }) => {
      const rows: FrameRow[] = [];
      const schema = ws().schema;
      for (const annotator of await layersOf(choice)) {
        for (const entry of ws().entries) {
          if (!existsLayer(annotator, entry.id)) continue;
          const layer = (await ws().layer(annotator, entry.id)).data;
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
              annotator,
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
      }
      return rows;
    },
  };
}
