/**
 * The API, implemented once. Both transports (Electron IPC and the browser
 * host's HTTP) call `dispatch`, which checks the method name and validates
 * the arguments against the contract before any handler runs.
 */
import { existsSync } from 'node:fs';
import type { HistoryState } from '../core/api/annotations';
import { contract, isMethodName, type Handlers } from '../core/api/contract';
import type { Suggestion } from '../core/api/entities';
import type { FrameRow } from '../core/api/frames';
import { AppearanceSchema } from '../core/api/settings';
import type { Envelope } from '../core/api/transport';
import { DocumentPageQuerySchema } from '../core/documentPage';
import { fillerText, frameProblems } from '../core/frames';
import type { GoldState } from '../core/adjudicate';
import { ChangeConflict, commitChange, describeChange, onlySuggestions, redo, undo } from '../core/changes';
import { ParleyError, type ApiErrorShape } from '../core/errors';
import { diskFull } from './store/durable';
import { newId } from '../core/ids';
import { GOLD, type Change, type Entity, type Layer, type Mention } from '../core/model';
import { findWholeWord, lineEndFrom } from '../core/text';
import { checkChange, checkSchema } from '../core/validate';
import { boundaryProblem } from './boundary';
import { createDatasetHandlers } from './datasets/handlers';
import { createSearchHandlers } from './search/handlers';
import { acceptAgreedChange, agreementFor, annotatorSummaries, frameDecision, goldStateOf, mentionDecision, reviewDocument, reviewProgress, reviewState } from './review';
import { createSyncHandlers } from './sync/handlers';
import { DocumentList } from './documentList';
import type { Session } from './session';
import { checkRevision, type BulkChange } from './workspace';
import { createSuggestHandlers, createSuggestService } from './suggest/handlers';
import { createSchemeHandlers } from './schemes/handlers';
import { runSchemaMigration } from './schemes/migrate';

function historyOf(layer: Layer): HistoryState {
  const u = layer.history.undo.at(-1);
  const r = layer.history.redo.at(-1);
  return { undo: u ? describeChange(u) : null, redo: r ? describeChange(r) : null };
}

export function createHandlers(session: Session): Handlers {
  const ws = () => session.workspace;

  const annotatorOf = (layer?: 'own' | 'gold') => (layer === 'gold' ? GOLD : session.annotator);
  const recommender = createSuggestService(session);
  const list = new DocumentList();

  /** A layer made for another text is never changed. */
  function refuseStale(layer: Layer): void {
    if (ws().isStale(layer)) {
      throw new ParleyError(
        'conflict',
        `the annotations for ${layer.docId} were made for a different version of its text; they are shown read-only and never re-applied`,
        ws().layerPath(layer.annotator, layer.docId),
      );
    }
  }

  /** Checks a change against the text and schema and applies it to a layer (in an edit or a bulk change). */
  function applyTo(l: Layer, change: Change, text: string): void {
    refuseStale(l);
    checkChange(change, text, ws().schema);
    commitChange(l, change);
    // Suggestions change nothing until accepted, the status included.
    if (l.status === 'not_started' && change.op !== 'setStatus' && !onlySuggestions(change)) l.status = 'in_progress';
  }

  /** One change of one layer (the analyst's own, or gold), through the layer's owner. */
  async function commit(docId: string, change: Change, layer?: 'own' | 'gold', baseRevision?: number): Promise<{ history: HistoryState; revision: number }> {
    const { text } = await ws().document(docId);
    return ws().editLayer(annotatorOf(layer), docId, (l) => {
      checkRevision(l.revision ?? 0, baseRevision, `layer of ${l.annotator} on ${docId}`, ws().layerPath(l.annotator, docId));
      applyTo(l, change, text);
      return { history: historyOf(l), revision: (l.revision ?? 0) + 1 };
    });
  }

  /** A review decision, built against gold as it is when the change is applied, so decisions queued one after another compose. */
  async function decideInGold(docId: string, build: (gold: GoldState) => Change): Promise<HistoryState> {
    const { text } = await ws().document(docId);
    return ws().editLayer(GOLD, docId, (l) => {
      applyTo(l, build(goldStateOf(l)), text);
      return historyOf(l);
    });
  }

  /** Applies `edit` to the mentions of every layer of every annotator, inside one bulk change. */
  async function rewriteAllLayers(tx: BulkChange, edit: (mentions: Mention[]) => Mention[] | null): Promise<void> {
    for (const annotator of await ws().annotators()) {
      for (const docId of await ws().layerIds(annotator)) {
        if (!ws().has(docId)) continue;
        const { layer } = await tx.layer(annotator, docId);
        const next = edit(layer.mentions);
        if (!next) continue;
        layer.mentions = next;
        // Undo entries refer to the old labels; a schema change starts the history afresh.
        layer.history = { undo: [], redo: [] };
        tx.setLayer(layer);
      }
    }
  }

  function existsLayer(docId: string): boolean {
    return existsSync(ws().layerPath(session.annotator, docId));
  }

  async function pendingSuggestions(entityId?: string): Promise<Suggestion[]> {
    const out: Suggestion[] = [];
    for (const docId of await ws().layerIds(session.annotator)) {
      if (!ws().has(docId)) continue;
      const layer = (await ws().layer(session.annotator, docId)).data;
      const pending = layer.mentions.filter((m) => m.pending && (!entityId || m.entityId === entityId));
      if (pending.length === 0) continue;
      const doc = await ws().document(docId);
      for (const m of pending) out.push(suggestionOf(doc.id, doc.title, doc.text, m));
    }
    return out;
  }

  return {
    ...createDatasetHandlers(session),
    ...createSuggestHandlers(recommender),
    ...createSearchHandlers(session),
    ...createSyncHandlers(session, session.host.tokens),
    ...createSchemeHandlers(session),
    'workspace.info': async () => session.info(),
    'workspace.pickFolder': async () => (session.host.pickFolder ? { native: true, path: await session.host.pickFolder() } : { native: false, path: null }),
    'workspace.open': async ({ path, create }) => {
      await session.open(path, create);
      return session.info();
    },
    'documents.list': async () => list.all(ws(), session.annotator),
    'documents.page': async (query) => list.page(ws(), session.annotator, DocumentPageQuerySchema.parse(query)),
    'documents.open': async ({ docId, mentionsBefore, textBefore }) => {
      // Read side by side: on a first open of a long document both files are large.
      const [whole, db] = await Promise.all([ws().document(docId), ws().layer(session.annotator, docId)]);
      const { history: _history, ...layer } = db.data;
      // A long document opens with its first screens, their text and their mentions; the rest follows in documents.text and annotations.get.
      const textEnd = textBefore === undefined ? whole.text.length : lineEndFrom(whole.text, textBefore);
      const document = textEnd === whole.text.length ? whole : { ...whole, text: whole.text.slice(0, textEnd) };
      const cut = mentionsBefore === undefined ? layer.mentions.length : firstStartingAt(layer.mentions, Math.max(mentionsBefore, textBefore === undefined ? 0 : textEnd));
      const complete = cut === layer.mentions.length;
      return {
        document,
        layer: complete ? layer : { ...layer, mentions: layer.mentions.slice(0, cut) },
        history: historyOf(db.data),
        stale: ws().isStale(db.data),
        complete,
        chars: whole.text.length,
      };
    },
    'documents.text': async ({ docId, from, chars }) => {
      const { text } = await ws().document(docId);
      if (from > text.length) throw new ParleyError('invalid_argument', `${docId} has ${text.length} characters: no text from ${from}`);
      return { text: text.slice(from, lineEndFrom(text, from + chars)) };
    },
    'annotations.get': async ({ docId }) => {
      const { mentions, frames } = (await ws().layer(session.annotator, docId)).data;
      return { mentions, frames };
    },
    'annotations.change': async ({ docId, change, layer, baseRevision }) => {
      const result = await commit(docId, change, layer, baseRevision);
      // A document marked done teaches the recommender: it retrains in its worker, off this thread.
      if (change.op === 'setStatus' && change.after === 'done') recommender.retrainSoon();
      return result;
    },
    'annotations.undo': async ({ docId, layer, baseRevision }) =>
      ws().editLayer(annotatorOf(layer), docId, (l) => {
        checkRevision(l.revision ?? 0, baseRevision, `layer of ${l.annotator} on ${docId}`, ws().layerPath(l.annotator, docId));
        refuseStale(l);
        const change = undo(l);
        return { change, history: historyOf(l), revision: (l.revision ?? 0) + 1 };
      }),
    'annotations.redo': async ({ docId, layer, baseRevision }) =>
      ws().editLayer(annotatorOf(layer), docId, (l) => {
        checkRevision(l.revision ?? 0, baseRevision, `layer of ${l.annotator} on ${docId}`, ws().layerPath(l.annotator, docId));
        refuseStale(l);
        const change = redo(l);
        return { change, history: historyOf(l), revision: (l.revision ?? 0) + 1 };
      }),
    'schema.save': async ({ schema, baseRevision }) => {
      checkSchema(schema);
      const before = ws().schema;
      for (const l of before.labels) {
        if (!schema.labels.some((n) => n.name === l.name)) {
          throw new ParleyError('invalid_argument', `label ${l.name} would disappear: rename or delete labels with their own commands, so their mentions are kept`);
        }
      }
      await ws().saveSchema(schema, baseRevision);
      return ws().schema;
    },
    'schema.labelUse': async () => {
      const use = new Map<string, { mentions: number; docs: Set<string> }>();
      for (const annotator of await ws().annotators()) {
        for (const docId of await ws().layerIds(annotator)) {
          if (!ws().has(docId)) continue;
          for (const m of (await ws().layer(annotator, docId)).data.mentions) {
            const u = use.get(m.label) ?? { mentions: 0, docs: new Set<string>() };
            u.mentions++;
            u.docs.add(docId);
            use.set(m.label, u);
          }
        }
      }
      return ws().schema.labels.map((l) => ({ label: l.name, mentions: use.get(l.name)?.mentions ?? 0, documents: use.get(l.name)?.docs.size ?? 0 }));
    },
    'schema.renameLabel': async ({ from, to }) => {
      if (from === to) return ws().schema;
      // A rename is a schema migration: every layer, the registry's types and frame roles, in one step that sync carries.
      return (await runSchemaMigration(ws(), { op: 'renameLabel', from, to }, session.annotator)).schema;
    },
    'schema.deleteLabel': async ({ name, mentions, relabelTo }) => {
      const schema = structuredClone(ws().schema);
      if (!schema.labels.some((l) => l.name === name)) throw new ParleyError('not_found', `no label ${name}`);
      if (mentions === 'relabel') {
        if (!relabelTo || relabelTo === name || !schema.labels.some((l) => l.name === relabelTo)) {
          throw new ParleyError('invalid_argument', `choose another existing label to move the ${name} mentions to`);
        }
      }
      schema.labels = schema.labels.filter((l) => l.name !== name);
      for (const t of schema.frameTypes) for (const r of t.roles) r.mentionLabels = r.mentionLabels.filter((n) => n !== name);
      await ws().bulk(`deletion of label ${name}`, async (tx) => {
        if (mentions === 'relabel') {
          await rewriteAllLayers(tx, (ms) => (ms.some((m) => m.label === name) ? ms.map((m) => (m.label === name ? { ...m, label: relabelTo! } : m)) : null));
        } else {
          await rewriteAllLayers(tx, (ms) => (ms.some((m) => m.label === name) ? ms.filter((m) => m.label !== name) : null));
        }
        (await tx.schema()).schema = schema;
      });
      return ws().schema;
    },
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
    'review.annotators': async () => annotatorSummaries(ws()),
    'review.document': async ({ docId, annotators }) => reviewDocument(ws(), docId, annotators, historyOf),
    'review.agreement': async ({ annotators, docId }) => agreementFor(ws(), annotators, docId),
    'review.decideMention': async ({ docId, annotators, key, decision }) => ({
      history: await decideInGold(docId, mentionDecision(await reviewState(ws(), docId, annotators), key, decision)),
    }),
    'review.decideFrame': async ({ docId, annotators, key, decision }) => ({
      history: await decideInGold(docId, frameDecision(await reviewState(ws(), docId, annotators), key, decision)),
    }),
    'review.acceptAgreed': async ({ docId, annotators }) => {
      const r = await acceptAgreedChange(ws(), docId, annotators);
      if (!r) return { mentions: 0, frames: 0, history: historyOf((await ws().layer(GOLD, docId)).data) };
      return { mentions: r.mentions, frames: r.frames, ...(await commit(docId, r.change, 'gold')) };
    },
    'review.progress': async ({ annotators }) => reviewProgress(ws(), annotators),
    'entities.list': async () => [...ws().entities],
    'entities.save': async ({ entity, baseRevision }) => {
      const aliases = [...new Set(entity.aliases.map((a) => a.trim()).filter((a) => a && a !== entity.name))];
      const clean: Entity = { ...entity, name: entity.name.trim(), aliases };
      await ws().saveEntities((current) => [...current.filter((e) => e.id !== clean.id), clean].sort((a, b) => a.name.localeCompare(b.name)), baseRevision);
      return clean;
    },
    'entities.delete': async ({ id }) => {
      await ws().bulk(`deletion of entity ${id}`, async (tx) => {
        await rewriteAllLayers(tx, (ms) => (ms.some((m) => m.entityId === id) ? ms.map((m) => (m.entityId === id ? withoutEntity(m) : m)) : null));
        const registry = await tx.entities();
        registry.entities = registry.entities.filter((e) => e.id !== id);
      });
      return [...ws().entities];
    },
    'entities.findMentions': async ({ entityId, docId }) => {
      const entity = ws().entities.find((e) => e.id === entityId);
      if (!entity) throw new ParleyError('not_found', `no entity ${entityId}`);
      if (!ws().schema.labels.some((l) => l.name === entity.type)) {
        throw new ParleyError('invalid_argument', `the entity's type ${entity.type} is not a label in the schema`);
      }
      const names = [entity.name, ...entity.aliases].sort((a, b) => b.length - a.length);
      // The current document first, so its suggestions are listed at the top.
      const order = [docId, ...ws().entries.map((e) => e.id).filter((id) => id !== docId)];
      const created: Suggestion[] = [];
      await ws().bulk(`suggestions for ${entity.name}`, async (tx) => {
        for (const id of order) {
          const doc = await ws().document(id);
          const { layer } = await tx.layer(session.annotator, id);
          if (ws().isStale(layer)) continue;
          const taken = layer.mentions.map((m) => [m.start, m.end] as const);
          const found: Mention[] = [];
          for (const name of names) {
            for (const start of findWholeWord(doc.text, name)) {
              const end = start + name.length;
              // Skip spans already labelled, and shorter aliases inside a longer one just found.
              if (taken.some(([s, e]) => s === start && e === end) || found.some((m) => m.start < end && start < m.end)) continue;
              if (layer.mentions.some((m) => m.entityId === entityId && m.start <= start && end <= m.end)) continue;
              found.push({
                id: newId('m'),
                label: entity.type,
                start,
                end,
                quote: name,
                entityId,
                origin: 'suggested',
                pending: true,
                author: session.annotator,
                createdAt: new Date().toISOString(),
              });
            }
          }
          if (found.length === 0) continue;
          applyTo(layer, { op: 'batch', title: `suggest ${found.length} mentions of ${entity.name}`, changes: found.map((mention) => ({ op: 'addMention', mention })) }, doc.text);
          tx.setLayer(layer);
          for (const m of found) created.push(suggestionOf(id, doc.title, doc.text, m));
        }
      });
      return created;
    },
    'entities.pendingMentions': async ({ entityId }) => pendingSuggestions(entityId),
    'entities.decideMentions': async ({ items, accept }) => {
      const byDoc = new Map<string, Set<string>>();
      for (const { docId, mentionId } of items) {
        const set = byDoc.get(docId) ?? new Set<string>();
        set.add(mentionId);
        byDoc.set(docId, set);
      }
      let decided = 0;
      await ws().bulk(`${accept ? 'acceptance' : 'rejection'} of suggestions`, async (tx) => {
        for (const [docId, ids] of byDoc) {
          const { layer } = await tx.layer(session.annotator, docId);
          refuseStale(layer);
          const changes: Change[] = [];
          for (const m of layer.mentions) {
            if (!m.pending || !ids.has(m.id)) continue;
            if (accept) {
              const { pending: _pending, ...after } = m;
              changes.push({ op: 'updateMention', before: m, after });
            } else changes.push({ op: 'removeMention', mention: m });
          }
          if (changes.length === 0) continue;
          decided += changes.length;
          const { text } = await ws().document(docId);
          applyTo(layer, { op: 'batch', title: `${accept ? 'accept' : 'reject'} ${changes.length} suggestion${changes.length > 1 ? 's' : ''}`, changes }, text);
          tx.setLayer(layer);
        }
      });
      return { decided };
    },
    'settings.setAnnotator': async ({ annotator }) => {
      await session.settings.update((s) => {
        s.annotator = annotator;
      });
      return session.info();
    },
    'settings.setLastDocument': async ({ docId }) => {
      ws().entry(docId);
      await session.settings.update((s) => {
        s.lastDocuments[ws().root] = docId;
      });
      return null;
    },
    'settings.appearance': async () => session.settings.appearance,
    'settings.setAppearance': async ({ appearance }) => {
      await session.settings.update((s) => {
        s.appearance = AppearanceSchema.parse(appearance);
      });
      return session.settings.appearance;
    },
  };
}

/** Index of the first mention starting at or after `offset` (mentions are kept sorted by start). */
function firstStartingAt(mentions: readonly Mention[], offset: number): number {
  let lo = 0;
  let hi = mentions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (mentions[mid].start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function withoutEntity(m: Mention): Mention {
  const { entityId: _entityId, ...rest } = m;
  return rest;
}

function suggestionOf(docId: string, title: string, text: string, m: Mention): Suggestion {
  const from = Math.max(0, m.start - 40);
  const to = Math.min(text.length, m.end + 40);
  return { docId, title, mentionId: m.id, start: m.start, end: m.end, quote: m.quote, context: text.slice(from, to).replace(/\s+/g, ' ') };
}

function toErrorShape(e: unknown): ApiErrorShape {
  if (e instanceof ParleyError) return e.toJSON();
  // The layer is not in the state the change was made on (a mention added twice, one already gone).
  if (e instanceof ChangeConflict) return { code: 'conflict', message: e.message };
  const full = diskFull(e);
  if (full) return full.toJSON();
  return { code: 'internal', message: e instanceof Error ? e.message : String(e) };
}

/** Validates and runs one call. Never throws: errors come back in the envelope. */
export async function dispatch(handlers: Handlers, method: string, rawArgs: unknown): Promise<Envelope<unknown>> {
  if (!isMethodName(method)) return { ok: false, error: { code: 'invalid_argument', message: `unknown method ${method.slice(0, 200)}` } };
  const problem = boundaryProblem(rawArgs);
  if (problem) return { ok: false, error: { code: 'invalid_argument', message: `${method}: ${problem}` } };
  const parsed = contract[method].args.safeParse(rawArgs ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
    return { ok: false, error: { code: 'invalid_argument', message: `${method}: ${where}${issue.message}` } };
  }
  try {
    const handler = handlers[method] as (args: unknown) => Promise<unknown>;
    return { ok: true, value: await handler(parsed.data) };
  } catch (e) {
    return { ok: false, error: toErrorShape(e) };
  }
}
