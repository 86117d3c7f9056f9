import { defineMethod } from './types';

/** Joint training, the upper bound: no penalty, but every step draws from all tasks seen so far. */
export const joint = defineMethod({
  id: 'joint',
  label: 'Joint',
  color: '#E69F00',
  summary: 'Trains on every task seen so far at each step: the upper bound, not a continual learner.',
  params: [],
  data: { kind: 'seen' },
  penalty: null,
  measures: [],
  lab: null,
});
