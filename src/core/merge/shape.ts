/**
 * How a JSON file is merged, described as a shape: which parts are
 * collections of records (merged record by record against the common
 * ancestor), which are counters, and which are atomic values.
 */

export type Shape =
  /** Atomic: one side's change wins when the other left it alone; two different changes conflict. */
  | { kind: 'value' }
  /** Counters and timestamps: the larger of the two. */
  | { kind: 'max' }
  /** Kept as this copy has it (e.g. an analyst's own undo stack). */
  | { kind: 'ours' }
  /** An array of records identified by one field (id, name). */
  | { kind: 'records'; key: string; item?: Shape }
  /** An object used as a map from key to record. */
  | { kind: 'map'; item?: Shape }
  /** An object with named fields, each merged by its own shape; fields not named use `rest`. */
  | { kind: 'object'; fields: Record<string, Shape>; rest?: Shape };

export const value: Shape = { kind: 'value' };
export const max: Shape = { kind: 'max' };
export const ours: Shape = { kind: 'ours' };
export const records = (key: string, item?: Shape): Shape => ({ kind: 'records', key, item });
export const map = (item?: Shape): Shape => ({ kind: 'map', item });
export const object = (fields: Record<string, Shape>, rest?: Shape): Shape => ({ kind: 'object', fields, rest });

/** The label schema: labels, frame types and document fields, each one record by its name. */
export const schemaShape = object({ labels: records('name'), frameTypes: records('name'), documentFields: records('name') });

/**
 * The shared workspace files: one shape for workspace.json and for the
 * separate schema, index, registry and conflict files, so that a file keeps
 * merging whichever of these parts it holds.
 */
export const sharedShape = object({
  version: max,
  revision: max,
  updatedAt: max,
  name: value,
  schema: schemaShape,
  labels: records('name'),
  frameTypes: records('name'),
  documentFields: records('name'),
  documents: records('id'),
  entities: records('id'),
  conflicts: records('id'),
  renames: records('id'),
  migrations: records('id'),
});

/** An annotation layer: mentions and frames by id, fields and decisions by key. */
export const layerShape = object({
  version: max,
  revision: max,
  updatedAt: max,
  mentions: records('id'),
  frames: records('id'),
  fields: map(),
  decisions: map(),
  history: ours,
});

/** The shape for a file in the workspace, by its path relative to the workspace folder (forward slashes). */
export function shapeForFile(path: string): Shape {
  if (/^annotations\/[^/]+\/[^/]+\.json$/.test(path)) return layerShape;
  return sharedShape;
}
