import { defineMethod } from './types';

/** Plain fine-tuning: no penalty, nothing kept. */
export const sgd = defineMethod({
  id: 'sgd',
  label: 'SGD',
  color: '#0072B2',
  summary: 'Plain fine-tuning on each task in turn: the baseline that forgets.',
  params: [],
  data: { kind: 'current' },
  penalty: null,
  measures: [],
  lab: { penaltyTerms: () => [], strengthKey: null },
});
