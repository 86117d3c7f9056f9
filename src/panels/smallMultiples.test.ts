import { describe, expect, it } from 'vitest';
import { chooseGrid } from './smallMultiples';

describe('small multiples', () => {
  it('keeps five tasks in one row on a wide figure and wraps ten into rows', () => {
    const five = chooseGrid(5, 900, 300, 16, 10, 30);
    expect([five.cols, five.rows]).toEqual([5, 1]);
    const ten = chooseGrid(10, 900, 300, 16, 10, 30);
    expect(ten.rows).toBeGreaterThan(1);
    expect(ten.cols * ten.rows).toBeGreaterThanOrEqual(10);
    expect(ten.cellWidth).toBeGreaterThan(100);
  });

  it('picks the grid a custom score prefers', () => {
    // Square cells for a 5×5 matrix: four blocks on a tall area go in a 2×2 grid.
    const square = (w: number, h: number) => Math.min(w / 5, h / 5);
    const g = chooseGrid(4, 600, 600, 10, 10, 0, square);
    expect([g.cols, g.rows]).toEqual([2, 2]);
  });
});
