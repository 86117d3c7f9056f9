import { describe, expect, it } from 'vitest';
import { DEFAULT_HYPERPARAMETERS, FIRST_CLICK, recommendedHyperparameters } from '../src/engine/defaults';
import { parseUrlSettings } from '../src/store/urlParams';
import { ArgumentError, parseExperimentArgs } from './experimentArgs';

const parse = (line: string) => parseExperimentArgs(line.split(' ').filter(Boolean));
const fails = (line: string, message: RegExp) => {
  expect(() => parse(line)).toThrow(ArgumentError);
  expect(() => parse(line)).toThrow(message);
};

describe('experiment arguments', () => {
  it('reads the documented command line', () => {
    const parsed = parse(
      '-- --protocol permuted-mnist --tasks 5 --methods sgd,l2,ewc,si --epochs 3 --seed 0',
    );
    expect(parsed).not.toBe('help');
    if (parsed === 'help') return;
    expect(parsed.experiment).toMatchObject({
      spec: { protocol: 'permuted-mnist', tasks: 5 },
      methods: ['sgd', 'l2', 'ewc', 'si'],
      epochs: 3,
      seed: 0,
      hyperparameters: recommendedHyperparameters('permuted-5'),
    });
    expect(parsed.json).toBe(false);
  });

  it('runs a strength sweep of one method in place of --methods', () => {
    const parsed = parse('--protocol split-mnist --scenario domain --sweep si --sweep-lanes 6 --xi 0.01');
    if (parsed === 'help') throw new Error('unexpected help');
    expect(parsed.experiment.methods).toEqual(Array(6).fill('si'));
    expect(parsed.experiment.lanes?.map((l) => l.params?.c)).toEqual([0, 0.01, 0.1, 1, 10, 100]);
    expect(parsed.experiment.hyperparameters?.xi).toBe(0.01);
    fails('--sweep sgd', /--sweep must be one of l2, ewc, si, mas/);
    fails('--sweep si --methods si', /--methods or --sweep, not both/);
    fails('--sweep l2 --lambda 1', /--sweep sets λ per lane: leave out --lambda-l2/);
    fails('--sweep-lanes 3', /--sweep-lanes goes with --sweep/);
    fails('--sweep ewc --sweep-lanes 1', /--sweep-lanes must be a whole number from 2 to 8/);
  });

  it('runs the first click with no arguments, on the seeds --seeds lists', () => {
    const parsed = parse('');
    if (parsed === 'help') throw new Error('unexpected help');
    expect(parsed.experiment).toMatchObject({
      spec: FIRST_CLICK,
      methods: ['sgd', 'l2', 'ewc', 'si'],
      epochs: 1,
      hidden: [100, 100],
      hyperparameters: DEFAULT_HYPERPARAMETERS,
    });
    expect(parsed.seeds).toEqual([0]);
    const seeds = parse('--seeds 0,1,2');
    if (seeds === 'help') throw new Error('unexpected help');
    expect(seeds.seeds).toEqual([0, 1, 2]);
    expect(seeds.seedsInTurn).toBe(false);
    const inTurn = parse('--seeds 0,1 --seeds-in-turn');
    if (inTurn === 'help') throw new Error('unexpected help');
    expect(inTurn.seedsInTurn).toBe(true);
    fails('--seeds-in-turn=1', /--seeds-in-turn takes no value/);
    fails('--seed 1 --seeds 0,1', /--seed or --seeds/);
    fails('--seeds 0,0', /twice/);
    fails('--seeds 0,x', /--seeds must be a whole number/);
  });

  it('reads seed ranges, and refuses backwards, unreadable, repeated or too many seeds', () => {
    const seeds = (line: string) => {
      const parsed = parse(line);
      if (parsed === 'help') throw new Error('unexpected help');
      return parsed.seeds;
    };
    expect(seeds('--seeds 0-19')).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(seeds('--seeds 0-4,7')).toEqual([0, 1, 2, 3, 4, 7]);
    expect(seeds('--seeds 3-3')).toEqual([3]);
    fails('--seeds 5-2', /range "5-2" runs backwards: write 2-5/);
    fails('--seeds a-b', /--seeds must be a whole number .* not "a-b"/);
    fails('--seeds 1-x', /--seeds must be a whole number .* not "x"/);
    fails('--seeds 0-4,3', /seed 3 twice/);
    fails('--seeds 0-100', /more than 100 seeds/);
    fails('--seeds 0-60,100-160', /more than 100 seeds/);
    expect(seeds('--seeds 0-99')).toHaveLength(100);
  });

  it('reads every setting, with = or a separate value', () => {
    const parsed = parse(
      '--protocol split-mnist --scenario class --methods ewc,si,l2 --c 0.5 --lambda=200 --xi 0.01 --fisher exact ' +
        '--gamma 0.9 --lr 0.01 --batch 32 --hidden 100,50 --optimizer sgd --reset-optimizer --json',
    );
    if (parsed === 'help') throw new Error('unexpected help');
    expect(parsed.experiment.spec).toEqual({ protocol: 'split-mnist', scenario: 'class' });
    expect(parsed.experiment.hidden).toEqual([100, 50]);
    expect(parsed.experiment.hyperparameters).toMatchObject({
      c: 0.5,
      lambdaEwc: 200,
      lambdaL2: 200,
      xi: 0.01,
      fisher: 'exact',
      ewcOnline: true,
      gamma: 0.9,
      learningRate: 0.01,
      batchSize: 32,
      optimizer: 'sgd',
      resetOptimizer: true,
    });
    expect(parsed.json).toBe(true);
  });

  it('reads every method parameter by its registry flag, on top of the scenario’s recommended values', () => {
    const parsed = parse(
      '--protocol split-mnist --scenario class --methods mas,replay --lambda-mas 3 --memory 200',
    );
    if (parsed === 'help') throw new Error('unexpected help');
    expect(parsed.experiment.hyperparameters).toMatchObject({
      ...recommendedHyperparameters('split-class'),
      lambdaMas: 3,
      memory: 200,
    });
  });

  it('rejects anything doubtful with one clear message', () => {
    fails('--protocol permuted', /--protocol must be one of split-mnist, permuted-mnist/);
    fails('--methods sgd,ewk', /--methods must be one of/);
    fails('--methods sgd,sgd', /twice/);
    fails('--epochs -1', /--epochs must be a whole number from 0 to 100/);
    fails('--epochs 0', /--epochs must be at least 1/);
    fails('--batch 6.5', /--batch must be a whole number/);
    fails('--tasks 11', /--tasks must be a whole number from 2 to 10/);
    fails('--tasks 1', /--tasks must be a whole number from 2 to 10/);
    fails('--hidden 100,2', /--hidden must be 1 to 4 comma-separated whole numbers from 4 to 2048/);
    fails('--fisher-samples 5', /--fisher-samples must be a whole number from 10 to 8000/);
    fails('--protocol split-mnist --tasks 3', /permuted-mnist only/);
    fails('--scenario class', /split-mnist only/);
    fails('--lr', /--lr needs a value/);
    fails('--lr --json', /--lr needs a value/);
    fails('--xi 0', /--xi must be a number from 1e-9 to 1000/);
    fails('--gamma 2', /--gamma must be a number from 0 to 1/);
    fails('--lr 0.1 --learning-rate 0.2', /--learning-rate and --lr name one setting/);
    fails('--ewc-online=1', /--ewc-online takes no value/);
    fails('--lamda 3', /Unknown option --lamda/);
    fails('--seed 1 --seed 2', /twice/);
    fails('--lambda 5 --methods sgd,si', /--lambda only affects l2 or ewc/);
    fails('--c 5 --methods sgd,ewc', /--c only affects si/);
    fails('--xi 0.1 --methods sgd', /--xi only affects si/);
    fails('--gamma 0.5 --methods si', /--gamma only affects ewc/);
    fails('--ewc-online --methods si', /--ewc-online only affects ewc/);
    fails('--memory 20.5 --methods replay', /--memory must be a whole number from 0 to 10000/);
    fails('--lambda-mas 1 --methods sgd,ewc', /--lambda-mas only affects mas/);
    fails('stray', /Unexpected argument/);
  });

  it.each(Object.getOwnPropertyNames(Object.prototype))('refuses --%s as an unknown option', (name) => {
    fails(`--${name} 1`, new RegExp(`Unknown option --${name.replace(/[$]/g, '\\$&')}`));
    fails(`--fisher ${name}`, /--fisher must be one of/);
    fails(`--methods ${name}`, /--methods must be one of/);
  });
});

describe('the shared settings on the command line', () => {
  it('read each by its one name in kebab case, and by its older flag', () => {
    const named = parse(
      '--methods ewc --learning-rate 0.01 --batch-size 32 --fisher-samples 200 --ewc-online --gamma 0.5',
    );
    const older = parse('--methods ewc --lr 0.01 --batch 32 --samples 200 --online --gamma 0.5');
    if (named === 'help' || older === 'help') throw new Error('unexpected help');
    expect(named.experiment.hyperparameters).toMatchObject({
      learningRate: 0.01,
      batchSize: 32,
      fisherSamples: 200,
      ewcOnline: true,
      gamma: 0.5,
    });
    expect(older.experiment).toEqual(named.experiment);
  });

  it('take the values a link takes', () => {
    for (const [flag, key] of [
      ['learning-rate', 'learningRate'],
      ['batch-size', 'batchSize'],
      ['fisher-samples', 'fisherSamples'],
      ['gamma', 'gamma'],
      ['tasks', 'tasks'],
      ['seed', 'seed'],
    ] as const) {
      for (const raw of ['0', '1', '2', '1.5', '1e-7', '9000', '1e12', '-1']) {
        const link = parseUrlSettings(`?${key}=${raw}`).ignored.length === 0;
        const cli = (() => {
          try {
            parse(`--methods ewc --${flag} ${raw}`);
            return true;
          } catch (e) {
            if (!(e instanceof ArgumentError)) throw e;
            return false;
          }
        })();
        expect(cli, `--${flag} ${raw}`).toBe(link);
      }
    }
  });
});
