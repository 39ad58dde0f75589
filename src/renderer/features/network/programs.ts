/**
 * Sigma's node and edge programs, each drawn by one plain draw call instead
 * of one instanced call. Without a GPU, Chromium draws WebGL with
 * SwiftShader, which runs an instanced call as one small draw per instance:
 * 10,000 edges took 760 ms a frame that way. Here every vertex carries the
 * per-item data and its corner's constants itself, so the same shaders draw
 * the whole layer at once; on a GPU it makes no visible difference. A render
 * made while the camera moves skips the picking pass.
 */
import {
  EdgeArrowHeadProgram,
  EdgeClampedProgram,
  EdgeRectangleProgram,
  NodeCircleProgram,
  createEdgeCompoundProgram,
  getAttributesItemsCount,
  type EdgeProgramType,
  type NodeProgramType,
} from 'sigma/rendering';
import type { PickingParams } from './stillLayers';

/** What sigma's program classes have in common, as far as this file touches them. */
interface InstancedLike {
  array: Float32Array;
  pickProgram: unknown;
  render(params: object): void;
  VERTICES: number;
  getDefinition(): { ATTRIBUTES: unknown[]; CONSTANT_ATTRIBUTES?: unknown[]; CONSTANT_DATA?: number[][] };
  processVisibleItem(index: number, startIndex: number, ...rest: unknown[]): void;
}
// A mixin's base must take any arguments (TypeScript's rule for classes made by functions).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ProgramClass = abstract new (...args: any[]) => InstancedLike;

/** `Base` with its constant (per-corner) attributes moved into every vertex, so it draws with drawArrays. */
export function drawnAtOnce<T extends ProgramClass>(Base: T): T {
  abstract class AtOnce extends Base {
    // Set by getDefinition, which the base constructor calls: declared only, so no initialiser runs after it.
    /** One item's own data, written by the base program before it is copied to each corner. */
    declare item: Float32Array;
    declare corners: number[][] | undefined;
    declare itemCount: number;

    override getDefinition() {
      const def = super.getDefinition();
      if (!def.CONSTANT_ATTRIBUTES) return def;
      const { CONSTANT_ATTRIBUTES, CONSTANT_DATA, ...plain } = def;
      this.corners = CONSTANT_DATA ?? [];
      this.itemCount = getAttributesItemsCount(def.ATTRIBUTES as Parameters<typeof getAttributesItemsCount>[0]);
      this.item = new Float32Array(this.itemCount);
      return { ...plain, ATTRIBUTES: [...def.ATTRIBUTES, ...CONSTANT_ATTRIBUTES] };
    }

    /** Without the picking pass when the render says so (the camera moving: see stillLayers.ts). */
    override render(params: PickingParams): void {
      if (params.picking !== false || !this.pickProgram) return super.render(params);
      const pick = this.pickProgram;
      this.pickProgram = null;
      try {
        super.render(params);
      } finally {
        this.pickProgram = pick;
      }
    }

    override processVisibleItem(index: number, startIndex: number, ...rest: unknown[]): void {
      if (!this.corners) return super.processVisibleItem(index, startIndex, ...rest);
      const array = this.array;
      this.array = this.item;
      try {
        super.processVisibleItem(index, 0, ...rest);
      } finally {
        this.array = array;
      }
      let i = startIndex;
      for (const corner of this.corners) {
        array.set(this.item, i);
        i += this.itemCount;
        for (const c of corner) array[i++] = c;
      }
    }
  }
  return AtOnce as unknown as T;
}

export const NodeCircleAtOnce = drawnAtOnce(NodeCircleProgram as unknown as ProgramClass) as unknown as NodeProgramType;
export const EdgeLineAtOnce = drawnAtOnce(EdgeRectangleProgram as unknown as ProgramClass) as unknown as EdgeProgramType;
export const EdgeArrowAtOnce = createEdgeCompoundProgram([
  drawnAtOnce(EdgeClampedProgram as unknown as ProgramClass) as unknown as EdgeProgramType,
  drawnAtOnce(EdgeArrowHeadProgram as unknown as ProgramClass) as unknown as EdgeProgramType,
]);
