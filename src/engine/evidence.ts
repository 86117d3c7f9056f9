/**
 * The evidence behind the claims (issue 21): per seed and method, what the claims read of a
 * headless run (src/engine/claims.ts), stored under the run's options but its seed and methods.
 * `npm run experiment -- --evidence` and `npm run evidence` write it to docs/evidence/; the claims
 * test re-checks every claim on it. Pure data here (no files): scripts/evidenceStore.ts reads and
 * writes it.
 */
import type { MethodMatrix } from './claims';
import { scenarioKeyOf } from './data/scenarios';
import type { ExperimentOptions } from './experiment';
import { laneLabel } from './sweep';

/** What the claims read of one method's run: accuracies to 4 decimals (0.01 points), the rest to 6 digits. */
export interface EvidenceEntry {
  readonly accuracy: number[][];
  readonly tasks: { sumOmega: number; lossDrop: number }[];
  readonly diagnostics: (Record<string, number> | null)[];
}

/** The options a run's evidence is stored under: everything but its seed and methods. */
export type EvidenceKey = Omit<ExperimentOptions, 'seed' | 'methods'>;

export interface Evidence {
  readonly options: EvidenceKey;
  /** Per seed (as a string), per lane name (laneName): what was measured. */
  readonly seeds: Readonly<Record<string, Readonly<Record<string, EvidenceEntry>>>>;
}

/** A value with its object keys sorted and undefined members left out: equal options, equal text. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .flatMap((k) => {
        const v = (value as Record<string, unknown>)[k];
        return v === undefined ? [] : [[k, canonical(v)]];
      }),
  );
}

export function evidenceKey(options: ExperimentOptions): EvidenceKey {
  const { seed: _seed, methods: _methods, ...rest } = options;
  return canonical(rest) as EvidenceKey;
}

export const sameKey = (a: EvidenceKey, b: EvidenceKey): boolean =>
  JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

/** FNV-1a, 32 bits: a short, stable tag that tells apart two option sets of one scenario. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** A readable, unique file name, e.g. `split-class-ep10-sweep-ewc-1a2b3c4d.json`. */
export function evidenceFileName(key: EvidenceKey): string {
  const sweep = key.lanes?.length ? `-sweep-${key.lanes[0].method}` : '';
  const epochs = key.epochs === undefined ? '' : `-ep${key.epochs}`;
  return `${scenarioKeyOf(key.spec)}${epochs}${sweep}-${fnv1a(JSON.stringify(canonical(key)))}.json`;
}

/** The names a run's results are stored under: its method ids, or a sweep's lane labels ("EWC λ=100"). */
export function laneNames(options: Pick<ExperimentOptions, 'methods' | 'lanes'>): string[] {
  return options.lanes ? options.lanes.map(laneLabel) : [...options.methods];
}

const digits = (x: number, d: number) => Number(x.toFixed(d));
const precise = (x: number) => Number(x.toPrecision(6));

export function evidenceEntry(m: MethodMatrix): EvidenceEntry {
  return {
    accuracy: m.accuracy.map((row) => row.map((x) => digits(x, 4))),
    tasks: (m.tasks ?? []).map((t) => ({ sumOmega: precise(t.sumOmega), lossDrop: precise(t.lossDrop) })),
    diagnostics: (m.diagnostics ?? []).map((d) =>
      d ? Object.fromEntries(Object.entries(d).map(([k, v]) => [k, precise(v)])) : null,
    ),
  };
}

export function emptyEvidence(options: ExperimentOptions): Evidence {
  return { options: evidenceKey(options), seeds: {} };
}

/** The lane names of a run this evidence still lacks on a seed. */
export function missingLanes(evidence: Evidence, seed: number, names: readonly string[]): string[] {
  const stored = evidence.seeds[String(seed)] ?? {};
  return names.filter((n) => !Object.hasOwn(stored, n));
}

/** The evidence with one seed's results added (results in the order of `names`). */
export function withResults(
  evidence: Evidence,
  seed: number,
  names: readonly string[],
  results: readonly MethodMatrix[],
): Evidence {
  const stored = evidence.seeds[String(seed)] ?? {};
  const added = Object.fromEntries(names.map((n, i) => [n, evidenceEntry(results[i])]));
  const seeds: Record<string, Readonly<Record<string, EvidenceEntry>>> = {
    ...evidence.seeds,
    [seed]: { ...stored, ...added },
  };
  // Seeds in numeric order, so the file reads (and diffs) in order.
  const sorted = Object.keys(seeds)
    .sort((a, b) => Number(a) - Number(b))
    .map((k) => [k, seeds[k]] as const);
  return { options: evidence.options, seeds: Object.fromEntries(sorted) };
}

/** The seeds stored, in order. */
export function storedSeeds(evidence: Evidence): number[] {
  return Object.keys(evidence.seeds)
    .map(Number)
    .sort((a, b) => a - b);
}

/**
 * One seed's matrices of a run's lanes, as the claims read them (a sweep's lanes carry their
 * method); null when the seed lacks any of them.
 */
export function seedMatrices(
  evidence: Evidence,
  seed: number,
  options: Pick<ExperimentOptions, 'methods' | 'lanes'>,
): MethodMatrix[] | null {
  const stored = evidence.seeds[String(seed)];
  const names = laneNames(options);
  if (!stored || names.some((n) => !Object.hasOwn(stored, n))) return null;
  return names.map((n, i) => ({ method: options.lanes?.[i].method ?? options.methods[i], ...stored[n] }));
}
