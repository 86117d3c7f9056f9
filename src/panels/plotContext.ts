import type { LabParams, LabResult } from '../engine/quadratic/lab';
import type { ClMethod, RegularisedMethod } from '../engine/quadratic/methods';
import type { LabOverlays } from '../store/labStore';
import type { PlotFrame } from './plotFrame';

/** What the plot shows besides the run itself. */
export interface PlotView {
  readonly overlays: LabOverlays;
  readonly visible: Readonly<Record<ClMethod, boolean>>;
  /** Steps over all tasks to draw; null = every trajectory whole. */
  readonly playStep: number | null;
}

/** Everything one redraw reads. */
export interface PlotContext {
  readonly frame: PlotFrame;
  readonly params: LabParams;
  readonly result: LabResult;
  readonly view: PlotView;
  readonly sweep: Readonly<Record<RegularisedMethod, Float64Array>> | null;
}

/** Where playback stands: how many points of task A's path and of the methods' paths to draw. */
export function playhead(ctx: PlotContext): { pointsA: number; pointsMethods: number; phase: number } {
  const { steps, tasks } = ctx.params;
  const later = steps * (tasks.length - 1);
  const t =
    ctx.view.playStep === null ? steps + later : Math.max(0, Math.min(ctx.view.playStep, steps + later));
  return {
    pointsA: Math.min(t, steps) + 1,
    pointsMethods: t > steps ? t - steps + 1 : 0,
    // The later task being learnt (1 = B); while A plays, B's objective is previewed.
    phase: Math.max(1, Math.min(tasks.length - 1, Math.ceil((t - steps) / steps))),
  };
}
