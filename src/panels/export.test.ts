import { describe, expect, it } from 'vitest';
import { exportName, toCsv } from './export';

describe('export', () => {
  it('names files after the panel, the settings and the seed', () => {
    const base = { methods: ['sgd' as const], hidden: [32], tasks: 5, seed: 0 };
    expect(exportName('forgetting-curves', { ...base, protocol: 'split-mnist', scenario: 'domain' })).toBe(
      'forgetting-curves_split-mnist-domain_seed0',
    );
    expect(
      exportName('omega-vs-fisher', { ...base, protocol: 'permuted-mnist', scenario: 'domain', seed: 7 }),
    ).toBe('omega-vs-fisher_permuted-mnist-5tasks_seed7');
    expect(exportName('x', null)).toBe('x');
  });

  it('quotes CSV fields that need it and leaves non-finite numbers empty', () => {
    expect(
      toCsv([
        ['a', 'b,c'],
        [1.5, Number.NaN],
        ['say "hi"', 2],
      ]),
    ).toBe('a,"b,c"\n1.5,\n"say ""hi""",2\n');
  });
});
