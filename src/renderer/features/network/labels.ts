/**
 * Where a node's label goes: to the right of the node, or to its left when
 * the right would run past the drawing's edge, so a label near the edge is
 * read whole rather than cut; none when neither side has room.
 */
export interface LabelPlace {
  /** The box the label covers, in viewport pixels. */
  left: number;
  top: number;
  right: number;
  bottom: number;
  /** Where its text starts. */
  textX: number;
}

/** The gap between a node's disc and its label. */
const GAP = 3;

export function labelPlace(x: number, y: number, radius: number, textWidth: number, labelSize: number, view: { width: number; height: number }): LabelPlace | null {
  const top = y - labelSize / 2 - 2;
  const bottom = y + labelSize / 2 + 2;
  if (top < 0 || bottom > view.height) return null;
  const rightStart = x + radius + GAP;
  if (rightStart + textWidth <= view.width) return { left: rightStart - 2, top, right: rightStart + textWidth + 2, bottom, textX: rightStart };
  const leftStart = x - radius - GAP - textWidth;
  if (leftStart >= 0) return { left: leftStart - 2, top, right: x - radius - GAP + 2, bottom, textX: leftStart };
  return null;
}
