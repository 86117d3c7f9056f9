import { useIsolation } from '../store/isolation';
import { type ResultsState, type StartupStage, useResults } from '../store/results';
import { useSettings } from '../store/settings';
import { BACKEND_LABELS } from '../worker/protocol';

const PHASE_LABELS = {
  starting: 'Starting the worker…',
  'loading-data': 'Loading the MNIST digits…',
  ready: 'Ready',
  training: 'Training',
  paused: 'Paused',
  restoring: 'Restoring the run…',
} as const;

/** The start-up stage in words, so a slow start says what it is waiting for. */
function stageLabel(s: StartupStage): string {
  switch (s.stage) {
    case 'worker':
      return PHASE_LABELS.starting;
    case 'probe':
      return `Choosing a backend: asking for ${BACKEND_LABELS[s.backend]}…`;
    case 'load':
      return `Choosing a backend: starting ${BACKEND_LABELS[s.backend]}…`;
    case 'build':
      return 'Preparing the run (its first steps compile their programs)…';
    case 'data':
      return s.total > 0
        ? `${PHASE_LABELS['loading-data']} ${Math.floor((100 * s.loaded) / s.total)} %`
        : PHASE_LABELS['loading-data'];
  }
}

/** WASM's build in a few words: "WASM · SIMD · 2 threads". */
function wasmLabel(simd: boolean, threads: number): string {
  return ['WASM', ...(simd ? ['SIMD'] : []), `${threads} thread${threads === 1 ? '' : 's'}`].join(' · ');
}

function phaseLabel(s: ResultsState): string {
  if (s.startup) return stageLabel(s.startup);
  if (s.phase === 'restoring' && s.restore)
    return `Restoring the run: step ${s.restore.step} of ${s.restore.until}…`;
  return PHASE_LABELS[s.phase];
}

/**
 * The backend in use, why others were skipped, the phase, the step and the training speed. With
 * ?debug=1 also the developer's numbers: the worker's tensor count (to watch for leaks) and the
 * share of its time spent evaluating.
 */
export function StatusBar() {
  const backend = useResults((s) => s.backend);
  const isolation = useIsolation();
  const phase = useResults(phaseLabel);
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
        Backend:{' '}
        {!backend
          ? 'choosing…'
          : backend.threads === undefined
            ? BACKEND_LABELS[backend.backend]
            : wasmLabel(backend.simd === true, backend.threads)}
      </span>
      {backend?.threads !== undefined && !isolation.isolated && (
        // The reason on hover (and in the README's table): in words it would wrap a 1280-pixel bar.
        <span data-testid="threads-off" title={`Not cross-origin isolated: ${isolation.reason}`}>
          (not isolated)
        </span>
      )}
      {backend?.skipped.map((s) => (
        <span key={s.backend} className="skipped" data-testid={`skipped-${s.backend}`}>
          {BACKEND_LABELS[s.backend]}: {s.reason}
        </span>
      ))}
      {backend?.note && <span className="note">{backend.note}</span>}
      <span className="spacer" />
      <span data-testid="phase">{phase}</span>
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
