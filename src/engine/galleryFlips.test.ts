import { describe, expect, it } from 'vitest';
import { argmaxRows, FlipTracker } from './galleryFlips';

describe('gallery flips', () => {
  it('marks a digit that was right and turned wrong with the step it turned, until it is right again', () => {
    const labels = [3, 5];
    const flips = new FlipTracker(1, 2);
    const all = () => 'past' as const;
    flips.update(10, [1, 5], labels, all); // digit 0 wrong from the start: no flip
    expect([...flips.flippedAt]).toEqual([-1, -1]);
    flips.update(20, [3, 5], labels, all);
    flips.update(30, [3, 4], labels, all); // digit 1 forgotten at step 30
    expect([...flips.flippedAt]).toEqual([-1, 30]);
    flips.update(40, [3, 2], labels, all); // still wrong: it flipped at 30
    expect([...flips.flippedAt]).toEqual([-1, 30]);
    flips.update(50, [3, 5], labels, all); // relearned
    expect([...flips.flippedAt]).toEqual([-1, -1]);
  });

  it('ignores digits of tasks not trained yet, and answers that come and go while their task trains', () => {
    const flips = new FlipTracker(1, 1);
    flips.update(1, [0], [0], () => 'unseen');
    flips.update(2, [1], [0], () => 'past');
    expect([...flips.flippedAt]).toEqual([-1]);
    flips.update(3, [0], [0], () => 'training');
    flips.update(4, [1], [0], () => 'training');
    expect([...flips.flippedAt]).toEqual([-1]);
    flips.update(5, [0], [0], () => 'training'); // learnt by the task's end
    flips.update(6, [1], [0], () => 'past'); // forgotten under the next task
    expect([...flips.flippedAt]).toEqual([6]);
  });

  it('takes the argmax of each row', () => {
    expect([...argmaxRows([0.1, 0.7, 0.2, 0.5, 0.3, 0.2], 3)]).toEqual([1, 0]);
  });
});
