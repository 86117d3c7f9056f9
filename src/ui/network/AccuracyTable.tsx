import { METHOD_LABELS } from '../../engine/methodIds';
import { useResults } from '../../store/results';
import { METHOD_COLORS } from '../methodColors';

/** The latest accuracy of every method on every task, and which methods diverged. */
export function AccuracyTable() {
  const config = useResults((s) => s.config);
  const taskNames = useResults((s) => s.taskNames);
  const last = useResults((s) => s.evaluations.at(-1));
  const diverged = useResults((s) => s.diverged);
  if (!config || !last) return null;
  const T = taskNames.length;
  return (
    <table className="accuracy-table" data-testid="accuracy-table">
      <caption>Test accuracy now (step {last.step})</caption>
      <thead>
        <tr>
          <th scope="col">Method</th>
          {taskNames.map((n, t) => (
            <th scope="col" key={n} title={n}>
              Task {t + 1}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {config.methods.map((method, m) => (
          <tr key={method} data-method={method}>
            <th scope="row">
              <span className="swatch" style={{ background: METHOD_COLORS[method] }} />{' '}
              {METHOD_LABELS[method]}
              {diverged[method] && (
                <span className="diverged" data-testid={`diverged-${method}`} title={diverged[method].cause}>
                  {' '}
                  diverged at step {diverged[method].step}
                </span>
              )}
            </th>
            {taskNames.map((n, t) => (
              <td key={n} data-testid={`acc-${method}-${t}`}>
                {(last.accuracy[m * T + t] * 100).toFixed(1)}%
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
