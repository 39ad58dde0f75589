/**
 * Where gold differs from one analyst: their layer and gold compared as two
 * annotators are in review (mention by mention, frame by frame), each
 * difference with what the analyst said, what gold says, who decided it and
 * the adjudicator's note, and the differences counted per label. What an
 * analyst reads to learn from adjudication.
 */
import type { Frame, Mention } from './model';
import { frameReviewItems, keyParts, reviewItems, type ReviewLayerInput } from './review';

export type GoldDifferenceKind =
  /** Gold has it; the analyst has nothing there. */
  | 'added'
  /** The analyst has it; gold has nothing there. */
  | 'left-out'
  /** Same span, another label. */
  | 'label'
  /** Overlapping, other spans. */
  | 'span'
  /** Same span and label; the entity link, note or attributes differ. */
  | 'link'
  /** The same frame in both, some field differs. */
  | 'fields';

export const GOLD_DIFFERENCE_NAMES: Record<GoldDifferenceKind, string> = {
  added: 'gold added',
  'left-out': 'gold left out',
  label: 'other label in gold',
  span: 'other span in gold',
  link: 'other link or note in gold',
  fields: 'frame fields differ',
};

export interface GoldDifference {
  docId: string;
  kind: GoldDifferenceKind;
  type: 'mention' | 'frame';
  start: number;
  end: number;
  /** The label (a frame's type) it is counted under: the analyst's, else gold's. */
  label: string;
  /** What the analyst said, and what gold says, in words. */
  mine: string[];
  gold: string[];
  /** For a frame: the fields that differ. */
  fields?: string[];
  /** Who decided gold here and the analysts it came from, as its records say. */
  decidedBy: string[];
  from: string[];
  /** The adjudicator's notes on the gold records here. */
  notes: string[];
}

export interface LabelCount {
  label: string;
  total: number;
  kinds: Partial<Record<GoldDifferenceKind, number>>;
}

export interface GoldDifferences {
  annotator: string;
  /** Documents that have both the analyst's layer and gold. */
  documents: number;
  /** The titles of the documents with differences. */
  titles: Record<string, string>;
  differences: GoldDifference[];
  /** Per label: how many differences, by kind. */
  byLabel: LabelCount[];
}

/** A mention in words, with the entity it links to; the analyst's note with it (gold's is the adjudicator's note, given apart). */
function mentionText(m: Mention, entityName: (id: string) => string, withNote = true): string {
  const entity = m.entityId ? ` → ${entityName(m.entityId)}` : '';
  return `${m.label} “${m.quote}”${entity}${withNote && m.note?.trim() ? ` (note: ${m.note.trim()})` : ''}`;
}

function frameText(f: Frame): string {
  // An attribute gold records as set by hand says by whom: the adjudicator's own value, not an analyst's.
  const byHand = new Map((f.handEdits ?? []).map((e) => [e.field, e.by]));
  const attrs = Object.entries(f.attrs).map(([k, v]) => `${k}: ${v}${byHand.has(k) ? ` (set by hand by ${byHand.get(k)})` : ''}`);
  return [`${f.type} “${f.evidence.quote}”`, ...attrs].join(' · ');
}

const unique = (xs: readonly (string | undefined)[]) => [...new Set(xs.filter((x): x is string => !!x))];

function provenance(records: readonly (Mention | Frame)[]): Pick<GoldDifference, 'decidedBy' | 'from' | 'notes'> {
  return {
    decidedBy: unique(records.map((r) => r.author)),
    from: unique(records.flatMap((r) => r.from ?? [])),
    notes: unique(records.map((r) => r.note?.trim())),
  };
}

/** Gold as compared: its records, and what it has decided (a mention or frame gold lacks is a difference only once decided). */
export interface GoldInput extends ReviewLayerInput {
  decisions: Readonly<Record<string, string>>;
  /** The lead marked the document reviewed: everything gold lacks was left out. */
  reviewed: boolean;
}

/** Whether gold has decided on a mention or frame of the analyst's (a decision names it, or the document is reviewed). */
function decidedOn(gold: GoldInput, me: string, what: { mention: Mention } | { frame: Frame }): boolean {
  if (gold.reviewed) return true;
  const keys = Object.keys(gold.decisions);
  if ('mention' in what) {
    const part = `${me}=${what.mention.start}-${what.mention.end}:${what.mention.label}`;
    return keys.some((k) => keyParts(k).has(part));
  }
  // A frame item's key names its type and the range of the frames' evidence.
  const { type, evidence } = what.frame;
  return keys.some((k) => {
    const m = /^frame:(.+):(\d+)-(\d+):[^:]+$/.exec(k);
    return m !== null && m[1] === type && Number(m[2]) <= evidence.start && evidence.end <= Number(m[3]);
  });
}

/**
 * One document's differences between an analyst's layer and gold. What the analyst has and gold lacks counts only
 * where gold has decided (a decision names it, or the document is marked reviewed): an item not yet decided is not one
 * gold left out.
 */
export function documentGoldDifferences(
  docId: string,
  mine: ReviewLayerInput,
  gold: GoldInput,
  order?: ReadonlyMap<string, { roles: string[]; attributes: string[] }>,
  entityName: (id: string) => string = (id) => id,
): GoldDifference[] {
  const me = mine.annotator;
  const pair = [mine, { ...gold, annotator: '\u0000gold' }];
  const out: GoldDifference[] = [];
  for (const item of reviewItems(pair)) {
    if (item.kind === 'agree') continue;
    const m = item.byAnnotator[me] ?? [];
    const g = item.byAnnotator['\u0000gold'] ?? [];
    const kind: GoldDifferenceKind = !m.length ? 'added' : !g.length ? 'left-out' : item.kind === 'label' ? 'label' : item.kind === 'link' ? 'link' : 'span';
    if (kind === 'left-out' && !m.some((x) => decidedOn(gold, me, { mention: x }))) continue;
    out.push({ docId, kind, type: 'mention', start: item.start, end: item.end, label: (m[0] ?? g[0]).label, mine: m.map((x) => mentionText(x, entityName)), gold: g.map((x) => mentionText(x, entityName, false)), ...provenance(g) });
  }
  for (const item of frameReviewItems(pair, order)) {
    if (item.kind === 'agree') continue;
    const m = item.byAnnotator[me];
    const g = item.byAnnotator['\u0000gold'];
    const kind: GoldDifferenceKind = !m ? 'added' : !g ? 'left-out' : 'fields';
    if (kind === 'left-out' && !decidedOn(gold, me, { frame: m })) continue;
    out.push({
      docId,
      kind,
      type: 'frame',
      start: item.start,
      end: item.end,
      label: item.type,
      mine: m ? [frameText(m)] : [],
      gold: g ? [frameText(g)] : [],
      ...(kind === 'fields' ? { fields: item.fields.filter((f) => !f.same).map((f) => f.name) } : {}),
      ...provenance(g ? [g] : []),
    });
  }
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Every document's differences, and their counts per label (most first). */
export function goldDifferences(annotator: string, documents: number, differences: GoldDifference[], titles: Record<string, string>): GoldDifferences {
  const counts = new Map<string, LabelCount>();
  for (const d of differences) {
    const c = counts.get(d.label) ?? { label: d.label, total: 0, kinds: {} };
    c.total++;
    c.kinds[d.kind] = (c.kinds[d.kind] ?? 0) + 1;
    counts.set(d.label, c);
  }
  const byLabel = [...counts.values()].sort((a, b) => b.total - a.total || (a.label < b.label ? -1 : 1));
  return { annotator, documents, titles, differences, byLabel };
}
