import { type ReactNode, useEffect } from 'react';
import { METHOD_LABELS, type MethodId } from '../../engine/methodIds';
import { consolidatedBoundaries } from '../../panels/importanceData';
import { type ImportanceOptions, measureLabel, measureShortName } from '../../panels/importanceOptions';
import { landscapeReady } from '../../panels/landscapeData';
import { useResults } from '../../store/results';
import { session } from '../../store/session';
import { useSettings } from '../../store/settings';

/** One empty list for every read before the first run: a fresh `[]` each time would never settle (React #185). */
const NO_METHODS: MethodId[] = [];

/** A labelled drop-down; `name` is its accessible name when the short visible label is not enough. */
function Select({
  label,
  name = label,
  value,
  onChange,
  children,
}: {
  label: string;
  name?: string;
  value: string;
  onChange: (v: string) => void;
  children: ReactNode;
}) {
  return (
    <label className="panel-option">
      {label}{' '}
      <select aria-label={name} value={value} onChange={(e) => onChange(e.target.value)}>
        {children}
      </select>
    </label>
  );
}

/** Which boundary (and, for the scatter, which layer, method's weights and two measures) the importance panels show. */
export function ImportanceControls({
  options,
  onChange,
  full,
}: {
  options: ImportanceOptions;
  onChange: (o: ImportanceOptions) => void;
  full: boolean;
}) {
  const switches = useResults((s) => s.switches);
  const methods = useResults((s) => s.config?.methods ?? NO_METHODS);
  const boundaries = consolidatedBoundaries(switches);
  const layers = boundaries.at(-1)?.sw.boundary?.[0]?.layers ?? [];
  const layerNames = layers.map((l) => l.layer);
  // The axes offer every measure the boundary reported: each method's declared importances.
  const measures = layers[0]?.measures.map((m) => m.id) ?? [options.x, options.y];
  const set = (patch: Partial<ImportanceOptions>) => onChange({ ...options, ...patch });
  return (
    <span className="panel-options">
      <Select label="After" value={String(options.boundary)} onChange={(v) => set({ boundary: Number(v) })}>
        <option value="-1">latest</option>
        {boundaries.map(({ sw }, k) => (
          <option key={sw.step} value={k}>
            task {sw.from + 1} (step {sw.step}){sw.released ? ' — values let go' : ''}
          </option>
        ))}
      </Select>
      {full && (
        <>
          <Select label="Layer" value={options.layer ?? ''} onChange={(v) => set({ layer: v || null })}>
            <option value="">all</option>
            {layerNames.map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
          </Select>
          <Select label="Weights" value={options.method} onChange={(v) => set({ method: v as MethodId })}>
            {methods.map((m) => (
              <option key={m} value={m}>
                {METHOD_LABELS[m]}
              </option>
            ))}
          </Select>
          {(['x', 'y'] as const).map((axis) => (
            <Select
              key={axis}
              label={axis}
              name={`${axis} axis`}
              value={options[axis]}
              onChange={(v) => set({ [axis]: v })}
            >
              {measures.map((id) => (
                <option key={id} value={id} title={measureLabel(id)}>
                  {measureShortName(id)}
                </option>
              ))}
            </Select>
          ))}
        </>
      )}
    </span>
  );
}

/** The forgetting curves' accuracy axis: 0–100 % or zoomed to the data (kept in the URL). */
export function ZoomToggle() {
  const zoom = useSettings((s) => s.zoom);
  const set = useSettings((s) => s.set);
  return (
    <span className="panel-options">
      <button
        type="button"
        aria-pressed={zoom}
        onClick={() => set({ zoom: !zoom })}
        aria-label="Zoom the accuracy axis to the data"
        title="Zoom the accuracy axis to the data, or show 0–100 %"
      >
        Zoom
      </button>
    </span>
  );
}

/**
 * The landscape is computed in the worker as soon as its tab is shown and it can be (one finished
 * task and the next one trained); the button recomputes it for where the run is now.
 */
export function LandscapeButton() {
  const ready = useResults(landscapeReady);
  const progress = useResults((s) => s.landscapeProgress);
  const computed = useResults((s) => s.landscape !== null);
  useEffect(() => {
    if (ready && !computed && !useResults.getState().landscapeProgress) session.landscape();
  }, [ready, computed]);
  return (
    <span className="panel-options">
      <button type="button" disabled={!ready || progress !== null} onClick={() => session.landscape()}>
        {computed ? 'Recompute' : 'Compute'} landscape
      </button>
      {progress && <progress max={progress.total} value={progress.done} aria-label="Landscape progress" />}
    </span>
  );
}
