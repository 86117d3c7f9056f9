import { MAX_SEED_LANES, MIN_SEED_LANES } from '../../engine/seedLanes';
import { askNewRun } from '../../store/pendingRun';
import { useSettings } from '../../store/settings';

/**
 * What the option costs, measured: steps per second of the first click's four methods on 1, 3 and
 * 8 seeds as lanes (`npm run bench -- fused`, WASM in Node on the 2-core build machine under load).
 */
const MEASURED = '4 methods on WASM: 52 steps/s on 1 seed, 16 on 3, 6.2 on 8';

/** 2 … 8: the seeds the option offers (1 is "off"). */
const CHOICES = Array.from({ length: MAX_SEED_LANES - MIN_SEED_LANES }, (_, k) => MIN_SEED_LANES + 1 + k);

/**
 * "Spread over seeds": every method trained on K seeds side by side (lanes of the one run), the
 * figures drawing each method's mean over a band from its lowest to its highest seed. Changing it
 * starts a new run; a strength sweep's lanes take its place.
 */
export function SeedSpreadControl() {
  const seedLanes = useSettings((s) => s.seedLanes);
  const seed = useSettings((s) => s.seed);
  const methods = useSettings((s) => s.methods.length);
  const sweeping = useSettings((s) => s.sweep !== 'off');
  const on = seedLanes > 1 && !sweeping;
  return (
    <div className="seed-spread">
      <label title="Train every method on several seeds at once and draw each curve as the mean over them, with the band from the lowest to the highest seed: is a difference an effect, or luck?">
        Spread over seeds{' '}
        <select
          value={sweeping ? 1 : seedLanes}
          disabled={sweeping}
          data-testid="seed-lanes"
          onChange={(e) => askNewRun({ seedLanes: Number(e.target.value) })}
        >
          <option value={1}>off</option>
          {CHOICES.map((k) => (
            <option key={k} value={k}>
              {k} seeds
            </option>
          ))}
        </select>
      </label>
      <p className="seed" data-testid="seed-lanes-cost">
        {sweeping
          ? 'Off during a strength sweep: its lanes vary the strength.'
          : on
            ? `Seeds ${seed}–${seed + seedLanes - 1}: ${methods * seedLanes} lanes, each step about ${seedLanes}× slower (measured, ${MEASURED}).`
            : `Each method on one seed. K seeds: each step about K× slower (measured, ${MEASURED}).`}
      </p>
    </div>
  );
}
