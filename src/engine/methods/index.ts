import type { Hyperparameters } from '../defaults';
import type { MethodId } from '../methodIds';
import { createEwc } from './ewc';
import { createJoint } from './joint';
import { createL2 } from './l2';
import { createUnregularized } from './sgd';
import { createSi, type PathIntegral } from './si';
import type { Method } from './types';

export function createMethod(id: MethodId, h: Hyperparameters, path: PathIntegral): Method {
  switch (id) {
    case 'sgd':
      return createUnregularized('sgd');
    case 'l2':
      return createL2(h);
    case 'ewc':
      return createEwc(h);
    case 'si':
      return createSi(h, path);
    case 'joint':
      return createJoint();
  }
}
