import { METHOD_COLORS } from '../engine/methods/registry';
import { ellipsePoints, levelEllipse, sumEllipse } from '../engine/quadratic/ellipse';
import { CL_METHODS } from '../engine/quadratic/methods';
import { termOf } from '../engine/quadratic/task';
import { type PlotContext, playhead } from './plotContext';
import { closedPath } from './plotFrame';
import { joinShapes, type Layer, type Shape, taskColour } from './plotShapes';

/** ½k² for k = 1…4: rings at evenly spaced distances, the first one the handles sit on. */
export const CONTOUR_LEVELS = [0.5, 2, 4.5, 8] as const;
export const REGION_LEVEL = CONTOUR_LEVELS[0];
const POINTS = 96;

/** Tasks' loss contours, with each task's low-loss region filled (the paper's grey and cream ellipses). */
export function drawTaskContours(layer: Layer, ctx: PlotContext): void {
  const shapes: Shape[] = [];
  ctx.params.tasks.forEach((task, i) => {
    const term = termOf(task);
    CONTOUR_LEVELS.forEach((level, k) => {
      const e = levelEllipse(term.H, term.centre, level);
      if (!e) return;
      shapes.push({
        key: `task${i}-${k}`,
        d: closedPath(ctx.frame, ellipsePoints(e, POINTS)),
        className: k === 0 ? 'task-region' : 'task-contour',
        stroke: taskColour(i),
        width: k === 0 ? 'normal' : 'thin',
        fill: k === 0 ? taskColour(i) : undefined,
        fillOpacity: k === 0 ? 0.28 : undefined,
      });
    });
  });
  joinShapes(layer, shapes);
}

/**
 * Toggled overlays: each method's own objective in the current phase (why it goes where it goes),
 * and the penalty each regulariser puts around the end of A (its stand-in for L_A), drawn at the
 * same level as task A's true region so the two can be compared.
 */
export function drawMethodOverlays(layer: Layer, ctx: PlotContext): void {
  const { overlays, visible } = ctx.view;
  const { phase } = playhead(ctx);
  const shapes: Shape[] = [];
  for (const m of CL_METHODS) {
    if (!visible[m]) continue;
    const run = ctx.result.methods[m];
    const objective = run.objectives[phase - 1];
    if (overlays.objectives && objective) {
      CONTOUR_LEVELS.forEach((level, k) => {
        const e = sumEllipse(objective, level);
        if (!e) return;
        const d = closedPath(ctx.frame, ellipsePoints(e, POINTS));
        shapes.push({
          key: `obj-${m}-${k}`,
          d,
          className: 'objective',
          stroke: METHOD_COLORS[m],
          width: 'thin',
          dash: '2 4',
          method: m,
        });
      });
    }
    const penalty = run.penaltyB;
    const e = penalty && overlays.penalties ? levelEllipse(penalty.H, penalty.centre, REGION_LEVEL) : null;
    if (e) {
      const d = closedPath(ctx.frame, ellipsePoints(e, POINTS));
      shapes.push({
        key: `pen-${m}`,
        d,
        className: 'penalty',
        stroke: METHOD_COLORS[m],
        width: 'normal',
        dash: '8 5',
        method: m,
      });
    }
  }
  joinShapes(layer, shapes);
}
