import { drawLossCurve } from '../panels/lossCurve';
import { type ResultsState, useResults } from '../store/results';
import { session } from '../store/session';
import { usePanel } from './usePanel';

const drawLoss = (el: SVGSVGElement, s: ResultsState) =>
  drawLossCurve(el, { steps: s.steps, loss: s.evalLoss });

export function NetworkView() {
  const phase = useResults((s) => s.phase);
  const lastLoss = useResults((s) => s.evalLoss.at(-1));
  const lossRef = usePanel(useResults, drawLoss);
  const busy = phase === 'starting' || phase === 'loading-data';
  return (
    <section className="network-view">
      <div className="transport" role="toolbar" aria-label="Training">
        {phase === 'training' ? (
          <button type="button" onClick={session.pause}>
            Pause
          </button>
        ) : (
          <button type="button" onClick={session.start} disabled={busy}>
            {phase === 'paused' ? 'Resume' : 'Start'}
          </button>
        )}
        <button type="button" onClick={session.reset}>
          Reset
        </button>
        <output data-testid="last-loss">
          {lastLoss === undefined ? '—' : `loss ${lastLoss.toFixed(3)}`}
        </output>
      </div>
      <figure className="panel">
        <figcaption>Loss on a fixed evaluation subset while a small network learns MNIST digits</figcaption>
        <svg
          ref={lossRef}
          className="panel-svg"
          data-testid="loss-curve"
          role="img"
          aria-label="Loss curve"
        />
      </figure>
    </section>
  );
}
