/**
 * The current run as files: its data as JSON and CSV, and its settings as a file that loads back.
 * A settings file goes through the same parser as a link, so a hand-edited file gets the same
 * checks and the same notice for what was ignored.
 */
import { METHOD_LABELS } from '../engine/methodIds';
import { laneSeeds, type RunConfig } from '../engine/runConfig';
import type { ResultsState } from './results';
import { NO_SCENE } from './sceneLinks';
import { type ParsedUrl, parseUrlSettings, URL_FORMAT_VERSION, type UrlSettings } from './urlParams';

export const SETTINGS_FILE_KIND = 'forgetting-playground-settings';

export function settingsFile(settings: UrlSettings): string {
  // No lesson is left out (its default), since a link cannot say it as an empty name.
  const saved = { ...settings, scene: settings.scene === NO_SCENE ? undefined : settings.scene };
  return `${JSON.stringify({ kind: SETTINGS_FILE_KIND, version: URL_FORMAT_VERSION, settings: saved }, null, 2)}\n`;
}

/** Reads a settings file; what is missing takes its default, what is wrong is listed as ignored. */
export function readSettingsFile(text: string): ParsedUrl {
  let parsed: unknown;
  try {
    // Editors on Windows save a byte-order mark, which JSON.parse refuses.
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new Error('This is not a settings file: it is not JSON.');
  }
  const file = parsed as { kind?: unknown; version?: unknown; settings?: unknown };
  if (file?.kind !== SETTINGS_FILE_KIND || typeof file.settings !== 'object' || file.settings === null) {
    throw new Error('This is not a Forgetting Playground settings file.');
  }
  // The keys only ever name URL parameters here; parseUrlSettings looks them up as own keys.
  const params = new URLSearchParams();
  // The file's format version is the link's, and is checked the same way.
  if (file.version !== undefined) params.set('v', asParameter(file.version));
  for (const [key, value] of Object.entries(file.settings)) params.append(key, asParameter(value));
  return parseUrlSettings(`?${params}`);
}

const scalar = (v: unknown): v is string | number | null =>
  v === null || typeof v === 'string' || typeof v === 'number';

/** A settings file's value as its URL parameter would be written; anything else reads as invalid. */
function asParameter(value: unknown): string {
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (scalar(value)) return String(value);
  // A list of numbers (hidden, methods); nested or mixed values are named, never walked.
  if (Array.isArray(value) && value.every(scalar)) return value.join(',');
  return Array.isArray(value) ? '(a nested list)' : '(an object)';
}

/** Each lane's key in the JSON: its method, and with seed lanes its seed ("ewc@8"), so no seed is lost. */
const laneKeys = (config: RunConfig | null): string[] =>
  config?.methods.map((method, i) => {
    const seed = config.lanes?.[i]?.seed;
    return seed === undefined ? method : `${method}@${seed}`;
  }) ?? [];

/** Everything streamed so far, per-parameter importances left out (the panels export those). */
export function runJson(results: ResultsState, settings: UrlSettings): string {
  const methods = laneKeys(results.config);
  const T = results.taskNames.length;
  const byMethod = (row: Float32Array) =>
    Object.fromEntries(methods.map((m, i) => [m, Array.from(row.subarray(i * T, (i + 1) * T))]));
  return JSON.stringify(
    {
      kind: 'forgetting-playground-run',
      version: URL_FORMAT_VERSION,
      settings,
      config: results.config,
      backend: results.backend?.backend ?? null,
      taskNames: results.taskNames,
      initialAccuracy: results.initialAccuracy,
      laneInitialAccuracy: results.laneInitialAccuracy,
      testDigits: results.testDigits,
      liveTestDigits: results.liveTestDigits,
      evaluations: results.evaluations.map((e) => ({
        step: e.step,
        task: e.task,
        testSet: e.full ? 'full' : 'live subset',
        accuracy: byMethod(e.accuracy),
        trainLoss: Object.fromEntries(methods.map((m, i) => [m, e.trainLoss[i]])),
        penalty: Object.fromEntries(methods.map((m, i) => [m, e.penalty[i]])),
        // A-GEM's sums since the previous evaluation; what LwF's frozen copy keeps.
        diagnostics: byLane(methods, e.diagnostics),
        frozen: byLane(methods, e.frozen ?? []),
      })),
      switches: results.switches.map((s) => ({
        step: s.step,
        from: s.from,
        to: s.to,
        accuracy: byMethod(s.accuracy),
        boundary: s.boundary?.map((b) => ({
          method: b.method,
          lossStart: b.lossStart,
          lossEnd: b.lossEnd,
          sumOmega: b.sumOmega,
        })),
      })),
      diverged: results.diverged,
    },
    null,
    2,
  );
}

/** A value per lane as {method: value}, the lanes without one left out. */
function byLane<V>(methods: readonly string[], values: readonly (V | null)[]): Record<string, V> {
  return Object.fromEntries(methods.flatMap((m, i) => (values[i] ? [[m, values[i]]] : [])));
}

const FROZEN_KEYS = ['old', 'current', 'agreement'] as const;

/**
 * One row per evaluation and lane (with seed lanes, every seed's lane, with its seed): step, task trained, which test set (the full one at task
 * switches, the live subset between them: tasks not trained yet are empty there), loss, penalty,
 * accuracy on every task; then, when a method reports them, its diagnostics summed since the
 * previous evaluation (A-GEM's) and its frozen copy's outputs (LwF's), empty for the others.
 */
export function runCsvRows(results: ResultsState): (string | number)[][] {
  const methods = results.config?.methods ?? [];
  const seeds = laneSeeds(results.config);
  const T = results.taskNames.length;
  const diagnosticKeys = [
    ...new Set(results.evaluations.flatMap((e) => e.diagnostics.flatMap((d) => (d ? Object.keys(d) : [])))),
  ];
  const frozenKeys = results.evaluations.some((e) => e.frozen?.some((f) => f)) ? FROZEN_KEYS : [];
  const header = [
    'step',
    'trained_task',
    'test_set',
    'method',
    'seed',
    'train_loss',
    'penalty',
    ...results.taskNames.map((_, t) => `accuracy_task${t + 1}`),
    ...diagnosticKeys,
    ...frozenKeys.map((k) => `frozen_${k}`),
  ];
  const rows = results.evaluations.flatMap((e) =>
    methods.map((m, i) => [
      e.step,
      e.task + 1,
      e.full ? 'full' : 'live subset',
      METHOD_LABELS[m],
      seeds[i],
      e.trainLoss[i],
      e.penalty[i],
      ...Array.from(e.accuracy.subarray(i * T, (i + 1) * T)),
      ...diagnosticKeys.map((k) => e.diagnostics[i]?.[k] ?? ''),
      ...frozenKeys.map((k) => e.frozen?.[i]?.[k] ?? ''),
    ]),
  );
  return [header, ...rows];
}
