/** The continual-learning methods the playground compares. */
export const METHOD_IDS = ['sgd', 'l2', 'ewc', 'si', 'joint'] as const;
export type MethodId = (typeof METHOD_IDS)[number];

export const METHOD_LABELS: Record<MethodId, string> = {
  sgd: 'SGD',
  l2: 'L2',
  ewc: 'EWC',
  si: 'SI',
  joint: 'Joint',
};
