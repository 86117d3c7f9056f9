/**
 * One colour per method, the same in every panel and view. Okabe–Ito, a colour-blind-safe
 * palette; SGD blue, L2 green and EWC red/vermillion follow the EWC paper's ellipse figure.
 */
export const METHOD_IDS = ['sgd', 'l2', 'ewc', 'si', 'joint'] as const;
export type MethodId = (typeof METHOD_IDS)[number];

export const METHOD_COLORS: Record<MethodId, string> = {
  sgd: '#0072B2',
  l2: '#009E73',
  ewc: '#D55E00',
  si: '#CC79A7',
  joint: '#E69F00',
};

export const METHOD_LABELS: Record<MethodId, string> = {
  sgd: 'SGD',
  l2: 'L2',
  ewc: 'EWC',
  si: 'SI',
  joint: 'Joint',
};
