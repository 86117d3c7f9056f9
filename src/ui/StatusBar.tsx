import { useResults } from '../store/results';
import { useSettings } from '../store/settings';
import { BACKEND_LABELS } from '../worker/protocol';

const PHASE_LABELS = {
  starting: 'Starting the worker…',
  'loading-data': 'Loading the MNIST digits…',
  ready: 'Ready',
  training: 'Training',
  paused: 'Paused',
} as const;

/**
 * The backend in use, why others were skipped, the phase, the step and the training speed. With
 * ?debug=1 also the developer's numbers: the worker's tensor count (to watch for leaks) and the
 * share of its time spent evaluating.
 */
export function StatusBar() {
  const backend = useResults((s) => s.backend);
  const phase = useResults((s) => s.phase);
  const step = useResults((s) => s.evaluations.at(-1)?.step);
  const speed = useResults((s) => s.stepsPerSecond);
  const debug = useSettings((s) => s.debug);
  const tensors = useResults((s) => s.evaluations.at(-1)?.numTensors);
  const evalShare = useResults(
    (s) => s.workerMs.evaluate / Math.max(1, s.workerMs.train + s.workerMs.evaluate),
  );
  return (
    <footer className="status-bar" data-testid="status-bar">
      <span data-testid="backend" data-backend={backend?.backend ?? ''}>
        Backend: {backend ? BACKEND_LABELS[backend.backend] : 'choosing…'}
      </span>
      {backend?.skipped.map((s) => (
        <span key={s.backend} className="skipped" data-testid={`skipped-${s.backend}`}>
          {BACKEND_LABELS[s.backend]}: {s.reason}
        </span>
      ))}
      {backend?.note && <span className="note">{backend.note}</span>}
      <span className="spacer" />
      <span data-testid="phase">{PHASE_LABELS[phase]}</span>
      {step !== undefined && <span data-testid="step">Step {step}</span>}
      {speed !== null && (
        <span data-testid="speed" title="Training steps per second over the last few seconds">
          {speed < 10 ? speed.toFixed(1) : Math.round(speed)} steps/s
        </span>
      )}
      {debug && tensors !== undefined && (
        <span data-testid="tensors" title="tf.memory().numTensors in the worker">
          Tensors: {tensors}
        </span>
      )}
      {debug && (
        <span data-testid="eval-share" title="Share of the worker's time spent evaluating">
          Evaluating: {Math.round(evalShare * 100)} %
        </span>
      )}
    </footer>
  );
}
