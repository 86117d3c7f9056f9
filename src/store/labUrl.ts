/**
 * The ellipse lab's settings in the URL, beside the main ones: the preset, every slider, the Fisher
 * choice and, once the tasks were dragged, their geometry. Values equal to the preset's are left out.
 */

import { PRESET_IDS } from '../engine/quadratic/presets';
import type { QuadTask } from '../engine/quadratic/task';
import { bool, type Field, number, oneOf } from '../engine/settingsTable';
import { defaultLabSettings, type LabSettings } from './labStore';
import { givenTwice, shorten } from './urlParams';

type Params = LabSettings['params'];
type ScalarKey = 'lr' | 'steps' | 'noise' | 'seed' | 'lambdaL2' | 'lambdaEwc' | 'c' | 'xi' | 'fullFisher';

const SCALARS: { [K in ScalarKey]: [string, Field<Params[K]>] } = {
  lr: ['labLr', number(1e-4, 2)],
  steps: ['labSteps', number(1, 5000, true)],
  noise: ['labNoise', number(0, 10)],
  seed: ['labSeed', number(0, 2 ** 31 - 1, true)],
  lambdaL2: ['labLambdaL2', number(0, 1e4)],
  lambdaEwc: ['labLambdaEwc', number(0, 1e4)],
  c: ['labC', number(0, 1e4)],
  xi: ['labXi', number(1e-9, 1e3)],
  fullFisher: ['labFull', bool],
};

const round = (v: number) => Number(v.toPrecision(5));

/** Tasks as "cx,cy,h1,h2,angle;…": centre, the two curvatures, the rotation in radians. */
const tasksField: Field<QuadTask[]> = {
  parse: (raw) => {
    const tasks = raw.split(';').map((t) => t.split(',').map(Number));
    const ok =
      tasks.length >= 2 &&
      tasks.length <= 3 &&
      tasks.every((t) => t.length === 5 && t.every(Number.isFinite));
    if (!ok || tasks.some(([, , h1, h2]) => !(h1 > 0 && h2 > 0 && h1 < 1e3 && h2 < 1e3))) return undefined;
    return tasks.map(([cx, cy, h1, h2, angle]) => ({ centre: [cx, cy], curvatures: [h1, h2], angle }));
  },
  format: (tasks) => tasks.map((t) => [...t.centre, ...t.curvatures, t.angle].map(round).join(',')).join(';'),
};

const pointField: Field<[number, number]> = {
  parse: (raw) => {
    const p = raw.split(',').map(Number);
    return p.length === 2 && p.every((v) => Number.isFinite(v) && Math.abs(v) < 1e3)
      ? [p[0], p[1]]
      : undefined;
  },
  format: (p) => p.map(round).join(','),
};

const presetField = oneOf([...PRESET_IDS, 'custom'] as const);

export const LAB_URL_KEYS: ReadonlySet<string> = new Set([
  'labPreset',
  'labTasks',
  'labStart',
  ...Object.values(SCALARS).map(([key]) => key),
]);

/** The lab's query parameters: only what differs from its preset. */
export function formatLabSettings(s: LabSettings): [string, string][] {
  const base = defaultLabSettings(s.preset === 'custom' ? undefined : s.preset).params;
  const out: [string, string][] = [];
  if (s.preset !== defaultLabSettings().preset) out.push(['labPreset', s.preset]);
  if (s.preset === 'custom') {
    out.push(['labTasks', tasksField.format([...s.params.tasks])]);
    out.push(['labStart', pointField.format([s.params.theta0[0], s.params.theta0[1]])]);
  }
  for (const [param, [key, field]] of Object.entries(SCALARS) as [ScalarKey, [string, Field<unknown>]][]) {
    if (s.params[param] !== base[param]) out.push([key, field.format(s.params[param])]);
  }
  return out;
}

/** The lab's settings from a query string (null when it names none), and what was ignored. */
export function parseLabSettings(search: string): { settings: LabSettings | null; ignored: string[] } {
  const q = new URLSearchParams(search);
  if (![...q.keys()].some((k) => LAB_URL_KEYS.has(k))) return { settings: null, ignored: [] };
  const ignored: string[] = [];
  const read = <T>(key: string, field: Field<T>): T | undefined => {
    const given = q.getAll(key);
    const raw = given.at(-1);
    if (raw === undefined) return undefined;
    for (const earlier of given.slice(0, -1)) ignored.push(givenTwice(key, earlier));
    const value = field.parse(raw.trim());
    if (value === undefined) ignored.push(`${key}=${shorten(raw)} (not a valid value; using the preset's)`);
    return value;
  };
  const preset = read('labPreset', presetField) ?? defaultLabSettings().preset;
  const tasks = read('labTasks', tasksField);
  const start = read('labStart', pointField);
  const custom = preset === 'custom' && tasks !== undefined && start !== undefined;
  if (preset === 'custom' && !custom)
    ignored.push('labPreset=custom (needs labTasks and labStart; using the default preset)');
  const settings = defaultLabSettings(preset === 'custom' ? undefined : preset);
  let params: Params = custom ? { ...settings.params, tasks, theta0: start } : settings.params;
  for (const [param, [key, field]] of Object.entries(SCALARS) as [ScalarKey, [string, Field<unknown>]][]) {
    const value = read(key, field);
    if (value !== undefined) params = { ...params, [param]: value };
  }
  return { settings: { ...settings, preset: custom ? 'custom' : settings.preset, params }, ignored };
}
