/**
 * Seeded standard-normal numbers, so a noisy run is reproducible from its seed and two methods
 * given the same seed see the same gradient noise (a fair side-by-side comparison).
 */
export type NormalSource = () => number;

export function createNormal(seed: number): NormalSource {
  // mulberry32: tiny, fast and good enough for teaching noise.
  let state = seed >>> 0;
  const uniform = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  // Box–Muller gives two normals per pair of uniforms; keep the second for the next call.
  let spare = Number.NaN;
  return () => {
    if (!Number.isNaN(spare)) {
      const value = spare;
      spare = Number.NaN;
      return value;
    }
    const u = 1 - uniform(); // in (0, 1], so the log is finite
    const r = Math.sqrt(-2 * Math.log(u));
    const phi = 2 * Math.PI * uniform();
    spare = r * Math.sin(phi);
    return r * Math.cos(phi);
  };
}
