import { drag } from 'd3';
import type { Vec2 } from '../engine/quadratic/mat2';
import type { PlotContext } from './plotContext';
import { type Handle, handlesOf } from './plotHandles';
import { type Layer, TASK_NAMES, taskColour } from './plotShapes';

export interface HandleEvents {
  /** Every pointer move, with the pointer in the SVG's pixel coordinates. */
  drag(handle: Handle, pixel: Vec2): void;
  end(): void;
}

/** Pixels an arrow key moves a handle (Shift: a finer step). */
const KEY_STEP = 8;
const FINE_STEP = 1;
const ARROWS: Record<string, Vec2> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

const RADIUS = {
  centre: 'calc(var(--mark-size) * 1.8)',
  axis: 'calc(var(--mark-size) * 1.3)',
  start: 'calc(var(--mark-size) * 1.6)',
} as const;

/**
 * The draggable handles with their axis spokes and labels. One drag behaviour for the layer's
 * lifetime: it reports pixels, and the listener reads the element's current datum, which every
 * redraw refreshes.
 */
export function createHandleLayer(layer: Layer, container: SVGSVGElement, events: HandleEvents) {
  const behaviour = drag<SVGCircleElement, Handle>()
    .container(container)
    .subject((event) => ({ x: event.x, y: event.y }))
    .on('drag', (event, h) => events.drag(h, [event.x, event.y]))
    .on('end', () => events.end());

  return function draw(ctx: PlotContext): void {
    const { frame, params } = ctx;
    const handles = handlesOf(params);
    const px = (p: Vec2): number => frame.x(p[0]);
    const py = (p: Vec2): number => frame.y(p[1]);
    const centreOf = (h: Handle): Vec2 => params.tasks[h.task]!.centre;
    layer
      .selectAll<SVGLineElement, Handle>('line')
      .data(
        handles.filter((h) => h.kind === 'axis'),
        (h) => h.key,
      )
      .join('line')
      .attr('x1', (h) => px(centreOf(h)))
      .attr('y1', (h) => py(centreOf(h)))
      .attr('x2', (h) => px(h.point))
      .attr('y2', (h) => py(h.point))
      .style('stroke', (h) => taskColour(h.task))
      .style('stroke-width', 'calc(var(--line-width) * 0.5)');
    layer
      .selectAll<SVGCircleElement, Handle>('circle')
      .data(handles, (h) => h.key)
      .join((enter) => {
        const c = enter
          .append('circle')
          .attr('class', (h) => `handle handle-${h.kind}`)
          // Keyboard users move a handle with the arrow keys, through the same path as a drag.
          .attr('tabindex', 0)
          .attr('role', 'button')
          .on('keydown', function (event: KeyboardEvent, h) {
            const dir = ARROWS[event.key];
            if (!dir) return;
            event.preventDefault();
            event.stopPropagation(); // the page's shortcuts must not see it
            const step = event.shiftKey ? FINE_STEP : KEY_STEP;
            const x = Number(this.getAttribute('cx')) + dir[0] * step;
            const y = Number(this.getAttribute('cy')) + dir[1] * step;
            events.drag(h, [x, y]);
            events.end();
          });
        c.append('title');
        c.call(behaviour);
        return c;
      })
      .attr('data-handle', (h) => h.key)
      .attr('aria-label', (h) => `${h.label}: drag, or use the arrow keys`)
      .attr('cx', (h) => px(h.point))
      .attr('cy', (h) => py(h.point))
      .style('r', (h) => RADIUS[h.kind])
      .style('fill', (h) =>
        h.kind === 'centre' ? taskColour(h.task) : h.kind === 'start' ? 'var(--fg)' : 'var(--panel-bg)',
      )
      .style('stroke', (h) => (h.kind === 'axis' ? taskColour(h.task) : 'var(--panel-bg)'))
      .style('stroke-width', 'calc(var(--line-width) * 0.75)')
      .style('cursor', (h) => (h.kind === 'axis' ? 'grab' : 'move'))
      .select('title')
      .text((h) => `Drag: ${h.label}`);
    layer
      .selectAll<SVGTextElement, Handle>('text')
      .data(
        handles.filter((h) => h.kind !== 'axis'),
        (h) => h.key,
      )
      .join('text')
      .attr('x', (h) => px(h.point) + 12)
      .attr('y', (h) => py(h.point) - 10)
      .text((h) => (h.kind === 'start' ? 'θ₀' : `θ*${TASK_NAMES[h.task]}`))
      .style('fill', 'var(--fg)')
      .style('font-size', 'var(--font-size-small)')
      .style('font-weight', 600)
      .style('pointer-events', 'none');
  };
}
