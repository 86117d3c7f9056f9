import { useEffect, useMemo, useRef } from 'react';
import { METHOD_LABELS } from '../../engine/methodIds';
import { computeLab } from '../../engine/quadratic/lab';
import { CL_METHODS } from '../../engine/quadratic/methods';
import { createEllipsePlot, type EllipsePlot } from '../../panels/ellipsePlot';
import { drawLossBars } from '../../panels/lossBars';
import type { PlotView } from '../../panels/plotContext';
import { useLabStore } from '../../store/labStore';
import { LabControls } from './LabControls';
import { LabNumbers } from './LabNumbers';
import { LabPlayback } from './LabPlayback';
import './lab.css';

/**
 * The 2D loss-ellipse lab: two (or three) quadratic tasks, SGD, L2, EWC and SI trained on them side
 * by side, every assumption on a slider or a handle. React owns the frame; D3 owns the plot inside.
 */
export function EllipseLab() {
  const settings = useLabStore((s) => s.settings);
  const { params, overlays, visible, playStep } = settings;
  const svgRef = useRef<SVGSVGElement>(null);
  const barsRef = useRef<SVGSVGElement>(null);
  const plotRef = useRef<EllipsePlot | null>(null);
  // Read by the plot's per-frame callback, which must not capture a stale value.
  const visibleRef = useRef(visible);
  visibleRef.current = visible;

  useEffect(() => {
    const plot = createEllipsePlot(svgRef.current!, {
      onCommit: ({ tasks, theta0 }) => useLabStore.getState().setGeometry(tasks, theta0),
      // During a drag the bars follow the pointer too, without a React render.
      onResult: (result) => barsRef.current && drawLossBars(barsRef.current, result, visibleRef.current),
    });
    plotRef.current = plot;
    return () => plot.destroy();
  }, []);

  const view = useMemo<PlotView>(() => ({ overlays, visible, playStep }), [overlays, visible, playStep]);
  useEffect(() => plotRef.current?.update(params, view), [params, view]);

  // The readouts follow the committed settings; during a drag the plot computes its own draft runs.
  const result = useMemo(() => computeLab(params), [params]);
  useEffect(() => {
    if (barsRef.current) drawLossBars(barsRef.current, result, visible);
  }, [result, visible]);

  const diverged = CL_METHODS.filter((m) => result.methods[m].diverged).map((m) => METHOD_LABELS[m]);
  return (
    <div className="lab" data-testid="ellipse-lab">
      <aside className="lab-side">
        <h2 className="visually-hidden">Loss-ellipse lab</h2>
        <LabControls />
      </aside>
      <section className="lab-centre" aria-label="Parameter plane">
        <div className="lab-plot-box">
          {/* biome-ignore lint/a11y/useSemanticElements: a group, not an image, since its handles are buttons; an <svg> cannot be a <fieldset> */}
          <svg
            ref={svgRef}
            data-testid="ellipse-plot"
            className="ellipse-plot"
            role="group"
            aria-label="Loss contours of the tasks and each method's trajectory in the (θ₁, θ₂) plane; the handles move with the arrow keys"
          />
        </div>
        <p className="lab-legend">
          <span className="lab-key lab-key-a">task A</span> <span className="lab-key lab-key-b">task B</span>
          {params.tasks.length > 2 && <span className="lab-key lab-key-c">task C</span>} · dashed: learning A
          from θ₀ · drag θ₀, the centres θ* and the axis handles
          {result.diverged && (
            <strong className="lab-warning" role="status">
              {' '}
              · Diverges{diverged.length > 0 ? ` (${diverged.join(', ')})` : ' on task A'}: η too large for
              the curvature
            </strong>
          )}
        </p>
        <LabPlayback total={params.steps * params.tasks.length} />
      </section>
      {/* Focusable: in projector mode at 1280×720 it scrolls, and keyboard users must reach it. */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable (WCAG 2.1.1) */}
      <aside className="lab-side lab-readout" tabIndex={0} aria-label="Losses and the numbers behind them">
        <h3>Final loss per task</h3>
        <svg
          ref={barsRef}
          data-testid="loss-bars"
          className="lab-bars"
          role="img"
          aria-label="Final loss of each method on each task"
        />
        <LabNumbers params={params} result={result} />
      </aside>
    </div>
  );
}
