/**
 * The stance and agreement network of a corpus: what it is made of and the
 * filters that choose which frames make it.
 */
import { z } from 'zod';
import { STATUSES, type DocumentStatus, type Frame, type Mention } from '../model';

export const EDGE_KINDS = ['stance', 'agreement', 'congruence', 'conflict'] as const;
export type EdgeKind = (typeof EDGE_KINDS)[number];

/** entity: a registry entity; mention: the normalised words of mentions linked to no entity; topic: a free-text topic. */
export type NodeKind = 'entity' | 'mention' | 'topic';

export interface NetworkNode {
  /** `entity:<id>`, `text:<normalised words>` or `topic:<normalised words>`. */
  id: string;
  label: string;
  kind: NodeKind;
  /** The entity's type, the mention's label, or `topic`. */
  type: string;
  entityId: string | null;
  /** True for a node made of mentions linked to no entity. */
  unlinked: boolean;
  /** Sum of the weights of its edges, each kind counted. */
  weightedDegree: number;
  first: string | null;
  last: string | null;
}

export interface NetworkEdge {
  /** Stable: kind, ends and value. */
  id: string;
  kind: EdgeKind;
  source: string;
  target: string;
  directed: boolean;
  /** The frame type it comes from (stance and agreement edges); empty for derived ones. */
  frameType: string;
  /** Polarity (stance, congruence: the shared one; conflict: `favor/against`) or status (agreement). */
  value: string;
  /** Number of frames (stance, agreement) or of statement pairs (congruence, conflict). */
  weight: number;
  /** Agreement topics; the shared targets of congruence and conflict. */
  topics: string[];
  /** Document ids, in article order. */
  documents: string[];
  /** First and last article dates (YYYY-MM-DD), null where no article has a date. */
  first: string | null;
  last: string | null;
  /** Indices into `Network.frames`, in article order. */
  frames: number[];
}

/** One frame that made an edge, enough to list it and open it at its evidence. */
export interface NetworkFrame {
  docId: string;
  docTitle: string;
  date: string | null;
  /** Position of its document in article order (by date, then title). */
  order: number;
  frameId: string;
  type: string;
  value: string;
  evidence: { start: number; end: number; quote: string };
  summary: string;
}

export interface NetworkDocument {
  id: string;
  title: string;
  date: string | null;
  order: number;
}

export interface Network {
  nodes: NetworkNode[];
  edges: NetworkEdge[];
  frames: NetworkFrame[];
  /** The documents whose frames were read, in article order. */
  documents: NetworkDocument[];
  /** Complete frames read, and frames left out because they are incomplete. */
  counted: number;
  incomplete: number;
}

/** What the build reads of one document: its entry and one layer. */
export interface NetworkSourceDoc {
  id: string;
  title: string;
  date?: string;
  status: DocumentStatus;
  frames: readonly Frame[];
  mentions: readonly Mention[];
}

export const NetworkFilterSchema = z
  .object({
    /** Whose layer: an annotator's name or 'gold'; the current analyst when left out. */
    annotator: z.string().min(1).max(64).optional(),
    statuses: z.array(z.enum(STATUSES)).optional(),
    /** Inclusive, YYYY-MM-DD (or any prefix of an ISO date); documents without a date are left out when either is set. */
    from: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'a date like 2024-03-01').optional(),
    to: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'a date like 2024-03-31').optional(),
    frameTypes: z.array(z.string().min(1).max(100)).optional(),
    /** Polarities and statuses to keep (stance and agreement frames); derived edges follow their stances. */
    values: z.array(z.string().min(1).max(100)).optional(),
    kinds: z.array(z.enum(EDGE_KINDS)).optional(),
    minWeight: z.number().int().min(1).optional(),
  })
  .strict();
export type NetworkFilter = z.infer<typeof NetworkFilterSchema>;
