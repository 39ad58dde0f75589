/**
 * Frame attributes as units for Krippendorff's alpha: each group of matched
 * frames is one unit, holding each annotator's value (undefined: no frame).
 */
import { krippendorffAlphaNominal } from './alpha';
import { UNSET } from './frameMeasures';
import { groupFrames } from './frames';
import type { AnnotatorLayer } from './reportTypes';
import type { Scope } from './scope';

/** Per frame type and attribute, each group of matched frames as one unit: the values by annotator (undefined: no frame). */
export type AttributeUnits = Map<string, Map<string, Array<Array<string | undefined>>>>;

/** The frames of one document grouped across every annotator with a layer, as units of each attribute. */
export function attributeUnits(scope: Scope, layers: ReadonlyArray<AnnotatorLayer | null>): AttributeUnits {
  const units: AttributeUnits = new Map();
  const present = layers.flatMap((l, a) => (l && l.frames.length ? [{ l, a }] : []));
  if (present.length < 2) return units;
  for (const group of groupFrames(present.map((p) => p.l))) {
    const first = group.findIndex((i) => i !== null);
    const type = present[first].l.frames[group[first]!].type;
    const shape = scope.shapes.get(type);
    if (!shape) continue;
    let byName = units.get(type);
    if (!byName) units.set(type, (byName = new Map()));
    for (const name of shape.attributes) {
      const unit = new Array<string | undefined>(scope.annotators.length).fill(undefined);
      group.forEach((i, k) => {
        if (i !== null) unit[present[k].a] = present[k].l.frames[i].attrs[name] ?? UNSET;
      });
      let list = byName.get(name);
      if (!list) byName.set(name, (list = []));
      list.push(unit);
    }
  }
  return units;
}

export function addUnits(into: AttributeUnits, from: AttributeUnits): void {
  for (const [type, byName] of from) {
    let target = into.get(type);
    if (!target) into.set(type, (target = new Map()));
    for (const [name, list] of byName) {
      const t = target.get(name);
      if (t) for (const u of list) t.push(u);
      else target.set(name, list.slice());
    }
  }
}

/** Nominal alpha with each unit a column of the reliability matrix. */
export function unitsAlpha(units: ReadonlyArray<ReadonlyArray<string | undefined>>, coders: number): number | null {
  return krippendorffAlphaNominal(Array.from({ length: coders }, (_, c) => units.map((u) => u[c])));
}
