import { scenarioKeyOf } from '../../engine/data/scenarios';
import { METHOD_LABELS, type MethodId } from '../../engine/methodIds';
import {
  formatStrength,
  MAX_SWEEP_LANES,
  MIN_SWEEP_LANES,
  SWEEP_METHODS,
  sweepStrengths,
  sweptParam,
} from '../../engine/sweep';
import { askNewRun } from '../../store/pendingRun';
import { useSettings } from '../../store/settings';

/**
 * The strength sweep: a method and a lane count; the run then trains that many lanes of the method
 * at log-spaced strengths (0 first) instead of the methods above. Both start a new run.
 */
export function SweepControls() {
  const s = useSettings();
  const strengths = s.sweep === 'off' ? [] : sweepStrengths(s.sweep, s.sweepLanes, scenarioKeyOf(s));
  const symbol = s.sweep === 'off' ? '' : sweptParam(s.sweep)?.symbol;
  return (
    <div className="sweep-controls">
      <label title="Train lanes of one method at log-spaced strengths (0 first) instead of the methods above, and plot accuracy against strength.">
        Strength sweep{' '}
        <select
          value={s.sweep}
          data-testid="sweep-method"
          onChange={(e) => askNewRun({ sweep: e.target.value as MethodId | 'off' })}
        >
          <option value="off">off</option>
          {SWEEP_METHODS.map((m) => (
            <option key={m} value={m}>
              {METHOD_LABELS[m]}
            </option>
          ))}
        </select>
      </label>
      {s.sweep !== 'off' && (
        <>
          <label>
            Lanes{' '}
            <input
              type="number"
              min={MIN_SWEEP_LANES}
              max={MAX_SWEEP_LANES}
              value={s.sweepLanes}
              onChange={(e) => {
                const n = Number(e.target.value);
                if (Number.isInteger(n) && n >= MIN_SWEEP_LANES && n <= MAX_SWEEP_LANES)
                  askNewRun({ sweepLanes: n });
              }}
            />
          </label>
          <p className="seed" data-testid="sweep-strengths">
            {symbol} = {strengths.map(formatStrength).join(', ')}
          </p>
        </>
      )}
    </div>
  );
}
