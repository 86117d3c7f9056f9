import { createRng, deriveSeed, permutation } from '../random';
import type { ExampleRef } from './batches';
import type { Scenario } from './scenarios';

/**
 * Experience replay's memory: a class-balanced sample of the finished tasks' training examples.
 *
 * A class is a label of a task (task and target together, so permuted MNIST's tasks keep their
 * digits apart). When a task ends its classes join the memory, and the capacity is shared out
 * again: every class gets ⌊capacity / classes⌋ places, the classes that joined first one more
 * while it does not divide. Within a class the examples are the first `quota` of a seeded shuffle
 * of all its training examples: a uniform random sample that only shrinks as classes join, and
 * the same seed gives the same memory. The memory holds finished tasks only, never the current
 * task alone (it is filled at task boundaries).
 */
export class ReplayMemory {
  /** Each class's training examples in their seeded order, by class in the order they joined. */
  private readonly classes = new Map<string, ExampleRef[]>();
  private contents: ExampleRef[] = [];

  constructor(
    private readonly scenario: Scenario,
    private readonly seed: number,
  ) {}

  /** The examples it holds now, class by class. */
  get examples(): readonly ExampleRef[] {
    return this.contents;
  }

  /** A task ended: its classes join (a revisited task's are already in), with room for `capacity`. */
  addTask(task: number, capacity: number): void {
    const { target } = this.scenario.tasks[task].train;
    const byTarget = new Map<number, number[]>();
    target.forEach((t, pos) => {
      const list = byTarget.get(t);
      if (list) list.push(pos);
      else byTarget.set(t, [pos]);
    });
    for (const [t, positions] of [...byTarget].sort((a, b) => a[0] - b[0])) {
      const key = `${task}:${t}`;
      if (this.classes.has(key)) continue;
      const order = permutation(positions.length, createRng(deriveSeed(this.seed, 'memory', task, t)));
      this.classes.set(
        key,
        Array.from(order, (i) => ({ task, pos: positions[i] })),
      );
    }
    this.resize(capacity);
  }

  /** Shares `capacity` places out among the classes again (a class smaller than its share keeps all). */
  resize(capacity: number): void {
    const places = Math.max(0, Math.floor(capacity));
    const lists = [...this.classes.values()];
    const base = lists.length ? Math.floor(places / lists.length) : 0;
    const extra = lists.length ? places % lists.length : 0;
    this.contents = lists.flatMap((list, c) => list.slice(0, base + (c < extra ? 1 : 0)));
  }
}
