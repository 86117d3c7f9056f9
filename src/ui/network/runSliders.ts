/** The network run's numeric settings as slider specs: what each means, its range and scale. */
import { METHOD_PARAMS, type MethodId, type OwnedParam } from '../../engine/methods/registry';
import { kebab, SETTINGS, type SettingKey } from '../../engine/settingsTable';
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
    testId: `slider-${kebab(p.key)}`,
  };
}

/** Every method parameter's slider, from the registry, with the method that reads it. */
export const STRENGTH_SLIDERS: readonly { owner: MethodId; spec: RunSliderSpec }[] = METHOD_PARAMS.map(
  (p) => ({
    owner: p.owner,
    spec: paramSlider(p),
  }),
);

/** The slider of a shared setting that has one in the settings table, e.g. `learningRate` → `slider-learning-rate`. */
export function settingSlider(key: SettingKey & NumericSetting): RunSliderSpec {
  const { label, symbol, help, slider } = SETTINGS[key];
  if (!slider) throw new RangeError(`The setting "${key}" has no slider.`);
  return { setting: key, label, symbol, help, ...slider, testId: `slider-${kebab(key)}` };
}
