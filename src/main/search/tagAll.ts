/**
 * Tagging every hit of a search: what it would do (new mentions, hits
 * already tagged, hits that overlap other mentions), and doing it as one
 * bulk step over every document it touches.
 */
import type { OverlapItem, TagHitsArgs, TagPreview, TagResult } from '../../core/api/search';
import { ParleyError } from '../../core/errors';
import { newId } from '../../core/ids';
import type { Change, Mention } from '../../core/model';
import { applyStep } from '../steps';
import type { Workspace } from '../workspace';
import type { HitTarget } from './protocol';

/** Overlaps listed in a preview; the count covers all of them. */
const SHOWN_OVERLAPS = 200;

interface Plan {
  preview: TagPreview;
  byDoc: Map<string, Mention[]>;
}

async function plan(ws: Workspace, annotator: string, targets: HitTarget[], args: TagHitsArgs): Promise<Plan> {
  if (!ws.schema.labels.some((l) => l.name === args.label)) throw new ParleyError('invalid_argument', `no label ${args.label} in the schema`);
  if (args.entityId && !ws.entities.some((e) => e.id === args.entityId)) throw new ParleyError('not_found', `no entity ${args.entityId}`);
  const preview: TagPreview = { mentions: 0, documents: 0, alreadyTagged: 0, overlapping: 0, overlaps: [], staleDocuments: 0 };
  const byDoc = new Map<string, Mention[]>();
  const docs = new Map<string, HitTarget[]>();
  for (const t of targets) docs.set(t.docId, [...(docs.get(t.docId) ?? []), t]);
  const now = new Date().toISOString();
  for (const [docId, hits] of docs) {
    const layer = (await ws.layer(annotator, docId)).data;
    if (ws.isStale(layer)) {
      preview.staleDocuments++;
      continue;
    }
    const fresh: Mention[] = [];
    for (const h of hits) {
      const over = layer.mentions.filter((m) => m.start < h.end && h.start < m.end);
      if (over.some((m) => m.start === h.start && m.end === h.end && m.label === args.label)) {
        preview.alreadyTagged++;
        continue;
      }
      if (over.length > 0) {
        preview.overlapping++;
        if (preview.overlaps.length < SHOWN_OVERLAPS) {
          const existing = over.map((m) => ({ label: m.label, start: m.start, end: m.end, quote: m.quote }));
          preview.overlaps.push({ index: h.index, docId, start: h.start, end: h.end, quote: h.quote, existing } satisfies OverlapItem);
        }
        if (!args.includeOverlapping) continue;
      }
      fresh.push({
        id: newId('m'),
        label: args.label,
        start: h.start,
        end: h.end,
        quote: h.quote,
        ...(args.entityId ? { entityId: args.entityId } : {}),
        origin: 'manual',
        author: annotator,
        createdAt: now,
      });
    }
    if (fresh.length === 0) continue;
    byDoc.set(docId, fresh);
    preview.mentions += fresh.length;
    preview.documents++;
  }
  return { preview, byDoc };
}

export async function previewTagAll(ws: Workspace, annotator: string, targets: HitTarget[], args: TagHitsArgs): Promise<TagPreview> {
  return (await plan(ws, annotator, targets, args)).preview;
}

export async function tagAll(ws: Workspace, annotator: string, targets: HitTarget[], args: TagHitsArgs): Promise<TagResult> {
  const { preview, byDoc } = await plan(ws, annotator, targets, args);
  if (byDoc.size === 0) return { mentions: 0, documents: 0, stepId: null };
  const title = `tag ${preview.mentions} hit${preview.mentions === 1 ? '' : 's'} as ${args.label}`;
  const changes = new Map<string, Change>();
  for (const [docId, mentions] of byDoc) changes.set(docId, { op: 'batch', title, changes: mentions.map((mention) => ({ op: 'addMention', mention })) });
  const step = await applyStep(ws, annotator, title, changes);
  return { mentions: preview.mentions, documents: preview.documents, stepId: step.id };
}
