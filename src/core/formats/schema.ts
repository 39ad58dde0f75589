/** The label schema as look-up tables, built once per export or import. */
import type { FrameTypeDef, LabelSchema } from '../model';

export interface SchemaIndex {
  labels: Set<string>;
  frameTypes: Map<string, FrameTypeDef>;
}

export function indexSchema(schema: LabelSchema): SchemaIndex {
  return {
    labels: new Set(schema.labels.map((l) => l.name)),
    frameTypes: new Map(schema.frameTypes.map((f) => [f.name, f])),
  };
}

export function hasRole(def: FrameTypeDef, role: string): boolean {
  return def.roles.some((r) => r.name === role);
}

/** "PERSON, ORG, GPE" for messages that say what was expected. */
export function listNames(names: Iterable<string>): string {
  const all = [...names];
  return all.length ? all.join(', ') : '(none)';
}
