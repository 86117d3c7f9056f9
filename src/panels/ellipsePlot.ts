import { select } from 'd3';
import { computeLab, type LabParams, type LabResult } from '../engine/quadratic/lab';
import type { Vec2 } from '../engine/quadratic/mat2';
import { sweepEndPoints } from '../engine/quadratic/sweep';
import { drawMethodOverlays, drawTaskContours } from './contourLayer';
import { drawGrid } from './gridLayer';
import { createHandleLayer } from './handleLayer';
import type { PlotContext, PlotView } from './plotContext';
import { type PlotFrame, plotFrame } from './plotFrame';
import { dragTo } from './plotHandles';
import type { Layer } from './plotShapes';
import { drawMarks, drawTrajectories } from './trajectoryLayer';

export interface EllipsePlotOptions {
  /** A drag finished: the edited tasks and start point, to be committed to the store. */
  onCommit(geometry: Pick<LabParams, 'tasks' | 'theta0'>): void;
  /** Every recomputation, drags included (for readouts that follow the pointer without React). */
  onResult?(result: LabResult, params: LabParams): void;
}

export interface EllipsePlot {
  update(params: LabParams, view: PlotView): void;
  destroy(): void;
}

let instances = 0;

/**
 * The 2D lab's plot. React owns the <svg>; this owns everything inside it. While a handle is dragged
 * the plot keeps a draft of the parameters, recomputes every run itself and redraws once per
 * animation frame, so the pointer is followed at display rate without any React render; the draft is
 * committed when the drag ends.
 */
export function createEllipsePlot(svgEl: SVGSVGElement, options: EllipsePlotOptions): EllipsePlot {
  let params: LabParams | null = null;
  let view: PlotView | null = null;
  let result: LabResult | null = null;
  let frame: PlotFrame | null = null;
  let dragging = false;
  let request = 0;

  const clipId = `ellipse-plot-clip-${++instances}`;
  const svg = select(svgEl);
  svg.selectAll('*').remove();
  const clipRect = svg.append('defs').append('clipPath').attr('id', clipId).append('rect');
  const area = svg
    .append('rect')
    .attr('class', 'plot-area')
    .attr('data-testid', 'plot-area')
    .style('fill', 'var(--panel-bg)')
    .style('stroke', 'var(--border)');
  const layer = (name: string, clipped: boolean): Layer =>
    svg
      .append('g')
      .attr('class', name)
      .attr('clip-path', clipped ? `url(#${clipId})` : null);
  const grid = layer('grid', false);
  const contours = layer('contours', true);
  const overlays = layer('overlays', true);
  const paths = layer('paths', false);
  const marks = layer('marks', false);
  const drawHandles = createHandleLayer(layer('handles', false), svgEl, {
    drag: (handle, [x, y]) => {
      if (!params || !frame) return;
      const point: Vec2 = [
        frame.x.invert(clampTo(x, frame.left, frame.right)),
        frame.y.invert(clampTo(y, frame.top, frame.bottom)),
      ];
      setParams({ ...params, ...dragTo(params, handle, point) });
      dragging = true;
    },
    end: () => {
      if (dragging && params) options.onCommit({ tasks: params.tasks, theta0: params.theta0 });
      dragging = false;
    },
  });

  const schedule = (): void => {
    if (request === 0) request = requestAnimationFrame(draw);
  };

  function setParams(next: LabParams): void {
    params = next;
    result = computeLab(next);
    options.onResult?.(result, next);
    schedule();
  }

  function draw(): void {
    request = 0;
    if (!params || !view || !result || !frame) return;
    const sweep = view.overlays.sweep ? sweepEndPoints(params, result) : null;
    const ctx: PlotContext = { frame, params, result, view, sweep };
    drawTaskContours(contours, ctx);
    drawMethodOverlays(overlays, ctx);
    drawTrajectories(paths, ctx);
    drawMarks(marks, ctx);
    drawHandles(ctx);
  }

  const resize = (width: number, height: number): void => {
    frame = plotFrame(width, height);
    svg.attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);
    const box = {
      x: frame.left,
      y: frame.top,
      width: frame.right - frame.left,
      height: frame.bottom - frame.top,
    };
    for (const rect of [clipRect, area])
      rect.attr('x', box.x).attr('y', box.y).attr('width', box.width).attr('height', box.height);
    // The parameter window, so tests and tools can read the drawing back in θ coordinates.
    area.attr('data-x-domain', frame.x.domain().join(',')).attr('data-y-domain', frame.y.domain().join(','));
    drawGrid(grid, frame);
    schedule();
  };
  const observer = new ResizeObserver(([entry]) => {
    if (entry) resize(Math.floor(entry.contentRect.width), Math.floor(entry.contentRect.height));
  });
  if (svgEl.parentElement) observer.observe(svgEl.parentElement);

  return {
    update(nextParams, nextView) {
      view = nextView;
      // A store update that arrives mid-drag must not yank the handle back to the committed state.
      if (dragging) schedule();
      else if (nextParams !== params) setParams(nextParams);
      else schedule();
    },
    destroy() {
      observer.disconnect();
      cancelAnimationFrame(request);
      svg.selectAll('*').remove();
    },
  };
}

const clampTo = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));
