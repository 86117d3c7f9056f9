import type { Hyperparameters } from './defaults';
import { METHOD_PARAMS, type MethodId } from './methods/registry';
import type { SettingsView } from './methods/types';

const PARAM_KEYS: ReadonlySet<string> = new Set(METHOD_PARAMS.map((p) => p.key));

/** Learning rates of single methods that differ from the shared one. */
export type LearningRateOverrides = Partial<Record<MethodId, number>>;

/**
 * The running settings' one owner: the shared hyperparameters, every method's parameters and the
 * per-method overrides. The runner (or the CLI) holds it; the lockstep, the learners and the
 * methods' hooks read it when they need a value and keep no copies. `version` counts changes, so
 * a reader can tell cheaply that something changed since it last looked.
 */
export class RunningSettings implements SettingsView {
  private values: Hyperparameters;
  private rates: LearningRateOverrides;
  private changes = 0;

  constructor(hp: Hyperparameters, learningRates: LearningRateOverrides = {}) {
    this.values = { ...hp };
    this.rates = { ...learningRates };
  }

  get hp(): Readonly<Hyperparameters> {
    return this.values;
  }

  get version(): number {
    return this.changes;
  }

  param(key: string): number {
    if (!PARAM_KEYS.has(key)) throw new RangeError(`No method parameter "${key}".`);
    return this.values[key as keyof Hyperparameters] as number;
  }

  /** A copy of the per-method overrides. */
  get learningRates(): LearningRateOverrides {
    return { ...this.rates };
  }

  /** The learning rate `method` trains with: its own, or the shared one. */
  learningRate(method: MethodId): number {
    return this.rates[method] ?? this.values.learningRate;
  }

  update(patch: Partial<Hyperparameters>): void {
    this.values = { ...this.values, ...patch };
    this.changes++;
  }

  /** Replaces every per-method learning rate; a method not listed uses the shared rate. */
  setLearningRates(rates: LearningRateOverrides): void {
    this.rates = { ...rates };
    this.changes++;
  }
}
