/**
 * How long one slider event costs the 2D lab: recomputing task A and all four methods' trajectories
 * (500 steps each). Target: median under 2 ms.
 */
import { pathToFileURL } from 'node:url';
import { computeLab, type LabParams } from '../src/engine/quadratic/lab';
import { defaultLabSettings } from '../src/store/labStore';
import { quantile } from './browser';

export interface LabBenchResult {
  readonly medianMs: number;
  readonly p95Ms: number;
  readonly repetitions: number;
}

export async function main(repetitions = 2000): Promise<LabBenchResult> {
  // The lab's defaults with 500 steps and noise on: the slower path, a normal draw per component per step.
  const base: LabParams = { ...defaultLabSettings('ewc-paper').params, lr: 0.1, steps: 500, noise: 0.3 };
  const times: number[] = [];
  let sink = 0; // keeps the optimiser from dropping the work
  for (let i = 0; i < repetitions + 200; i++) {
    // A different λ each time, as a slider drag would send.
    const params = { ...base, lambdaEwc: 0.5 + (i % 50) / 25 };
    const t0 = performance.now();
    const result = computeLab(params);
    const t1 = performance.now();
    sink += result.methods.ewc.path[1]!;
    if (i >= 200) times.push(t1 - t0); // the first 200 warm the JIT up
  }
  times.sort((a, b) => a - b);
  const out = { medianMs: quantile(times, 0.5), p95Ms: quantile(times, 0.95), repetitions };
  console.log(
    `lab: recompute 4 trajectories × 500 steps: median ${out.medianMs.toFixed(3)} ms, p95 ${out.p95Ms.toFixed(3)} ms ` +
      `(${repetitions} runs, target < 2 ms)${Number.isFinite(sink) ? '' : ' '}`,
  );
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
