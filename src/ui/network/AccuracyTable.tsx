import { useSyncExternalStore } from 'react';
import { METHOD_LABELS } from '../../engine/methodIds';
import { METHOD_COLORS } from '../../engine/methods/registry';
import { groupSpread, laneGroups, rangeText, seedCount } from '../../panels/seedSpreadData';
import { useResults } from '../../store/results';
import { NO_SCENE } from '../../store/sceneLinks';
import { useSettings } from '../../store/settings';
import { useUi } from '../../store/ui';

/** Below this window height the table starts folded when a lesson strip, five methods or many tasks compete for room. */
const SHORT_SCREEN = 800;

const subscribeResize = (notify: () => void) => {
  window.addEventListener('resize', notify);
  return () => window.removeEventListener('resize', notify);
};
const windowHeight = () => window.innerHeight;

/**
 * The latest accuracy of every method on every task, and which methods diverged; with seed lanes
 * the mean over each method's seeds and their min–max, in brackets beside it or under it. It folds into its
 * caption (a button, so the keyboard reaches it) to give the figure room on a short screen during a
 * lesson, with five methods or with more than five tasks; opening or closing it by hand sticks.
 */
export function AccuracyTable() {
  const config = useResults((s) => s.config);
  const taskNames = useResults((s) => s.taskNames);
  const last = useResults((s) => s.evaluations.at(-1));
  const diverged = useResults((s) => s.diverged);
  const inLesson = useSettings((s) => s.scene !== NO_SCENE);
  const chosen = useUi((s) => s.accuracyTableOpen);
  const height = useSyncExternalStore(subscribeResize, windowHeight);
  if (!config || !last) return null;
  const T = taskNames.length;
  const groups = laneGroups(config);
  const seeds = seedCount(groups);
  const crowded = inLesson || groups.length >= 5 || T > 5;
  const open = chosen ?? !(height < SHORT_SCREEN && crowded);
  // A sweep's lanes share their method: they are told apart by their strength (and their index).
  const rowId = (lane: number) => (config.lanes && seeds === 1 ? `lane${lane}` : config.methods[lane]);
  const pct = (v: number) => (Number.isFinite(v) ? `${(v * 100).toFixed(1)}%` : '—');
  return (
    <section className="accuracy-now">
      <button
        type="button"
        className="accuracy-toggle"
        aria-expanded={open}
        onClick={() => useUi.setState({ accuracyTableOpen: !open })}
        title={open ? 'Fold the table, to give the figure more room' : 'Show the table'}
      >
        {open ? '▾' : '▸'} Test accuracy now (step {last.step}
        {last.full ? ', full test set' : ''}
        {seeds > 1 && open ? `; mean over ${seeds} seeds and their min–max` : ''})
      </button>
      {!open &&
        [...new Set(config.methods)].map(
          (method) =>
            diverged[method] && (
              <span
                key={method}
                className="diverged"
                data-testid={`diverged-${method}`}
                title={diverged[method].cause}
              >
                {' '}
                {METHOD_LABELS[method]} diverged at step {diverged[method].step}
              </span>
            ),
        )}
      {open && (
        <table className="accuracy-table" data-testid="accuracy-table">
          <thead>
            <tr>
              <th scope="col">Method</th>
              {taskNames.map((n, t) => (
                <th scope="col" key={n} title={`Task ${t + 1}: ${n}`}>
                  T{t + 1}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {groups.map((group) => {
              const { method, label, lanes } = group;
              const gone = diverged[method];
              return (
                <tr key={rowId(lanes[0])} data-method={method}>
                  <th scope="row">
                    <span className="swatch" style={{ background: METHOD_COLORS[method] }} /> {label}
                    {gone && lanes.includes(gone.lane) && (
                      <span className="diverged" data-testid={`diverged-${method}`} title={gone.cause}>
                        {' '}
                        diverged at step {gone.step}
                      </span>
                    )}
                  </th>
                  {taskNames.map((n, t) => {
                    const spread = groupSpread(last.accuracy, group, T, t);
                    return (
                      <td key={n} data-testid={`acc-${rowId(lanes[0])}-${t}`}>
                        {pct(spread.mean)}
                        {seeds > 1 && Number.isFinite(spread.mean) && (
                          <span className="seed-range" data-testid={`range-${rowId(lanes[0])}-${t}`}>
                            ({rangeText(spread)})
                          </span>
                        )}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
