import { defineMethod } from './types';

/**
 * Experience replay: no penalty; a memory of past examples (src/engine/data/memory.ts, class-balanced,
 * filled at task boundaries) and, once it holds any, every step trains on the new minibatch plus
 * as many examples drawn from the memory, the loss the mean over both.
 */
export const replay = defineMethod({
  id: 'replay',
  label: 'Replay',
  color: '#777777',
  summary: 'Experience replay: every step also rehearses as many remembered examples of the finished tasks.',
  params: [
    {
      key: 'memory',
      flag: 'memory',
      label: 'Replay memory',
      symbol: 'M',
      help: 'Examples of the finished tasks kept for replay, the same number per class; each step adds a minibatch drawn from them to the new one.',
      note: 'Applies at the next task switch.',
      range: { min: 0, max: 10_000, integer: true },
      slider: { min: 0, max: 2000, step: 50 },
      recommended: {
        'split-task': 500,
        'split-domain': 500,
        'split-class': 500,
        'permuted-4': 500,
        'permuted-5': 500,
        'permuted-10': 500,
      },
    },
  ],
  data: { kind: 'memory', size: (s) => s.param('memory') },
  penalty: null,
  measures: [],
  lab: null,
});
