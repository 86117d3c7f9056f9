import { describe, expect, it } from 'vitest';
import { SCENARIO_KEYS } from './data/scenarios';
import { METHOD_PARAMS } from './methods/registry';
import { readmeSection } from './readmeSection';
import { SETTINGS_TABLE_END, SETTINGS_TABLE_START, settingsReadmeTable } from './settingsReadmeTable';
import {
  type Codec,
  kebab,
  SETTING_ALIASES,
  SETTING_KEYS,
  SETTINGS,
  type SettingSpec,
} from './settingsTable';

const specs = SETTING_KEYS.map((key) => [key, SETTINGS[key] as SettingSpec<unknown>] as const);

describe('the settings table', () => {
  it('gives each setting one name, and no older name takes another setting’s or a method parameter’s', () => {
    const names = [...SETTING_KEYS, ...METHOD_PARAMS.map((p) => p.key)];
    expect(new Set(names).size).toBe(names.length);
    const older = specs.flatMap(([, s]) => s.aliases ?? []);
    expect(new Set(older).size).toBe(older.length);
    for (const alias of older) expect(names, alias).not.toContain(alias);
    const flags = [...SETTING_KEYS, ...older].map(kebab);
    for (const p of METHOD_PARAMS) expect(flags, p.flag).not.toContain(p.flag);
    expect(SETTING_ALIASES.get('lr')).toBe('learningRate');
    expect(SETTING_ALIASES.get('constructor')).toBeUndefined();
  });

  it('gives each setting a value in every scenario that its own codec reads back', () => {
    for (const [key, s] of specs) {
      expect(s.default === undefined, key).toBe(s.recommended !== undefined);
      const codec = s.codec as Codec<unknown>;
      for (const scenario of SCENARIO_KEYS) {
        const value = s.recommended ? s.recommended[scenario] : s.default;
        expect(codec.parse(codec.format(value)), `${key} in ${scenario}`).toEqual(value);
      }
    }
  });

  it('keeps each slider inside the values a link may give', () => {
    for (const [key, s] of specs) {
      if (!s.slider) continue;
      const { range } = s.codec;
      expect(range, key).toBeDefined();
      expect(s.slider.min, key).toBeGreaterThanOrEqual(range?.min ?? Number.NaN);
      expect(s.slider.max, key).toBeLessThanOrEqual(range?.max ?? Number.NaN);
      expect(s.slider.min, key).toBeLessThan(s.slider.max);
    }
  });

  it('is what the README’s settings table says (regenerate: UPDATE_README=1 npx vitest run src/engine/settingsTable.test.ts)', () => {
    const generated = settingsReadmeTable();
    expect(readmeSection(SETTINGS_TABLE_START, SETTINGS_TABLE_END, generated)).toBe(generated);
  });
});
