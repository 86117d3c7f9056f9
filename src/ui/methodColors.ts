import type { MethodId } from '../engine/methodIds';

/**
 * One colour per method, the same in every panel and view. Okabe–Ito, a colour-blind-safe
 * palette; SGD blue, L2 green and EWC vermillion follow the EWC paper's ellipse figure.
 */
export const METHOD_COLORS: Record<MethodId, string> = {
  sgd: '#0072B2',
  l2: '#009E73',
  ewc: '#D55E00',
  si: '#CC79A7',
  joint: '#E69F00',
};
