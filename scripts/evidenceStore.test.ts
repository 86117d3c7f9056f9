import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evidenceEntry, evidenceFileName, evidenceKey } from '../src/engine/evidence';
import type { ExperimentOptions } from '../src/engine/experiment';
import { fakeMnist, useCpuBackend } from '../src/engine/testSupport';
import { findEvidence, runWithEvidence, type SeedRun } from './evidenceStore';

beforeAll(useCpuBackend);

const data = fakeMnist(20);
const OPTIONS: ExperimentOptions = {
  spec: { protocol: 'split-mnist', scenario: 'task' },
  methods: ['sgd', 'ewc'],
  seed: 0,
  epochs: 1,
  hidden: [8, 6],
  hyperparameters: { batchSize: 16, fisherSamples: 40 },
};
const dir = mkdtempSync(join(tmpdir(), 'evidence-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function collect(options: ExperimentOptions, seeds: number[]) {
  const runs: SeedRun[] = [];
  for await (const run of runWithEvidence(data, options, seeds, undefined, dir)) runs.push(run);
  return runs;
}
const trained = (runs: SeedRun[]) => runs.map((r) => r.fresh?.methods.map((m) => m.method) ?? []);

describe('the evidence store', () => {
  it('keys runs by their options but seed and methods, in any key order', () => {
    const reordered = { hyperparameters: OPTIONS.hyperparameters, ...OPTIONS, lanes: undefined };
    expect(evidenceKey({ ...reordered, seed: 5, methods: ['si'] })).toEqual(evidenceKey(OPTIONS));
    expect(evidenceKey({ ...OPTIONS, epochs: 2 })).not.toEqual(evidenceKey(OPTIONS));
    expect(evidenceFileName(evidenceKey(OPTIONS))).toMatch(/^split-task-ep1-[0-9a-f]{8}\.json$/);
  });

  it('trains only the seeds and methods it lacks, and reads the rest', async () => {
    expect(trained(await collect({ ...OPTIONS, methods: ['sgd'] }, [0]))).toEqual([['sgd']]);
    const both = await collect(OPTIONS, [0, 1]);
    expect(trained(both)).toEqual([['ewc'], ['sgd', 'ewc']]);
    const again = await collect(OPTIONS, [0, 1]);
    expect(trained(again)).toEqual([[], []]);
    expect(again.map((r) => r.matrices)).toEqual(both.map((r) => r.matrices));
    expect(readdirSync(dir)).toEqual([evidenceFileName(evidenceKey(OPTIONS))]);
    expect(Object.keys(findEvidence(OPTIONS, dir)?.evidence.seeds ?? {})).toEqual(['0', '1']);
  });

  it('merges methods trained apart, as a lockstep gives each method the numbers of a run of its own', async () => {
    const other = mkdtempSync(join(tmpdir(), 'evidence-'));
    try {
      const seeds = [3];
      const alone: SeedRun[] = [];
      for await (const r of runWithEvidence(data, { ...OPTIONS, methods: ['sgd'] }, seeds, undefined, other))
        alone.push(r);
      const together = await collect(OPTIONS, seeds);
      expect(trained(together)).toEqual([['sgd', 'ewc']]);
      expect(evidenceEntry(alone[0].matrices[0])).toEqual(evidenceEntry(together[0].matrices[0]));
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});
