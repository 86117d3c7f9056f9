import * as tf from '@tensorflow/tfjs-core';
import type { MethodId } from '../methodIds';
import type { Method } from './types';

/** Plain fine-tuning: no penalty, nothing consolidated. Joint is the same on a growing data pool. */
export function createUnregularized(id: Extract<MethodId, 'sgd' | 'joint'>): Method {
  return {
    id,
    trainsOnAllSeenTasks: id === 'joint',
    addPenaltyGradient: (_k, _theta, g) => g,
    penalty: () => tf.scalar(0),
    consolidate: () => {},
    setHyperparameters: () => {},
    dispose: () => {},
  };
}
