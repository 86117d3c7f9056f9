/**
 * The importance maps' data: for each method that protects weights, its importance over the input
 * pixels after every task boundary (its own measure: SI's Ω, EWC's F, MAS's Ω; L2 uniform), and
 * SI's ω of the task under way, live. Pure data, tested without a page.
 */
import type { MethodId } from '../engine/methodIds';
import { IMPORTANCE_MEASURES, METHOD_LABELS, methodModule } from '../engine/methods/registry';
import { unpermute } from '../engine/pixelImportance';
import type { Gallery, PixelMaps, SynapseSetup } from '../store/synapses';

export interface PixelMap {
  /** "after T1", or "ω, T3 now" for the live map. */
  title: string;
  /** One value per pixel, in the order the figure draws them. */
  values: Float32Array;
  live: boolean;
  /** Changes when the values do (the boundary's step, or the live evaluation's). */
  key: string;
  /** Its largest value: the colour scale runs from 0 (or 10⁻³ of it, log) to it. */
  max: number;
}

export interface MapRow {
  method: MethodId;
  /** e.g. "SI · Ω", "L2 · uniform". */
  label: string;
  maps: PixelMap[];
}

/** The measure's symbol ("ΣF" when the penalty sums it over tasks), or "uniform". */
function measureName(id: string, sums: boolean): string {
  if (id === 'uniform') return 'uniform';
  const symbol = IMPORTANCE_MEASURES.find((m) => m.id === id)?.symbol ?? id;
  return sums ? `Σ${symbol}` : symbol;
}

const maxOf = (values: Float32Array) => values.reduce((a, v) => (v > a ? v : a), 0);

/**
 * One row per method of the run that protects weights, one map per boundary (then the live one).
 * `unscramble`: each map in the digits' own pixel order for the task it belongs to (permuted
 * MNIST); otherwise in the order the network's inputs see them.
 */
export function mapRows(
  methods: readonly MethodId[],
  maps: readonly PixelMaps[],
  gallery: Gallery | null,
  setup: SynapseSetup | null,
  unscramble: boolean,
): MapRow[] {
  const order = (values: Float32Array, task: number) =>
    unscramble ? unpermute(values, setup?.permutations[task] ?? null) : values;
  return methods.flatMap((method, m) => {
    const protects = methodModule(method).protects;
    if (!protects) return [];
    let sum: Float32Array | null = null;
    const boundaryMaps = maps.flatMap((b): PixelMap[] => {
      const inputs = b.values.length / Math.max(1, methods.length * b.measures.length);
      const k = b.measures.indexOf(protects.measure);
      if (protects.measure !== 'uniform' && k < 0) return [];
      let raw =
        k < 0
          ? new Float32Array(inputs).fill(1)
          : b.values.subarray((m * b.measures.length + k) * inputs, (m * b.measures.length + k + 1) * inputs);
      if (protects.sums) {
        const previous: Float32Array | null = sum;
        const current = raw;
        sum = previous ? previous.map((v, p) => v + current[p]) : Float32Array.from(current);
        raw = sum;
      }
      const values = order(raw, b.task);
      return [{ title: `after T${b.task + 1}`, values, live: false, key: `${b.step}`, max: maxOf(values) }];
    });
    const live = gallery?.liveMethods.indexOf(method) ?? -1;
    if (gallery && live >= 0) {
      const inputs = gallery.liveMaps.length / gallery.liveMethods.length;
      // ω summed per pixel is mostly positive; a pixel whose weights' ω sum is negative shows as 0.
      const values = order(gallery.liveMaps.slice(live * inputs, (live + 1) * inputs), gallery.task).map(
        (v) => Math.max(0, v),
      );
      boundaryMaps.push({
        title: `ω, T${gallery.task + 1} now`,
        values,
        live: true,
        key: `live ${gallery.step}`,
        max: maxOf(values),
      });
    }
    return [
      {
        method,
        label: `${METHOD_LABELS[method]} · ${measureName(protects.measure, protects.sums ?? false)}`,
        maps: boundaryMaps,
      },
    ];
  });
}

/** A value's place on the colour scale, 0 to 1: linear in v/max, or log over three decades below max. */
export function mapShade(v: number, max: number, log: boolean): number {
  if (!(max > 0) || !(v > 0)) return 0;
  const r = Math.min(1, v / max);
  return log ? Math.max(0, 1 + Math.log10(r) / 3) : r;
}

/** A map's largest value in three significant digits, e.g. "3.14e-4", "0.271", "12.5". */
export function formatMax(v: number): string {
  if (v === 0) return '0';
  return Math.abs(v) < 0.01 || Math.abs(v) >= 1000 ? v.toExponential(2) : v.toPrecision(3);
}
