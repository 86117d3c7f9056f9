import { useEffect, useRef } from 'react';
import { scenarioKeyOf } from '../../engine/data/scenarios';
import {
  learningRateKey,
  METHOD_COLORS,
  METHOD_IDS,
  METHOD_LABELS,
  METHODS,
  type MethodId,
} from '../../engine/methods/registry';
import { type Codec, SETTINGS } from '../../engine/settingsTable';
import { SCENARIO_STORIES } from '../../engine/stories';
import { sweptParam } from '../../engine/sweep';
import { answerNewRun, askNewRun, type Structural, usePendingRun } from '../../store/pendingRun';
import { isRecommendedKey, recommendedSettings } from '../../store/recommended';
import { useSettings } from '../../store/settings';
import { MAX_METHOD_LEARNING_RATE, type UrlSettings } from '../../store/urlParams';
import { Slider } from '../controls/Slider';
import { type RunSliderSpec, STRENGTH_SLIDERS, settingSlider } from './runSliders';
import { SeedSpreadControl } from './SeedSpreadControl';
import { SweepControls } from './SweepControls';

const NETWORK_SIZES = ['32,32', '64,64', '100,100', '128,128', '256,256', '400,400', '1000,1000'];

/** A menu's options, from the settings table. */
const options = (codec: Codec<string>) =>
  Object.entries(codec.choices ?? {}).map(([value, label]) => (
    <option key={value} value={value}>
      {label}
    </option>
  ));
const TASKS = SETTINGS.tasks.codec.range!;

const SCENARIO_HELP = {
  task: 'Task-incremental: one 2-way head per task; the active task picks the head.',
  domain: 'Domain-incremental: one shared 2-way head ("first or second digit of the pair").',
  class: 'Class-incremental: one shared 10-way head; prior-based methods cannot solve it.',
} as const;

/**
 * A slider bound to one numeric setting; changes take effect in the worker on the next step. A
 * setting the scenario recommends marks the recommended value and offers to go back to it.
 */
function RunSlider({ spec }: { spec: RunSliderSpec }) {
  const value = useSettings((s) => s[spec.setting]);
  const protocol = useSettings((s) => s.protocol);
  const scenario = useSettings((s) => s.scenario);
  const tasks = useSettings((s) => s.tasks);
  const set = useSettings((s) => s.set);
  const { setting, ...props } = spec;
  const recommended = isRecommendedKey(setting)
    ? (recommendedSettings({ protocol, scenario, tasks })[setting] as number)
    : undefined;
  return (
    <Slider {...props} value={value} recommended={recommended} onChange={(v) => set({ [setting]: v })} />
  );
}

/** "Start a new run?" while a structural change waits; brought into view whenever a refused action asks. */
function NewRunQuestion() {
  const pending = usePendingRun((p) => p.patch !== null);
  const reminders = usePendingRun((p) => p.reminders);
  const box = useRef<HTMLDivElement>(null);
  const yes = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (pending) box.current?.scrollIntoView({ block: 'nearest' });
  }, [pending]);
  useEffect(() => {
    if (reminders === 0) return;
    box.current?.scrollIntoView({ block: 'nearest' });
    yes.current?.focus();
  }, [reminders]);
  if (!pending) return null;
  return (
    <div
      className="confirm"
      role="alertdialog"
      aria-label="Start a new run?"
      ref={box}
      data-testid="new-run-question"
    >
      <span>This starts a new run; the curves so far are cleared.</span>
      <button type="button" ref={yes} onClick={() => answerNewRun(true)}>
        Start new run
      </button>
      <button type="button" onClick={() => answerNewRun(false)} title="Esc">
        Keep this run
      </button>
    </div>
  );
}

/** The scenario, the methods and every hyperparameter; structural changes ask first. */
export function RunSettings() {
  const s = useSettings();
  const story = SCENARIO_STORIES[scenarioKeyOf(s)];
  const recommendedHidden = recommendedSettings(s).hidden.join(',');
  // Only the parameters of the methods in this run.
  // A sweep's lanes fix the swept strength: its slider would move nothing.
  const swept = s.sweep === 'off' ? null : sweptParam(s.sweep)?.key;
  const strengths = STRENGTH_SLIDERS.filter(({ owner, spec }) =>
    s.sweep === 'off' ? s.methods.includes(owner) : owner === s.sweep && spec.setting !== swept,
  );
  const toggleMethod = (id: MethodId) => {
    const methods = s.methods.includes(id) ? s.methods.filter((m) => m !== id) : [...s.methods, id];
    if (methods.length > 0) askNewRun({ methods: METHOD_IDS.filter((m) => methods.includes(m)) });
  };

  return (
    <aside className="run-settings" aria-label="Run settings">
      <fieldset>
        <legend>Scenario</legend>
        <label>
          Protocol{' '}
          <select
            value={s.protocol}
            onChange={(e) => askNewRun({ protocol: e.target.value as Structural['protocol'] })}
          >
            {options(SETTINGS.protocol.codec)}
          </select>
        </label>
        {s.protocol === 'split-mnist' ? (
          <label title={SCENARIO_HELP[s.scenario]}>
            {SETTINGS.scenario.label}{' '}
            <select
              value={s.scenario}
              onChange={(e) => askNewRun({ scenario: e.target.value as Structural['scenario'] })}
            >
              {options(SETTINGS.scenario.codec)}
            </select>
          </label>
        ) : (
          <label>
            {SETTINGS.tasks.label}{' '}
            <input
              type="number"
              min={TASKS.min}
              max={TASKS.max}
              value={s.tasks}
              onChange={(e) => {
                const n = SETTINGS.tasks.codec.parse(e.target.value);
                if (n !== undefined) askNewRun({ tasks: n });
              }}
            />
          </label>
        )}
        <label title="Hidden layers of the MLP, 784 → … → out (ReLU). The SI paper used two of 256 for split MNIST; rec.: the scenario's recommendation.">
          Hidden layers{' '}
          <select
            value={s.hidden.join(',')}
            onChange={(e) => askNewRun({ hidden: e.target.value.split(',').map(Number) })}
          >
            {[...new Set([...NETWORK_SIZES, recommendedHidden, s.hidden.join(',')])].map((h) => (
              <option key={h} value={h}>
                {h.replaceAll(',', ' → ')}
                {h === recommendedHidden ? ' (rec.)' : ''}
              </option>
            ))}
          </select>
        </label>
        <p className="scenario-story" data-testid="scenario-story">
          {story.line}
        </p>
        {/* A sweep trains lanes of one method instead of these. */}
        {s.sweep === 'off' && (
          <fieldset className="methods">
            <legend className="visually-hidden">Methods</legend>
            {METHODS.map(({ id, label, summary }) => (
              <label key={id} className="method-toggle" title={summary}>
                <input type="checkbox" checked={s.methods.includes(id)} onChange={() => toggleMethod(id)} />
                <span className="swatch" style={{ background: METHOD_COLORS[id] }} /> {label}
              </label>
            ))}
          </fieldset>
        )}
        <SweepControls />
        <NewRunQuestion />
      </fieldset>

      <fieldset>
        <legend>Strengths</legend>
        {strengths.length === 0 && (
          <p className="seed">
            {swept
              ? 'Each lane of the sweep has its own strength.'
              : 'No method in this run has a strength to set.'}
          </p>
        )}
        {strengths.map(({ spec }) => (
          <RunSlider key={spec.setting} spec={spec} />
        ))}
      </fieldset>

      <fieldset>
        <legend>Training</legend>
        <RunSlider spec={settingSlider('learningRate')} />
        <details className="per-method">
          <summary>Per-method learning rates</summary>
          {s.methods.map((id) => (
            <label key={id}>
              {METHOD_LABELS[id]} <var>η</var>{' '}
              <input
                type="number"
                min={0}
                max={MAX_METHOD_LEARNING_RATE}
                step="any"
                placeholder="shared"
                value={s[learningRateKey(id)] || ''}
                data-testid={`lr-${id}`}
                onChange={(e) => {
                  const lr = e.target.value === '' ? 0 : Number(e.target.value);
                  if (Number.isFinite(lr) && lr >= 0 && lr <= MAX_METHOD_LEARNING_RATE)
                    s.set({ [learningRateKey(id)]: lr });
                }}
              />
            </label>
          ))}
        </details>
        <RunSlider spec={settingSlider('batchSize')} />
        <label title={SETTINGS.fisher.help}>
          {SETTINGS.fisher.label}{' '}
          <select
            value={s.fisher}
            onChange={(e) => s.set({ fisher: e.target.value as UrlSettings['fisher'] })}
          >
            {options(SETTINGS.fisher.codec)}
          </select>
        </label>
        <RunSlider spec={settingSlider('fisherSamples')} />
        <label title={SETTINGS.ewcOnline.help}>
          <input
            type="checkbox"
            checked={s.ewcOnline}
            onChange={(e) => s.set({ ewcOnline: e.target.checked })}
          />{' '}
          {SETTINGS.ewcOnline.label}
        </label>
        {s.ewcOnline && <RunSlider spec={settingSlider('gamma')} />}
      </fieldset>

      <fieldset>
        <legend>Schedule</legend>
        <RunSlider spec={settingSlider('epochs')} />
        <RunSlider spec={settingSlider('speed')} />
        <p className="seed">Seed {s.seed}</p>
        <SeedSpreadControl />
      </fieldset>
    </aside>
  );
}
