/**
 * Labels that never collide: a greedy placement that tries a few spots around each anchor and
 * leaves a label out when none is free, and a thinning of labels along one axis.
 */

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface LabelRequest {
  key: string;
  /** The point the label belongs to. */
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Where a label's box goes: its top-left corner (the caller anchors its text accordingly). */
export type Placement = Box;

const overlaps = (a: Box, b: Box, gap: number) =>
  a.x < b.x + b.width + gap &&
  b.x < a.x + a.width + gap &&
  a.y < b.y + b.height + gap &&
  b.y < a.y + a.height + gap;
const inside = (a: Box, bounds: Box) =>
  a.x >= bounds.x &&
  a.y >= bounds.y &&
  a.x + a.width <= bounds.x + bounds.width &&
  a.y + a.height <= bounds.y + bounds.height;

/**
 * Places each label beside its point (right, left, above, below, then the diagonals, at `offset`
 * px), in the first spot inside `bounds` that overlaps neither a placed label nor an obstacle
 * (points, legends). A label with no free spot is left out (null): crowded points stay readable.
 */
export function placeLabels(
  requests: readonly LabelRequest[],
  obstacles: readonly Box[],
  bounds: Box,
  offset = 6,
  gap = 2,
): Map<string, Placement | null> {
  const placed: Box[] = [];
  const out = new Map<string, Placement | null>();
  for (const r of requests) {
    const { x, y, width: w, height: h } = r;
    const spots: Box[] = [
      { x: x + offset, y: y - h / 2, width: w, height: h },
      { x: x - offset - w, y: y - h / 2, width: w, height: h },
      { x: x - w / 2, y: y - offset - h, width: w, height: h },
      { x: x - w / 2, y: y + offset, width: w, height: h },
      { x: x + offset, y: y - offset - h, width: w, height: h },
      { x: x - offset - w, y: y - offset - h, width: w, height: h },
      { x: x + offset, y: y + offset, width: w, height: h },
      { x: x - offset - w, y: y + offset, width: w, height: h },
    ];
    const spot = spots.find(
      (s) =>
        inside(s, bounds) &&
        !placed.some((p) => overlaps(s, p, gap)) &&
        !obstacles.some((o) => overlaps(s, o, 0)),
    );
    out.set(r.key, spot ?? null);
    if (spot) placed.push(spot);
  }
  return out;
}

/**
 * Which of the labels centred at `positions` (ascending) to keep along a line so that none
 * overlaps the previous kept one: indices of the kept labels, the first always among them.
 */
export function thinLabels(positions: readonly number[], widths: readonly number[], gap = 4): number[] {
  const kept: number[] = [];
  let right = Number.NEGATIVE_INFINITY;
  positions.forEach((p, i) => {
    if (p - widths[i] / 2 >= right + gap) {
      kept.push(i);
      right = p + widths[i] / 2;
    }
  });
  return kept;
}
