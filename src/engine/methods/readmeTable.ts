/** The README's method table, generated from the registry (a unit test keeps README.md in step). */
import { SCENARIO_KEYS } from '../data/scenarios';
import { learningRateKey, METHODS } from './registry';
import type { MethodParam } from './types';

const code = (s: string) => `\`${s}\``;

function paramCell(p: MethodParam): string {
  const recommended = SCENARIO_KEYS.map((k) => p.recommended[k]).join(' / ');
  const flags = [`--${p.flag}`, ...(p.sharedFlag ? [`--${p.sharedFlag}`] : [])].map(code).join(', ');
  return `${p.symbol} (${p.label}): ${code(p.key)}, ${flags}; recommended ${recommended}`;
}

export const README_TABLE_START = '<!-- methods table: generated from src/engine/methods/registry.ts -->';
export const README_TABLE_END = '<!-- end of methods table -->';

export function methodsTable(): string {
  const rows = METHODS.map((m) =>
    [
      `**${m.label}** (${code(m.id)})`,
      m.summary,
      m.penalty ? `$${m.penalty.tex}$` : '—',
      m.params.length ? m.params.map(paramCell).join('<br>') : '—',
      code(learningRateKey(m.id)),
      code(`src/engine/methods/${m.id}.ts`),
    ].join(' | '),
  );
  return [
    README_TABLE_START,
    `| method | what it does | penalty | parameters (URL key, CLI flag; recommended ${SCENARIO_KEYS.join(' / ')}) | own learning rate | file |`,
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r} |`),
    README_TABLE_END,
  ].join('\n');
}
