/** The network run's numeric settings as slider specs: what each means, its range and scale. */
import { METHOD_PARAMS, type MethodId, type OwnedParam } from '../../engine/methods/registry';
import type { UrlSettings } from '../../store/urlParams';
import type { SliderProps } from '../controls/Slider';

type NumericSetting = {
  [K in keyof UrlSettings]: UrlSettings[K] extends number ? K : never;
}[keyof UrlSettings];

export type RunSliderSpec = Omit<SliderProps, 'value' | 'onChange'> & { setting: NumericSetting };

/** A method parameter's slider, e.g. `lambdaEwc` → test id `slider-lambda-ewc`. */
export function paramSlider(p: OwnedParam): RunSliderSpec {
  return {
    setting: p.key,
    label: p.label,
    symbol: p.symbol,
    help: p.help,
    note: p.note,
    ...p.slider,
    testId: `slider-${p.key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`,
  };
}

/** Every method parameter's slider, from the registry, with the method that reads it. */
export const STRENGTH_SLIDERS: readonly { owner: MethodId; spec: RunSliderSpec }[] = METHOD_PARAMS.map(
  (p) => ({
    owner: p.owner,
    spec: paramSlider(p),
  }),
);

export const LEARNING_RATE_SLIDER: RunSliderSpec = {
  setting: 'lr',
  label: 'Learning rate',
  symbol: 'η',
  help: "Adam's step size. Too large and a method diverges; it is then stopped and marked.",
  min: 1e-5,
  max: 10,
  log: true,
  testId: 'slider-lr',
};

export const BATCH_SLIDER: RunSliderSpec = {
  setting: 'batch',
  label: 'Batch size',
  help: 'Examples per minibatch; every method sees the same minibatches.',
  min: 8,
  max: 512,
  step: 8,
};

export const FISHER_SAMPLES_SLIDER: RunSliderSpec = {
  setting: 'samples',
  label: 'Fisher samples',
  help: 'Examples of the finished task used to estimate the Fisher.',
  min: 50,
  max: 2000,
  step: 50,
};

export const GAMMA_SLIDER: RunSliderSpec = {
  setting: 'gamma',
  label: 'Online decay',
  symbol: 'γ',
  help: 'How much of the old Fisher online EWC keeps at each task switch.',
  min: 0,
  max: 1,
  step: 0.05,
};

export const SCHEDULE_SLIDERS: RunSliderSpec[] = [
  {
    setting: 'epochs',
    label: 'Epochs per task',
    help: '0: switch tasks by hand (buttons or keys 1–9). Otherwise: this many epochs, then the next task.',
    min: 0,
    max: 20,
  },
  {
    setting: 'speed',
    label: 'Speed (steps/s)',
    help: '0: as fast as the backend goes. Lower it to watch forgetting happen slowly.',
    min: 0,
    max: 200,
    step: 5,
  },
];
