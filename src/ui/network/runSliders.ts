/** The network run's numeric settings as slider specs: what each means, its range and scale. */
import type { UrlSettings } from '../../store/urlParams';
import type { SliderProps } from '../controls/Slider';

type NumericSetting = {
  [K in keyof UrlSettings]: UrlSettings[K] extends number ? K : never;
}[keyof UrlSettings];

export type RunSliderSpec = Omit<SliderProps, 'value' | 'onChange'> & { setting: NumericSetting };

export const STRENGTH_SLIDERS: RunSliderSpec[] = [
  {
    setting: 'c',
    label: 'SI strength',
    symbol: 'c',
    help: "Weight of SI's surrogate loss c·ΣΩₖ(θₖ−θ̃ₖ)². Larger: less forgetting, less room for the new task.",
    min: 1e-3,
    max: 1e3,
    log: true,
    testId: 'slider-c',
  },
  {
    setting: 'xi',
    label: 'SI damping',
    symbol: 'ξ',
    help: 'Damping in Ωₖ += ωₖ/(Δₖ² + ξ): keeps Ω finite for parameters that barely moved.',
    note: 'Applies at the next task switch.',
    min: 1e-4,
    max: 10,
    log: true,
    testId: 'slider-xi',
  },
  {
    setting: 'lambdaEwc',
    label: 'EWC strength',
    symbol: 'λ',
    help: "Weight of EWC's penalty λ/2·ΣFₖ(θₖ−θ*ₖ)², F the diagonal Fisher at the end of each task.",
    min: 1,
    max: 1e6,
    log: true,
    testId: 'slider-lambda-ewc',
  },
  {
    setting: 'lambdaL2',
    label: 'L2 strength',
    symbol: 'λ',
    help: "Weight of the uniform penalty λ·Σ(θ−θ*)² around the previous task's weights: every parameter equally rigid.",
    min: 1e-4,
    max: 10,
    log: true,
    testId: 'slider-lambda-l2',
  },
];

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
