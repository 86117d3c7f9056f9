import { METHOD_LABELS } from '../../engine/methodIds';
import { METHOD_COLORS } from '../../engine/methods/registry';
import { CL_METHODS } from '../../engine/quadratic/methods';
import { PRESET_IDS, PRESETS, type PresetId } from '../../engine/quadratic/presets';
import { type LabOverlays, type NumericParam, useLabStore } from '../../store/labStore';
import { Slider } from '../controls/Slider';

interface SliderSpec {
  readonly param: NumericParam;
  readonly label: string;
  readonly help: string;
  readonly min: number;
  readonly max: number;
  readonly step: number;
}

const SLIDERS: readonly SliderSpec[] = [
  {
    param: 'lr',
    label: 'η learning rate',
    help: 'Step size of gradient descent. Too large for a curvature and the run diverges (η·h > 2).',
    min: 0.005,
    max: 0.5,
    step: 0.005,
  },
  {
    param: 'steps',
    label: 'steps per task',
    help: 'Gradient steps spent on each task.',
    min: 10,
    max: 1000,
    step: 10,
  },
  {
    param: 'noise',
    label: 'σ gradient noise',
    help: 'Standard deviation of Gaussian noise added to each task-gradient component, as minibatches would. Noise makes SI’s path integral exceed the loss drop.',
    min: 0,
    max: 3,
    step: 0.05,
  },
  {
    param: 'seed',
    label: 'seed',
    help: 'Seed of the gradient noise: the same seed gives the same noisy run, and every method sees the same draws.',
    min: 1,
    max: 50,
    step: 1,
  },
  {
    param: 'lambdaL2',
    label: 'λ (L2)',
    help: 'L2 strength: penalty λ·Σ(θ−θ*_A)², the same for every parameter (a circle).',
    min: 0,
    max: 5,
    step: 0.05,
  },
  {
    param: 'lambdaEwc',
    label: 'λ (EWC)',
    help: 'EWC strength: penalty λ/2·Σ F_kk(θ_k−θ*_A,k)². λ = 1 is the Bayesian choice.',
    min: 0,
    max: 20,
    step: 0.1,
  },
  {
    param: 'c',
    label: 'c (SI)',
    help: 'SI strength: penalty c·Σ Ω_k(θ_k−θ̃_k)², Ω from task A’s trajectory.',
    min: 0,
    max: 20,
    step: 0.1,
  },
  {
    param: 'xi',
    label: 'ξ (SI damping)',
    help: 'SI damping in Ω_k = ω_k/(Δ_k² + ξ): keeps Ω bounded when a parameter barely moved.',
    min: 0.001,
    max: 2,
    step: 0.001,
  },
];

const OVERLAYS: readonly { key: keyof LabOverlays; label: string; help: string }[] = [
  {
    key: 'objectives',
    label: 'Own objectives',
    help: 'Contours of each method’s own objective: task loss plus its penalty.',
  },
  {
    key: 'penalties',
    label: 'Penalty ellipses',
    help: 'Each method’s penalty around the end of A, against task A’s true (grey) ellipse.',
  },
  {
    key: 'joint',
    label: 'Joint optimum',
    help: 'Minimum of the sum of all task losses: training on everything at once.',
  },
];

/** Presets, sliders and toggles; every one a labelled form element. */
export function LabControls() {
  const settings = useLabStore((s) => s.settings);
  const store = useLabStore.getState();
  const { params, overlays, visible } = settings;
  return (
    <form className="lab-controls" aria-label="Ellipse lab settings" onSubmit={(e) => e.preventDefault()}>
      <label className="lab-field">
        Preset
        <select
          value={settings.preset}
          onChange={(e) => store.applyPreset(e.currentTarget.value as PresetId)} // options are PRESET_IDS (+ a disabled 'custom')
          title={settings.preset === 'custom' ? 'Edited on the plot' : PRESETS[settings.preset].description}
        >
          {PRESET_IDS.map((id) => (
            <option key={id} value={id}>
              {PRESETS[id].label}
            </option>
          ))}
          <option value="custom" disabled>
            Custom (edited on the plot)
          </option>
        </select>
      </label>
      {SLIDERS.map((s) => (
        <Slider
          label={s.label}
          help={s.help}
          min={s.min}
          max={s.max}
          step={s.step}
          key={s.param}
          value={params[s.param]}
          onChange={(v) => store.setParam(s.param, v)}
        />
      ))}
      <label
        className="lab-check"
        title="EWC’s Fisher: its diagonal (as in the paper) or the full matrix, to see what the diagonal loses."
      >
        <input
          type="checkbox"
          checked={params.fullFisher}
          onChange={(e) => store.setFullFisher(e.currentTarget.checked)}
        />
        Full Fisher for EWC (not just its diagonal)
      </label>
      <fieldset className="lab-toggles">
        <legend>Show</legend>
        {OVERLAYS.map((o) => (
          <label key={o.key} className="lab-check" title={o.help}>
            <input
              type="checkbox"
              checked={overlays[o.key]}
              onChange={(e) => store.setOverlay(o.key, e.currentTarget.checked)}
            />
            {o.label}
          </label>
        ))}
      </fieldset>
      <fieldset className="lab-toggles lab-methods">
        <legend>Methods</legend>
        {CL_METHODS.map((m) => (
          <label key={m} className="lab-check">
            <input
              type="checkbox"
              checked={visible[m]}
              onChange={(e) => store.setVisible(m, e.currentTarget.checked)}
            />
            <span className="lab-swatch" style={{ background: METHOD_COLORS[m] }} aria-hidden="true" />
            {METHOD_LABELS[m]}
          </label>
        ))}
      </fieldset>
      <button
        type="button"
        aria-pressed={overlays.sweep}
        title="Trace each regulariser’s converged end point as its strength goes from 0 to 10⁴."
        onClick={() => store.setOverlay('sweep', !overlays.sweep)}
      >
        Sweep strengths
      </button>
    </form>
  );
}
