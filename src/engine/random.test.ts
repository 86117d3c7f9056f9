import { describe, expect, it } from 'vitest';
import { createRng, deriveSeed, permutation } from './random';

const draw = (seed: number) => {
  const rng = createRng(seed);
  return [rng.next(), rng.int(1000), rng.normal(), rng.next()];
};

describe('seeded randomness', () => {
  it('repeats itself for one seed and differs for another', () => {
    expect(draw(42)).toEqual(draw(42));
    expect(draw(43)).not.toEqual(draw(42));
  });

  it('draws uniforms in [0, 1) with the right mean', () => {
    const rng = createRng(7);
    const xs = Array.from({ length: 20000 }, () => rng.next());
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(xs.reduce((s, x) => s + x, 0) / xs.length).toBeCloseTo(0.5, 2);
  });

  it('derives distinct, stable seeds per label', () => {
    expect(deriveSeed(0, 'permutation', 1)).toBe(deriveSeed(0, 'permutation', 1));
    expect(deriveSeed(0, 'permutation', 1)).not.toBe(deriveSeed(0, 'permutation', 2));
    expect(deriveSeed(0, 'permutation', 1)).not.toBe(deriveSeed(1, 'permutation', 1));
  });

  it('builds a permutation of 0..n-1', () => {
    const p = permutation(100, createRng(3));
    expect([...p].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect([...p]).not.toEqual(Array.from({ length: 100 }, (_, i) => i));
  });
});
