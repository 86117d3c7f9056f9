import { describe, expect, it } from 'vitest';
import { unchangedSinceLastDraw } from './redrawGuard';

describe('redraw guard', () => {
  it('skips a redraw only when every input is the same object or value as last time', () => {
    const el = {} as Element;
    const boundary = { step: 10 };
    expect(unchangedSinceLastDraw(el, [boundary, 300, 'light'])).toBe(false);
    expect(unchangedSinceLastDraw(el, [boundary, 300, 'light'])).toBe(true);
    // A new boundary object (a new task switch), a resize or a theme change each redraw.
    expect(unchangedSinceLastDraw(el, [{ step: 10 }, 300, 'light'])).toBe(false);
    expect(unchangedSinceLastDraw(el, [{ step: 10 }, 301, 'light'])).toBe(false);
    const other = {} as Element;
    expect(unchangedSinceLastDraw(other, [boundary, 300, 'light'])).toBe(false);
  });
});
