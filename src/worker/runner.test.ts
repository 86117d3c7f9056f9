import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_HYPERPARAMETERS } from '../engine/defaults';
import { runExperiment } from '../engine/experiment';
import { halfWidth95 } from '../engine/metrics';
import { seedLanesOf } from '../engine/seedLanes';
import { fakeMnist, useCpuBackend } from '../engine/testSupport';
import { matrices } from '../panels/accuracyMatrix';
import { applyEvent, clearRun, useResults } from '../store/results';
import { sweepView } from '../store/sweepView';
import { liveEvalEvery } from './liveEvaluation';
import type { JournalEntry, RunConfig, WorkerEvent } from './protocol';
import { Runner } from './runner';

beforeAll(useCpuBackend);

// 1,300 test digits per task: more than the live subset, so live and full evaluations differ.
const data = fakeMnist(650);
const hyperparameters = { batchSize: 128, fisherSamples: 20, lambdaEwc: 10, c: 1 };
const config: RunConfig = {
  protocol: 'permuted-mnist',
  scenario: 'domain',
  tasks: 3,
  methods: ['sgd', 'ewc', 'si'],
  seed: 3,
  hidden: [8, 6],
};

/** Runs `c` on the worker's runner through its automatic schedule (one epoch a task), into the results store. */
async function runToEnd(c: RunConfig): Promise<void> {
  const events: WorkerEvent[] = [];
  const runner = new Runner(
    (e) => events.push(e),
    async () => data,
    c,
    { ...DEFAULT_HYPERPARAMETERS, ...hyperparameters },
    {},
    { stepsPerSecond: 0, epochsPerTask: 1 },
  );
  await runner.start(); // the schedule trains every task, then pauses
  runner.dispose();
  clearRun();
  for (const e of events) applyEvent(e);
}

describe('the live run against the CLI', () => {
  it('ends an automatic schedule with the matrix, average, BWT and FWT the CLI computes', async () => {
    await runToEnd(config);
    const s = useResults.getState();
    // Live evaluations measure the tasks trained so far (the others NaN); the switches and the end, all.
    const live = s.evaluations.filter((e) => !e.full);
    expect(live.length).toBeGreaterThan(0);
    expect(live.some((e) => e.accuracy.some(Number.isNaN))).toBe(true);
    expect(s.evaluations.at(-1)?.full).toBe(true);
    expect(s.liveTestDigits.every((n, t) => n < s.testDigits[t])).toBe(true);

    const cli = await runExperiment(data, {
      spec: { protocol: 'permuted-mnist', tasks: 3 },
      methods: config.methods,
      epochs: 1,
      seed: config.seed,
      hidden: config.hidden,
      hyperparameters,
    });
    const shown = matrices(s);
    cli.methods.forEach((m, i) => {
      const rows = shown[i].rows;
      expect(rows.map((r) => r.kind)).toEqual(['switch', 'switch', 'end']);
      rows.forEach((r, k) => {
        for (let j = 0; j < 3; j++) expect(r.accuracy[j]).toBeCloseTo(m.accuracy[k][j], 6);
      });
      expect(shown[i].average).toBeCloseTo(m.averageAccuracy, 6);
      expect(shown[i].bwt).toBeCloseTo(m.bwt, 6);
      expect(shown[i].fwt).toBeCloseTo(m.fwt, 6);
    });
  });
});

describe('the method hooks’ readings in the live run', () => {
  it('sends A-GEM’s diagnostics with every evaluation and LwF’s frozen outputs after a switch', async () => {
    await runToEnd({ ...config, methods: ['sgd', 'lwf', 'agem'], tasks: 2 });
    const { evaluations, switches } = useResults.getState();
    const after = evaluations.filter((e) => e.step > switches[0].step);
    expect(after.length).toBeGreaterThan(0);
    // Each evaluation takes the sums since the one before: every step of task 2 had a reference batch.
    const references = after.reduce((n, e) => n + (e.diagnostics[2]?.references ?? 0), 0);
    expect(references).toBe(evaluations.at(-1)!.step - switches[0].step);
    expect(evaluations.every((e) => e.diagnostics[0] === null && e.diagnostics[1] === null)).toBe(true);
    for (const e of after) {
      const kept = e.frozen?.[1];
      expect(kept?.old).toBeGreaterThan(0);
      expect(kept?.current).toBeGreaterThan(0);
      expect(e.frozen?.[0]).toBeNull();
    }
  });
});

describe('a strength sweep in the worker', () => {
  it('trains the lanes at their strengths, and its final table is the headless run’s', async () => {
    const lanes = [0, 1, 100].map((c) => ({ method: 'si' as const, params: { c } }));
    const sweep: RunConfig = { ...config, methods: ['si', 'si', 'si'], lanes };
    await runToEnd(sweep);
    const view = sweepView(useResults.getState());
    expect(view?.final).toBe(true);
    expect(view?.rows.map((r) => r.strength)).toEqual([0, 1, 100]);
    const cli = await runExperiment(data, {
      spec: { protocol: 'permuted-mnist', tasks: 3 },
      methods: sweep.methods,
      lanes,
      epochs: 1,
      seed: config.seed,
      hidden: config.hidden,
      hyperparameters,
    });
    const last = cli.methods.map((m) => m.accuracy[2]);
    view?.rows.forEach((r, l) => {
      expect(r.first).toBeCloseTo(last[l][0], 6);
      expect(r.newest).toBeCloseTo(last[l][2], 6);
    });
    // The lanes differ: a penalty of 100 keeps more of task 1 than none.
    expect(last[2][0]).not.toBeCloseTo(last[0][0], 6);
  });
});

describe('seed lanes in the worker', () => {
  it('trains each lane on its own seed: its table and FWT baseline are the headless run’s at that seed, its landscape the run seed’s', async () => {
    const lanes = seedLanesOf(['sgd', 'ewc'], config.seed, 2);
    const events: WorkerEvent[] = [];
    const runner = new Runner(
      (e) => events.push(e),
      async () => data,
      { ...config, methods: lanes.map((l) => l.method), lanes },
      { ...DEFAULT_HYPERPARAMETERS, ...hyperparameters },
      {},
      { stepsPerSecond: 0, epochsPerTask: 1 },
    );
    await runner.start();
    await runner.landscape(4);
    runner.dispose();
    const run = events.find((e) => e.type === 'run')!;
    expect(run.config.lanes?.map((l) => l.seed)).toEqual([3, 4, 3, 4]);
    // The landscape is the run's seed's loss: one path per method, its run's-seed lane's.
    const landscape = events.find((e) => e.type === 'landscape');
    expect(landscape?.trajectories.map((t) => t.method)).toEqual(['sgd', 'ewc']);
    const last = events.findLast((e) => e.type === 'evaluations')!;
    const [M, T] = [lanes.length, 3];
    const final = last.accuracy.subarray(last.accuracy.length - M * T);
    for (const k of [0, 1]) {
      const cli = await runExperiment(data, {
        spec: { protocol: 'permuted-mnist', tasks: 3 },
        methods: ['sgd', 'ewc'],
        epochs: 1,
        seed: config.seed + k,
        hidden: config.hidden,
        hyperparameters,
      });
      cli.methods.forEach((m, i) => {
        const lane = 2 * i + k;
        expect(run.laneInitialAccuracy[lane]).toEqual(cli.baseline);
        for (let j = 0; j < T; j++) expect(final[lane * T + j]).toBeCloseTo(m.accuracy[2][j], 6);
      });
    }
    // The seeds differ: the lanes are not copies of one run.
    expect(final.subarray(0, T)).not.toEqual(final.subarray(T, 2 * T));
  });
});

describe('live evaluation sizes', () => {
  it('keeps a permuted-MNIST point within 2 pp and the evaluation within a third of training', () => {
    expect(halfWidth95(1200, 2000)).toBeLessThan(2);
    expect(halfWidth95(400, 400)).toBe(0);
    // 5 tasks × 1,200 digits at batch 64: about 9 steps' worth of evaluation, so K ≥ 27.
    expect(liveEvalEvery(6000, 64)).toBe(30);
    expect(liveEvalEvery(425, 64)).toBe(10);
    expect(liveEvalEvery(6000, 8)).toBeGreaterThan(liveEvalEvery(6000, 64));
  });
});

describe('start, a new configuration, start again', () => {
  it('keeps training: the first run’s loop ending does not stop the second', async () => {
    const events: WorkerEvent[] = [];
    const runner = new Runner(
      (e) => events.push(e),
      async () => data,
      config,
      { ...DEFAULT_HYPERPARAMETERS, ...hyperparameters },
      {},
      { stepsPerSecond: 0, epochsPerTask: 0 },
    );
    const first = runner.start();
    // Wait until the first run trains, then replace it and start the new one at once (a lesson scene).
    while (!events.some((e) => e.type === 'phase' && e.phase === 'training'))
      await new Promise((r) => setTimeout(r, 5));
    void runner.configure({ ...config, seed: 4 });
    const second = runner.start();
    await first;
    const stepsAfter = async (ms: number) => {
      await new Promise((r) => setTimeout(r, ms));
      return events.filter((e) => e.type === 'evaluations').length;
    };
    const before = await stepsAfter(0);
    expect(await stepsAfter(1500)).toBeGreaterThan(before);
    runner.pause();
    await second;
    runner.dispose();
  }, 30_000);
});

describe('a restore', () => {
  const pacing = { stepsPerSecond: 0, epochsPerTask: 0 };
  const runner = (post: (e: WorkerEvent) => void) =>
    new Runner(
      post,
      async () => data,
      config,
      { ...DEFAULT_HYPERPARAMETERS, ...hyperparameters },
      {},
      pacing,
    );
  const restoredAccuracy = async (until: number, journal: readonly JournalEntry[]) => {
    const events: WorkerEvent[] = [];
    const fresh = runner((e) => events.push(e));
    await fresh.restore(config, until, journal, false);
    fresh.dispose();
    const done = events.find((e) => e.type === 'restore' && e.accuracy);
    return done?.type === 'restore' ? Array.from(done.accuracy ?? []) : [];
  };

  it('trains the journalled run again to the accuracy it had, and the journal matters', async () => {
    const events: WorkerEvent[] = [];
    const live = runner((e) => events.push(e));
    await live.step('epoch');
    await live.setHyperparameters({ lambdaEwc: 1000, c: 10 });
    await live.switchTask(1);
    await live.step('epoch');
    await live.step('batch');
    live.dispose();
    clearRun();
    for (const e of events) applyEvent(e);
    const { evaluations, journal } = useResults.getState();
    const last = evaluations.at(-1);
    expect(last?.full).toBe(false);
    expect(journal.map((j) => j.kind)).toEqual(['settings', 'settings', 'switch']);
    const recorded = Array.from(last?.accuracy ?? []);
    // Tasks not trained yet are NaN on both sides; toEqual counts NaN equal to NaN.
    expect(await restoredAccuracy(last?.step ?? 0, journal)).toEqual(recorded);
    // Without the settings change the same steps end elsewhere.
    const withoutChange = journal.filter((j, i) => j.kind !== 'settings' || i === 0);
    expect(await restoredAccuracy(last?.step ?? 0, withoutChange)).not.toEqual(recorded);
  }, 60_000);
});
