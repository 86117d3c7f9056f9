/**
 * Text sizes for laying out labels before they are drawn: the theme's font sizes, and the width a
 * string takes in them (measured on a canvas in the page's font, so layouts never guess).
 */

const sizesByTheme = new Map<string, { base: number; small: number }>();

/**
 * The theme's body and small font sizes in px (projector mode makes both larger); read once per
 * theme, since reading styles in every redraw would make the browser recompute them each time.
 */
export function fontSizes(el: Element): { base: number; small: number } {
  const theme = document.documentElement.dataset.theme ?? '';
  let sizes = sizesByTheme.get(theme);
  if (!sizes) {
    const cs = getComputedStyle(el);
    const px = (name: string, fallback: number) => Number.parseFloat(cs.getPropertyValue(name)) || fallback;
    sizes = { base: px('--font-size', 15), small: px('--font-size-small', 13) };
    sizesByTheme.set(theme, sizes);
  }
  return sizes;
}

let context: CanvasRenderingContext2D | null | undefined;
let family = 'sans-serif';

/** Width in px of `text` at `px` in the page's font, bold if asked. */
export function textWidth(text: string, px: number, bold = false): number {
  if (context === undefined) {
    context = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
    if (typeof document !== 'undefined') family = getComputedStyle(document.body).fontFamily || family;
  }
  // Without a canvas (unit tests): a generous average glyph width.
  if (!context) return text.length * px * 0.62;
  context.font = `${bold ? '700 ' : ''}${px}px ${family}`;
  return context.measureText(text).width;
}

/** Words of `text` in lines no wider than `width` (a word longer than the width gets a line of its own). */
export function wrapText(text: string, width: number, px: number, bold = false): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (line && textWidth(next, px, bold) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}
