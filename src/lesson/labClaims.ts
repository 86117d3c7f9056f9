/**
 * What a lab scene claims about the 2D lab (src/engine/quadratic/lab.ts), checked by
 * src/lesson/labClaims.test.ts on the same settings the scene sets up: where a method ends
 * relative to θ*A, θ*B and the joint optimum, each task's loss there, and SI's ω.
 */
import { type ClaimRange, describeRange, inRange } from '../engine/claims';
import type { LabResult } from '../engine/quadratic/lab';
import type { Vec2 } from '../engine/quadratic/mat2';
import type { ClMethod } from '../engine/quadratic/methods';
import type { QuadTask } from '../engine/quadratic/task';

export type Landmark = 'θ*A' | 'θ*B' | 'joint optimum';

export type LabClaim =
  /** The method's end point is nearer this landmark than the other two. */
  | { readonly method: ClMethod; readonly nearest: Landmark }
  /** Task A's (index 0) or B's (1) loss at the method's end point. */
  | ({ readonly method: ClMethod; readonly loss: 0 | 1 } & ClaimRange)
  /** SI's ω of parameter θ₁ (0) or θ₂ (1) over task A, before or after the reveal's change. */
  | ({ readonly omega: 0 | 1; readonly when: 'before' | 'after' } & ClaimRange);

const LABELS: Readonly<Record<ClMethod, string>> = { sgd: 'SGD', l2: 'L2', ewc: 'EWC', si: 'SI' };
const fmt = (x: number) => String(Number(x.toFixed(2)));

export function describeLabClaim(c: LabClaim): string {
  if ('nearest' in c) return `${LABELS[c.method]} ends nearest ${c.nearest}`;
  if ('loss' in c)
    return `${LABELS[c.method]}: task ${c.loss ? 'B' : 'A'}’s loss at its end ${describeRange(c)}`;
  return `SI’s ω${c.omega ? '₂' : '₁'} ${c.when === 'before' ? 'before' : 'after'} the change ${describeRange(c)}`;
}

const endOf = (path: Float64Array): Vec2 => [path[path.length - 2], path[path.length - 1]];

function landmarks(tasks: readonly QuadTask[], r: LabResult): [Landmark, Vec2][] {
  const points: [Landmark, Vec2][] = [
    ['θ*A', tasks[0].centre],
    ['θ*B', tasks[1].centre],
  ];
  return r.joint ? [...points, ['joint optimum', r.joint]] : points;
}

/** The claim's measured value and whether it holds; `before` and `after` the scene's reveal. */
export function checkLabClaim(
  c: LabClaim,
  tasks: readonly QuadTask[],
  before: LabResult,
  after: LabResult,
): { holds: boolean; measured: string } {
  if ('omega' in c) {
    const x = (c.when === 'before' ? before : after).si.omega[c.omega];
    return { holds: inRange(c, x), measured: fmt(x) };
  }
  const run = after.methods[c.method];
  if ('loss' in c) {
    const x = run.finalLosses[c.loss];
    return { holds: inRange(c, x), measured: fmt(x) };
  }
  const end = endOf(run.path);
  const distances = landmarks(tasks, after).map(
    ([name, p]) => [name, Math.hypot(end[0] - p[0], end[1] - p[1])] as const,
  );
  const nearest = distances.reduce((a, b) => (b[1] < a[1] ? b : a));
  return {
    holds: nearest[0] === c.nearest,
    measured: distances.map(([name, d]) => `${name} ${fmt(d)}`).join(', '),
  };
}
