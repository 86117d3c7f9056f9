import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readMnistPackage } from '../../scripts/mnist-asset-plugin';
import { makeBatch, trainPool } from './data/batches';
import { buildScenario } from './data/scenarios';
import { recommendedHyperparameters } from './defaults';
import { FusedTrainer } from './fused/fusedTrainer';
import { Learner } from './learner';
import { initialWeights } from './model/mlp';
import { createRng } from './random';
import { RunningSettings } from './settings';
import { useCpuBackend } from './testSupport';

beforeAll(useCpuBackend);

describe('the path integral counts the whole loss', () => {
  it('full-batch small-step SGD on task-incremental split MNIST: Σω within 3% of the loss drop', async () => {
    const scenario = buildScenario(readMnistPackage(), { protocol: 'split-mnist', scenario: 'task' }, 0);
    // 200 of task 1's training digits are the whole training set here: every step is full-batch,
    // and the loss drop is measured on the very loss the path integral follows.
    const refs = trainPool(scenario, [0]).slice(0, 200);
    const batch = makeBatch(scenario, refs, 'train');
    const probe = { x: batch.x, y: batch.y, head: 0 };
    const settings = new RunningSettings({
      ...recommendedHyperparameters('split-task'),
      optimizer: 'sgd',
      learningRate: 1e-3,
      batchSize: refs.length,
    });
    const weights = initialWeights({ inputSize: scenario.inputSize, hidden: [8], classes: 2, heads: 5 }, 0);
    const learner = new Learner('sgd', weights, settings);
    learner.beginTask(probe);
    const trainer = new FusedTrainer([learner], 'looped');
    for (let s = 0; s < 150; s++) trainer.step([{ batch, reference: null }], { heads: [], classes: [] });
    trainer.syncLearners();
    const report = await learner.closeTask(probe, probe, createRng(0));
    const drop = report.lossStart - report.lossEnd;
    expect(drop).toBeGreaterThan(0.5);
    // Σω over the trunk alone misses the task head's share of the drop.
    expect(Math.abs(report.sumOmega - drop) / drop).toBeLessThan(0.03);
    trainer.dispose();
    learner.dispose();
    tf.dispose([batch.x, batch.y]);
  });
});
