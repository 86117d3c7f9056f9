import { unlessAsking, usePendingRun } from '../../store/pendingRun';
import { currentTask, useResults } from '../../store/results';
import { session } from '../../store/session';

/** Start/pause, step, reset, new seed, and one button per task (keys 1–9). */
export function Transport() {
  const phase = useResults((s) => s.phase);
  const taskNames = useResults((s) => s.taskNames);
  const task = useResults(currentTask);
  const whyNot = usePendingRun((p) => p.whyNot);
  const busy = phase === 'starting' || phase === 'loading-data' || phase === 'restoring';
  return (
    <div className="transport" role="toolbar" aria-label="Training">
      {phase === 'training' ? (
        <button type="button" onClick={session.pause} title="Pause (Space)">
          Pause
        </button>
      ) : (
        <button
          type="button"
          onClick={() => unlessAsking(phase === 'paused' ? 'Resume' : 'Start', session.start)}
          disabled={busy}
          title="Start or resume (Space)"
        >
          {phase === 'paused' ? 'Resume' : 'Start'}
        </button>
      )}
      <button
        type="button"
        onClick={() => unlessAsking('Step', () => session.step('batch'))}
        disabled={busy}
        title="One minibatch (S)"
      >
        Step
      </button>
      <button
        type="button"
        onClick={() => unlessAsking('Step epoch', () => session.step('epoch'))}
        disabled={busy}
        title="One epoch of the current task"
      >
        Step epoch
      </button>
      <button
        type="button"
        onClick={() => unlessAsking('Reset', session.reset)}
        title="The same settings and seed, from the start (R)"
      >
        Reset
      </button>
      <button
        type="button"
        onClick={() => unlessAsking('New seed', session.newSeed)}
        title="New initial weights, shuffles and samples"
      >
        New seed
      </button>
      <fieldset className="task-buttons">
        <legend className="visually-hidden">Train on task</legend>
        {taskNames.map((name, t) => (
          <button
            type="button"
            key={name}
            aria-pressed={t === task}
            disabled={busy}
            onClick={() => unlessAsking(`Task ${t + 1}`, () => session.switchTask(t))}
            title={`Train on task ${t + 1}: ${name} (key ${t + 1})`}
          >
            Task {t + 1}
          </button>
        ))}
      </fieldset>
      {whyNot && (
        <p className="transport-refused" role="status" data-testid="refused">
          {whyNot}
        </p>
      )}
    </div>
  );
}
