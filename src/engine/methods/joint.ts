import { createUnregularized } from './sgd';
import type { Method } from './types';

/** Joint training, the upper bound: no penalty, but every step draws from all tasks seen so far. */
export function createJoint(): Method {
  return createUnregularized('joint');
}
