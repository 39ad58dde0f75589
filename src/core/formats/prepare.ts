/**
 * The export side shared by all writers: which mentions and frames a format
 * may write, the entities a document refers to, and the export report.
 * Writers drop what their own reader would reject, so every exported file
 * reads back.
 */
import { GOLD, type Entity, type Frame, type Mention } from '../model';
import { CodePointIndex } from '../text';
import type { SchemaIndex } from './schema';
import { hasRole } from './schema';
import type { DatasetDocument, DroppedMention, ExportReport } from './types';

/** How many dropped mentions a report names one by one. */
export const MAX_LISTED_DROPS = 10_000;

export class ReportBuilder {
  documents = 0;
  mentions = 0;
  frames = 0;
  private readonly dropped = new Map<string, number>();
  private readonly counted = new Map<string, number>();
  private readonly fixed: string[] = [];
  private readonly listed: DroppedMention[] = [];
  private unlisted = 0;

  /** Names one dropped mention; past MAX_LISTED_DROPS only counts, so memory stays flat on a large corpus. */
  list(d: DroppedMention): void {
    if (this.listed.length < MAX_LISTED_DROPS) this.listed.push(d);
    else this.unlisted++;
  }

  drop(reason: string, count = 1): void {
    if (count > 0) this.dropped.set(reason, (this.dropped.get(reason) ?? 0) + count);
  }

  /** Counts an event that is worth a note but not a drop; `template` holds {n}. */
  count(template: string, n = 1): void {
    if (n > 0) this.counted.set(template, (this.counted.get(template) ?? 0) + n);
  }

  /** Takes back mentions or frames already counted as written, because the format had to leave them out after all. */
  unwrite(kind: 'mentions' | 'frames', reason: string, count = 1): void {
    this[kind] -= count;
    this.drop(reason, count);
  }

  note(text: string): void {
    this.fixed.push(text);
  }

  report(): ExportReport {
    return {
      documents: this.documents,
      mentions: this.mentions,
      frames: this.frames,
      dropped: [...this.dropped].map(([reason, count]) => ({ reason, count })),
      notes: [
        ...this.fixed,
        ...[...this.counted].map(([t, n]) => t.replace('{n}', String(n))),
        ...(this.unlisted ? [`${this.unlisted} more dropped mention(s) are counted but not listed`] : []),
      ],
      ...(this.listed.length ? { droppedMentions: this.listed } : {}),
    };
  }
}

export interface ExportableLayer {
  mentions: Mention[];
  frames: Frame[];
  /** Set when the format counts in code points; built once per document. */
  codePoints: CodePointIndex | null;
}

function spanOk(text: string, start: number, end: number, quote: string): boolean {
  return Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end - start === quote.length && end <= text.length && text.startsWith(quote, start);
}

/**
 * The mentions and frames of a document a format can write. Pending
 * suggestions are left out; mentions and frames that are invalid, not in the
 * schema, or (for code-point formats) split a surrogate pair are dropped and
 * counted, and so are frames whose mention or frame fillers were not written.
 * A format that cannot write a mention's several fragments (`fragments`
 * false) writes it as one span, first to last, and says so in the report.
 */
export function exportable(doc: DatasetDocument, schema: SchemaIndex, report: ReportBuilder, codePoints: boolean, fragments = false): ExportableLayer {
  const text = doc.document.text;
  const index = codePoints ? new CodePointIndex(text) : null;
  const splits = (n: number) => index !== null && index.splitsPair(n);
  const mentions: Mention[] = [];
  const written = new Set<string>();
  let pending = 0;
  for (const m of doc.mentions) {
    if (m.pending === true) pending++;
    else if (!spanOk(text, m.start, m.end, m.quote)) report.drop('mention offsets or quote do not match the text');
    else if (!schema.labels.has(m.label)) report.drop('mention label not in the schema');
    else if (splits(m.start) || splits(m.end) || m.fragments?.some(([s, e]) => splits(s) || splits(e))) report.drop('mention boundary splits an emoji or other astral character');
    else if (written.has(m.id)) report.drop('mention id used twice in one document');
    else {
      mentions.push(m);
      written.add(m.id);
      if (m.fragments && !fragments) report.count('{n} mention(s) with several fragments were written as one span from the first fragment to the last (the format has no discontinuous spans)');
    }
  }
  report.count('{n} pending suggestion(s) were left out', pending);
  let frames: Frame[] = [];
  const frameIds = new Set<string>();
  for (const f of doc.frames) {
    const def = schema.frameTypes.get(f.type);
    const ev = f.evidence;
    if (!def) report.drop('frame type not in the schema');
    else if (!spanOk(text, ev.start, ev.end, ev.quote)) report.drop('frame evidence offsets or quote do not match the text');
    else if (splits(ev.start) || splits(ev.end)) report.drop('frame evidence splits an emoji or other astral character');
    else if (Object.keys(f.roles).some((r) => !hasRole(def, r))) report.drop('frame role not in the schema');
    else if (Object.values(f.roles).some((fillers) => fillers.some((x) => x.kind === 'mention' && !written.has(x.mentionId)))) {
      report.drop('frame refers to a mention that is pending, dropped or missing');
    } else if (frameIds.has(f.id)) report.drop('frame id used twice in one document');
    else {
      frames.push(f);
      frameIds.add(f.id);
    }
  }
  // A frame whose frame filler (a nested event) was left out goes too, and so on up.
  for (let cut = true; cut; ) {
    const before = frames.length;
    frames = frames.filter((f) => Object.values(f.roles).every((fillers) => fillers.every((x) => x.kind !== 'frame' || frameIds.has(x.frameId))));
    cut = frames.length < before;
    if (cut) {
      report.drop('frame refers to a frame that was dropped or is missing', before - frames.length);
      frameIds.clear();
      for (const f of frames) frameIds.add(f.id);
    }
  }
  report.documents++;
  report.mentions += mentions.length;
  report.frames += frames.length;
  return { mentions, frames, codePoints: index };
}

/** Entities the layer links to, in order of first reference; unknown ids are counted in the report. */
export function referencedEntities(layer: ExportableLayer, registry: Map<string, Entity>, report: ReportBuilder): Entity[] {
  const ids = new Set<string>();
  for (const m of layer.mentions) if (m.entityId !== undefined) ids.add(m.entityId);
  for (const f of layer.frames) for (const fillers of Object.values(f.roles)) for (const x of fillers) if (x.kind === 'entity') ids.add(x.entityId);
  const found: Entity[] = [];
  for (const id of ids) {
    const e = registry.get(id);
    if (e) found.push(e);
    else report.count('{n} link(s) to entities missing from the registry were kept as bare ids');
  }
  return found;
}

export function entityMap(entities: Entity[]): Map<string, Entity> {
  return new Map(entities.map((e) => [e.id, e]));
}

type ProvenanceRecord = { from?: readonly string[]; author: string; createdAt: string; attrs?: Readonly<Record<string, string>>; handEdits?: Frame['handEdits'] };

/** How a gold record was decided, in the words the CSV's `decision` column uses. */
export type GoldDecisionKind = 'agreed by all' | 'accepted' | 'edited by hand';

/**
 * How a gold record was decided: every analyst agreed and "accept everything
 * all agree on" took it; the adjudicator accepted some analysts' version; or
 * the adjudicator made it (a relabel, a mention added to gold by hand).
 * Null for an analyst's own record.
 */
export function goldDecision(record: ProvenanceRecord, layerAnnotator: string): GoldDecisionKind | null {
  if (record.from === undefined && layerAnnotator !== GOLD) return null;
  // A mention's decision is kept in its `adjudicated` attribute; a frame's attributes are the schema's.
  const decision = 'evidence' in record ? '' : (record.attrs?.adjudicated ?? '');
  if (!record.from?.length || decision.startsWith('edit:')) return 'edited by hand';
  return decision === 'agreed' || decision === 'agreed:link' ? 'agreed by all' : 'accepted';
}

const names = (list: readonly string[]) => (list.length === 1 ? list[0] : `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`);

/**
 * Where a gold record came from, in words: "from ana and ben, decided by lead
 * at 2026-…", "from ana and ben, agreed by all, decided by …", "edited by
 * hand by lead at …" (a relabel adds whose span it was), and for a frame
 * each attribute set by hand ("; Polarity edited by hand by lead at …").
 * Null for an analyst's own record, which says nothing more than its author.
 */
export function provenanceText(record: ProvenanceRecord, layerAnnotator: string): string | null {
  const kind = goldDecision(record, layerAnnotator);
  if (kind === null) return null;
  const when = `${record.author} at ${record.createdAt}`;
  const from = record.from ?? [];
  const head =
    kind === 'edited by hand'
      ? `edited by hand by ${when}${from.length ? ` (span from ${names(from)})` : ''}`
      : `from ${names(from)}${kind === 'agreed by all' ? ', agreed by all' : ''}, decided by ${when}`;
  const byHand = (record.handEdits ?? []).map((e) => `${e.field} edited by hand by ${e.by} at ${e.at}`);
  return [head, ...byHand].join('; ');
}
