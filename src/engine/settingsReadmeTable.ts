/** The README's table of shared settings, generated from the settings table (a unit test keeps README.md in step). */
import { SCENARIO_KEYS } from './data/scenarios';
import { type Codec, kebab, SETTING_KEYS, SETTINGS, type SettingSpec } from './settingsTable';

const code = (s: string) => `\`${s}\``;

function valueCell(s: SettingSpec<unknown>): string {
  const codec = s.codec as Codec<unknown>;
  const one = (v: unknown) => code(codec.format(v));
  if (s.recommended) return `recommended: ${SCENARIO_KEYS.map((k) => one(s.recommended?.[k])).join(' / ')}`;
  return one(s.default);
}

export const SETTINGS_TABLE_START = '<!-- settings table: generated from src/engine/settingsTable.ts -->';
export const SETTINGS_TABLE_END = '<!-- end of settings table -->';

export function settingsReadmeTable(): string {
  const rows = SETTING_KEYS.map((key) => {
    const s = SETTINGS[key] as SettingSpec<unknown>;
    return [
      `${s.label} ${s.symbol ? `(${s.symbol})` : ''}`.trim(),
      s.in.includes('url') ? code(key) : '—',
      s.in.includes('cli') ? code(`--${kebab(key)}`) : '—',
      s.in.includes('engine') ? code(key) : '—',
      (s.aliases ?? []).map(code).join(', ') || '—',
      s.codec.choices ? Object.keys(s.codec.choices).map(code).join(', ') : s.codec.describe,
      valueCell(s),
      s.help,
    ].join(' | ');
  });
  return [
    SETTINGS_TABLE_START,
    `| setting | URL key | CLI flag | engine | older URL key (and flag) | values | default (${SCENARIO_KEYS.join(' / ')}) | what it does |`,
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r} |`),
    SETTINGS_TABLE_END,
  ].join('\n');
}
