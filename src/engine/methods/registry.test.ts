import { describe, expect, it } from 'vitest';
import { readmeSection } from '../readmeSection';
import { methodsTable, README_TABLE_END, README_TABLE_START } from './readmeTable';
import { IMPORTANCE_MEASURES, METHOD_PARAMS, METHODS } from './registry';

const unique = (xs: readonly string[]) => new Set(xs).size === xs.length;

describe('the method registry', () => {
  it('gives every method a unique id, label and colour', () => {
    expect(unique(METHODS.map((m) => m.id))).toBe(true);
    expect(unique(METHODS.map((m) => m.label))).toBe(true);
    expect(unique(METHODS.map((m) => m.color.toLowerCase()))).toBe(true);
    for (const m of METHODS) {
      expect(m.id).toMatch(/^[a-z][a-z0-9]*$/);
      expect(m.color).toMatch(/^#[0-9A-Fa-f]{6}$/);
      expect(m.summary.length).toBeGreaterThan(10);
    }
  });

  it('gives every method with a penalty a strength slider', () => {
    for (const m of METHODS) if (m.penalty) expect(m.params.length).toBeGreaterThan(0);
  });

  it('gives every parameter a unique key and flag, and a recommended value its slider and links can reach', () => {
    expect(unique(METHOD_PARAMS.map((p) => p.key))).toBe(true);
    expect(unique(METHOD_PARAMS.map((p) => p.flag))).toBe(true);
    for (const p of METHOD_PARAMS) {
      expect(p.slider.min).toBeGreaterThanOrEqual(p.range.min);
      expect(p.slider.max).toBeLessThanOrEqual(p.range.max);
      for (const value of Object.values(p.recommended)) {
        expect(value).toBeGreaterThanOrEqual(p.slider.min);
        expect(value).toBeLessThanOrEqual(p.slider.max);
      }
    }
  });

  it('gives every importance measure a unique id', () => {
    expect(unique(IMPORTANCE_MEASURES.map((m) => m.id))).toBe(true);
  });

  it('is what the README’s method table says (regenerate: UPDATE_README=1 npx vitest run src/engine/methods)', () => {
    expect(readmeSection(README_TABLE_START, README_TABLE_END, methodsTable())).toBe(methodsTable());
  });
});
