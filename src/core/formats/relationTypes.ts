/**
 * Relation and equivalence types a file uses that the workspace schema
 * lacks (brat's R and `*` lines, doccano's and Label Studio's relations,
 * WebAnno relation layers), decided through the label map like any unknown
 * label: `--add-labels` adds the type as a frame type with the file's role
 * names (brat's Arg1 and Arg2 when the file names none), `--map X=-` drops
 * its relations, and an undecided one stops the import or, for the import
 * plan, is listed.
 */
import type { FrameTypeDef, RelationKind } from '../model';
import { InputError } from './input';
import { PALETTE, type LabelMapping, type LabelOutcome } from './labelmap';
import type { SchemaIndex } from './schema';

/** brat's argument names, for files that name no roles (doccano, Label Studio). */
export const DEFAULT_ROLES: readonly [string, string] = ['Arg1', 'Arg2'];
/** The one role of an equivalence type. */
export const MEMBER_ROLE = 'Member';

/** A relation or equivalence type as a frame type: roles that take any mention, the source and target one each, members two or more. */
export function relationTypeDef(name: string, kind: RelationKind, roles: readonly string[], color: string, mentionLabels: string[][] = []): FrameTypeDef {
  const role = (r: string, i: number) => ({
    name: r,
    mentionLabels: mentionLabels[i] ?? [],
    allowMention: true,
    allowEntity: false,
    allowTopic: false,
    min: kind === 'equivalence' ? 2 : 1,
    max: kind === 'equivalence' ? null : 1,
  });
  const names = kind === 'equivalence' ? [MEMBER_ROLE] : roles.length === 2 && roles[0] !== roles[1] ? roles : DEFAULT_ROLES;
  return { name, key: '', color, roles: names.map(role), attributes: [], relation: kind };
}

interface Entry {
  def: FrameTypeDef;
  decision: 'add' | 'drop' | 'undecided';
  count: number;
  firstDocument?: string;
  declared: boolean;
}

export class RelationTypes {
  private readonly entries = new Map<string, Entry>();
  private readonly add: Set<string>;
  private readonly map: Map<string, string | null>;
  private readonly listUndecided: boolean;

  constructor(
    private readonly schema: SchemaIndex,
    mapping: LabelMapping = {},
  ) {
    this.add = new Set(mapping.add ?? []);
    this.map = new Map(Object.entries(mapping.map ?? {}));
    this.listUndecided = mapping.undecided === 'list';
  }

  private entry(def: FrameTypeDef, declared: boolean): Entry {
    const decision = this.add.has(def.name) ? 'add' : this.map.has(def.name) && this.map.get(def.name) === null ? 'drop' : 'undecided';
    const e: Entry = { def, decision, count: 0, declared };
    // An added type is known to the rest of the import as if the workspace had it.
    if (decision === 'add') this.schema.frameTypes.set(def.name, def);
    this.entries.set(def.name, e);
    return e;
  }

  /** Whether the import decides on this type (the workspace lacks it), so each use is counted. */
  tracks(name: string): boolean {
    return this.entries.has(name);
  }

  /** A type the files' own schema declares (brat's annotation.conf [relations]); offered when no annotation uses it. */
  declare(def: FrameTypeDef): void {
    if (!this.schema.frameTypes.has(def.name) && !this.entries.has(def.name)) this.entry(def, true);
  }

  /**
   * The frame type for a relation of this name: the schema's, or the one the
   * import adds; null when its relations are dropped or left for the plan to
   * ask about. Throws when an undecided type stops the import.
   */
  use(name: string, kind: RelationKind, roles: readonly string[], documentId: string): FrameTypeDef | null {
    const known = this.schema.frameTypes.get(name);
    const e = this.entries.get(name) ?? (known ? undefined : this.entry(relationTypeDef(name, kind, roles, PALETTE[(this.schema.frameTypes.size + this.entries.size) % PALETTE.length]), false));
    if (!e) return known!;
    e.count++;
    e.firstDocument ??= documentId;
    if (e.decision === 'add') return e.def;
    if (e.decision === 'undecided' && !this.listUndecided) {
      throw new InputError(`relation type ${JSON.stringify(name)} is not in the workspace schema; add it as a frame type with the roles ${e.def.roles.map((r) => r.name).join(' and ')} (--add-labels ${name}) or drop its relations (--map ${name}=-)`);
    }
    return null;
  }

  /** Adds the decisions to an import's outcome. */
  finish(labels: LabelOutcome): LabelOutcome {
    const kind = 'frame type' as const;
    const frameTypes = [...(labels.frameTypes ?? [])];
    const offered = [...(labels.offered ?? [])];
    for (const [name, e] of this.entries) {
      if (e.decision === 'add') {
        labels.added.push({ label: name, count: e.count, kind });
        frameTypes.push(e.def);
      } else if (e.decision === 'drop') {
        labels.dropped.push({ label: name, count: e.count, kind });
      } else if (e.count > 0) labels.unknown.push({ label: name, count: e.count, kind, ...(e.firstDocument ? { firstDocument: e.firstDocument } : {}) });
      else if (e.declared) offered.push({ label: name, kind });
    }
    return { ...labels, ...(frameTypes.length ? { frameTypes } : {}), ...(offered.length ? { offered } : {}) };
  }
}
