/** The synapse figures' options: the maps' colour scale and unscrambling (in the URL), the confusion matrix's task. */
import { useResults } from '../../store/results';
import { useSettings } from '../../store/settings';
import { useSynapses } from '../../store/synapses';

function Toggle({
  on,
  label,
  title,
  onClick,
}: {
  on: boolean;
  label: string;
  title: string;
  onClick: () => void;
}) {
  return (
    <button type="button" aria-pressed={on} title={title} onClick={onClick}>
      {label}
    </button>
  );
}

export function MapToggles() {
  const log = useSettings((s) => s.mapLog);
  const unscramble = useSettings((s) => s.unscramble);
  const set = useSettings((s) => s.set);
  const permuted = useSynapses((s) => s.setup?.permutations.some(Boolean) ?? false);
  return (
    <span className="panel-options">
      <Toggle
        on={log}
        label="Log"
        title="Colour scale over three decades below each row's largest value (log), or linear"
        onClick={() => set({ mapLog: !log })}
      />
      {permuted && (
        <Toggle
          on={unscramble}
          label="Undo permutation"
          title="Each map in its task's own pixel order, so the digits' strokes show"
          onClick={() => set({ unscramble: !unscramble })}
        />
      )}
    </span>
  );
}

/** The task whose matrix is shown (not in class-incremental learning, where one matrix holds every digit). */
export function ConfusionTask({ task, onChange }: { task: number; onChange: (t: number) => void }) {
  const config = useResults((s) => s.config);
  const taskNames = useResults((s) => s.taskNames);
  const evaluated = useSynapses((s) => s.confusion.at(-1)?.evaluated);
  if (!config || (config.protocol === 'split-mnist' && config.scenario === 'class') || !evaluated)
    return null;
  return (
    <span className="panel-options">
      <label className="panel-option">
        Task{' '}
        <select value={task} onChange={(e) => onChange(Number(e.target.value))}>
          {taskNames.flatMap((name, t) =>
            evaluated[t]
              ? [
                  <option key={name} value={t}>
                    T{t + 1} ({name})
                  </option>,
                ]
              : [],
          )}
        </select>
      </label>
    </span>
  );
}
