import type { Page } from '@playwright/test';

/**
 * What the room sees, measured from the rendered page (visible text only):
 *   - overlaps: two text boxes drawn over each other;
 *   - cut: text cut by the viewport or by an ancestor that hides overflow (text scrolled out of view
 *     inside a vertically scrolling column does not count; text hidden sideways does), or a
 *     drop-down or field too narrow for the value it shows;
 *   - small: text rendered under `minPx` (projector mode);
 *   - figure: the largest figure (an <svg> or <canvas>, an SVG measured by what it draws).
 * It knows no panel: it finds text and figures in the DOM, so a new panel is covered as it is.
 */
export interface Legibility {
  overlaps: string[];
  cut: string[];
  small: string[];
  figure: { width: number; height: number; what: string } | null;
  textBoxes: number;
}

export function measureLegibility(page: Page, minPx: number): Promise<Legibility> {
  return page.evaluate((minPx) => {
    interface Box {
      text: string;
      owner: Element;
      left: number;
      top: number;
      right: number;
      bottom: number;
    }
    const vw = window.innerWidth;
    const vh = window.innerHeight;
    const short = (s: string) => {
      const t = s.replace(/\s+/g, ' ').trim();
      return t.length > 40 ? `${t.slice(0, 40)}…` : t;
    };
    const describe = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${
        typeof el.className === 'string' && el.className
          ? `.${el.className.trim().split(/\s+/).join('.')}`
          : ''
      }`;
    const NOT_RENDERED = new Set([
      'SCRIPT',
      'STYLE',
      'NOSCRIPT',
      'TEMPLATE',
      'TITLE',
      'DESC',
      'OPTION',
      'title',
      'desc',
    ]);

    /** Hidden: not displayed, invisible, fully transparent, or inside a 1-px clip (screen-reader text). */
    const hidden = (el: Element): boolean => {
      for (let e: Element | null = el; e; e = e.parentElement) if (hiddenSelf(e)) return true;
      return false;
    };

    /** Rendered font size in px: computed size times the SVG's scale for SVG text. */
    const renderedPx = (el: Element): number => {
      const px = Number.parseFloat(getComputedStyle(el).fontSize);
      if (el instanceof SVGGraphicsElement) {
        const m = el.getScreenCTM();
        if (m) return px * Math.sqrt(m.a * m.a + m.b * m.b);
      }
      return px;
    };

    const boxes: Box[] = [];
    const small: string[] = [];
    const clipped: string[] = [];
    const measure = document.createElement('canvas').getContext('2d')!;
    const add = (text: string, owner: Element, r: DOMRect | DOMRectReadOnly) => {
      if (r.width < 1 || r.height < 1) return;
      boxes.push({ text, owner, left: r.left, top: r.top, right: r.right, bottom: r.bottom });
    };
    const checkSize = (text: string, el: Element) => {
      const px = renderedPx(el);
      if (px < minPx - 0.05) small.push(`«${short(text)}» ${px.toFixed(1)} px (${describe(el)})`);
    };

    /** Not drawn, whatever its descendants say (checked on the way down, so once per element). */
    const hiddenSelf = (el: Element): boolean => {
      // Also what CSS alone does not say: a closed <details>' content, content-visibility.
      if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return true;
      const cs = getComputedStyle(el);
      if (cs.display === 'none' || cs.visibility === 'hidden' || Number(cs.opacity) === 0) return true;
      if (cs.overflow === 'visible' && cs.clip === 'auto') return false;
      const r = el.getBoundingClientRect();
      return r.width <= 1.5 || r.height <= 1.5;
    };

    const visit = (el: Element) => {
      if (NOT_RENDERED.has(el.tagName) || hiddenSelf(el)) return;
      // Atomic text: a typeset formula, a drop-down's shown choice, a field's value.
      if (el.classList.contains('katex')) {
        add(el.textContent ?? '', el, el.getBoundingClientRect());
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const parent = n.parentElement!;
          if (parent.closest('.katex-mathml') || !/[^\s\u200b]/.test(n.textContent ?? '')) continue;
          checkSize(n.textContent ?? '', parent);
        }
        return;
      }
      if (
        el instanceof HTMLSelectElement ||
        (el instanceof HTMLInputElement && el.value && el.type !== 'range' && el.type !== 'checkbox')
      ) {
        const text = el instanceof HTMLSelectElement ? (el.selectedOptions[0]?.text ?? '') : el.value;
        add(text, el, el.getBoundingClientRect());
        checkSize(text, el);
        // A control clips its own text: the shown value must fit inside its padding (and a drop-down's arrow).
        const cs = getComputedStyle(el);
        const room =
          el.clientWidth -
          Number.parseFloat(cs.paddingLeft) -
          Number.parseFloat(cs.paddingRight) -
          (el instanceof HTMLSelectElement ? 16 : 0);
        measure.font = `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
        if (measure.measureText(text).width > room + 1)
          clipped.push(`«${short(text)}» cut inside its ${el.tagName.toLowerCase()}`);
        return;
      }
      for (const child of el.childNodes) {
        if (child.nodeType === Node.ELEMENT_NODE) visit(child as Element);
        else if (child.nodeType === Node.TEXT_NODE && /[^\s\u200b]/.test(child.textContent ?? '')) {
          const text = child.textContent ?? '';
          if (el instanceof SVGElement) {
            add(text, el, el.getBoundingClientRect());
          } else {
            const range = document.createRange();
            range.selectNodeContents(child);
            for (const r of range.getClientRects()) add(text, el, r);
          }
          checkSize(text, el);
        }
      }
    };
    visit(document.body);

    // Cut text: by the viewport, or by an ancestor that hides (or scrolls) its overflow.
    const cut: string[] = [...clipped];
    const visible: Box[] = [];
    const TOL = 1;
    for (const b of boxes) {
      let gone = false;
      let problem: string | null = null;
      for (let a = b.owner.parentElement ?? null; a && !gone && !problem; a = a.parentElement) {
        const cs = getComputedStyle(a);
        const clips = cs.overflowX !== 'visible' || cs.overflowY !== 'visible' || a instanceof SVGSVGElement;
        if (!clips) continue;
        if (a instanceof SVGSVGElement && cs.overflow === 'visible') continue;
        const r = a.getBoundingClientRect();
        const inner =
          a instanceof HTMLElement
            ? {
                left: r.left + a.clientLeft,
                top: r.top + a.clientTop,
                right: r.left + a.clientLeft + a.clientWidth,
                bottom: r.top + a.clientTop + a.clientHeight,
              }
            : r;
        const outX = b.left < inner.left - TOL || b.right > inner.right + TOL;
        const outY = b.top < inner.top - TOL || b.bottom > inner.bottom + TOL;
        const scrollsY =
          (cs.overflowY === 'auto' || cs.overflowY === 'scroll') && a.scrollHeight > a.clientHeight + 1;
        const r0 = (v: number) => Math.round(v);
        const where = `(text ${r0(b.left)}–${r0(b.right)} × ${r0(b.top)}–${r0(b.bottom)} in ${r0(inner.left)}–${r0(inner.right)} × ${r0(inner.top)}–${r0(inner.bottom)})`;
        if (outX) problem = `cut sideways by ${describe(a)} ${where}`;
        else if (outY && scrollsY)
          gone = true; // scrolled out of view in a scrolling column
        else if (outY) problem = `cut by ${describe(a)} ${where}`;
      }
      if (gone) continue;
      if (!problem && (b.left < -TOL || b.top < -TOL || b.right > vw + TOL || b.bottom > vh + TOL))
        problem = 'cut by the viewport';
      if (problem) cut.push(`«${short(b.text)}» ${problem}`);
      visible.push(b);
    }

    // Overlapping text boxes (lines of one element never count against each other).
    const overlaps: string[] = [];
    const MIN = 1.5;
    for (let i = 0; i < visible.length; i++) {
      for (let j = i + 1; j < visible.length; j++) {
        const a = visible[i];
        const b = visible[j];
        if (a.owner === b.owner || a.owner.contains(b.owner) || b.owner.contains(a.owner)) continue;
        const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (w > MIN && h > MIN) overlaps.push(`«${short(a.text)}» overlaps «${short(b.text)}»`);
      }
    }

    // The largest figure: an <svg> (the box its drawing covers) or a <canvas>, inside the viewport.
    let figure: Legibility['figure'] = null;
    for (const el of document.querySelectorAll('svg, canvas')) {
      if (el.parentElement?.closest('svg') || hidden(el)) continue;
      let r = el.getBoundingClientRect();
      let box = { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
      if (el instanceof SVGSVGElement) {
        const bb = el.getBBox();
        const m = el.getScreenCTM();
        if (!m || bb.width === 0 || bb.height === 0) continue;
        const xs = [bb.x, bb.x + bb.width].map((x) => m.a * x + m.e);
        const ys = [bb.y, bb.y + bb.height].map((y) => m.d * y + m.f);
        box = {
          left: Math.max(box.left, Math.min(...xs)),
          right: Math.min(box.right, Math.max(...xs)),
          top: Math.max(box.top, Math.min(...ys)),
          bottom: Math.min(box.bottom, Math.max(...ys)),
        };
      }
      r = new DOMRect(
        Math.max(0, box.left),
        Math.max(0, box.top),
        Math.min(vw, box.right) - Math.max(0, box.left),
        Math.min(vh, box.bottom) - Math.max(0, box.top),
      );
      if (r.width <= 0 || r.height <= 0) continue;
      if (!figure || r.width * r.height > figure.width * figure.height)
        figure = { width: Math.round(r.width), height: Math.round(r.height), what: describe(el) };
    }
    return { overlaps, cut, small, figure, textBoxes: visible.length };
  }, minPx);
}

/** The problems of one view, one line each, prefixed with its name (an empty list when it reads well). */
export function problemsOf(
  view: string,
  l: Legibility,
  viewport: { width: number; height: number },
  projector: boolean,
): string[] {
  const out = [
    ...l.overlaps.map((p) => `${view}: ${p}`),
    ...l.cut.map((p) => `${view}: ${p}`),
    ...(projector ? l.small.map((p) => `${view}: under 14 px: ${p}`) : []),
  ];
  const f = l.figure;
  if (!f || f.width < 0.45 * viewport.width || f.height < 0.35 * viewport.height)
    out.push(
      `${view}: largest figure ${f ? `${f.width}×${f.height} (${f.what})` : 'none'}, needs ≥ ${Math.ceil(0.45 * viewport.width)}×${Math.ceil(0.35 * viewport.height)}`,
    );
  return out;
}
