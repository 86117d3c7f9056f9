/**
 * The grid of small multiples (one cell per task): as many columns as keep each cell readable, in
 * rows when there are many tasks. Pure arithmetic, so it is tested without a page.
 */

export interface Grid {
  cols: number;
  rows: number;
  cellWidth: number;
  cellHeight: number;
}

/** A curve needs some of both: the smaller of a cell's width and height. */
const curveScore = (cellWidth: number, cellHeight: number) => Math.min(cellWidth, cellHeight);

/**
 * The columns × rows that give `n` cells in a width × height area the best cell by `score`
 * (larger is better). `gapX` and `gapY` go between cells, `rowExtra` is what every row needs
 * besides its plot (its titles).
 */
export function chooseGrid(
  n: number,
  width: number,
  height: number,
  gapX: number,
  gapY: number,
  rowExtra: number,
  score = curveScore,
): Grid {
  let best: Grid | null = null;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (let cols = Math.max(1, n); cols >= 1; cols--) {
    const rows = Math.ceil(n / cols);
    const cellWidth = (width - gapX * (cols - 1)) / cols;
    const cellHeight = (height - gapY * (rows - 1)) / rows - rowExtra;
    const value = score(cellWidth, cellHeight);
    // Ties go to more columns: one row reads left to right like the schedule.
    if (value > bestScore + 0.5) {
      bestScore = value;
      best = { cols, rows, cellWidth, cellHeight };
    }
  }
  return best ?? { cols: 1, rows: 1, cellWidth: width, cellHeight: height - rowExtra };
}
