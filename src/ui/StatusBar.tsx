import { useResults } from '../store/results';
import { BACKEND_LABELS } from '../worker/protocol';

const PHASE_LABELS = {
  starting: 'Starting the worker…',
  'loading-data': 'Loading the MNIST digits…',
  ready: 'Ready',
  training: 'Training',
  paused: 'Paused',
} as const;

/** The backend in use, why others were skipped, the phase and the worker's tensor count. */
export function StatusBar() {
  const backend = useResults((s) => s.backend);
  const phase = useResults((s) => s.phase);
  const step = useResults((s) => s.evaluations.at(-1)?.step);
  const tensors = useResults((s) => s.evaluations.at(-1)?.numTensors);
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
      {tensors !== undefined && (
        <span data-testid="tensors" title="tf.memory().numTensors in the worker">
          Tensors: {tensors}
        </span>
      )}
    </footer>
  );
}
