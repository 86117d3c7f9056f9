import { METHODS } from '../methods/registry';
import type { LabCounterpart } from '../methods/types';
import type { Strengths, TaskMemory } from './memory';
import type { QuadTerm } from './task';

export { fisherOf, type Strengths, siImportance, type TaskMemory } from './memory';

type LabMethod = Extract<(typeof METHODS)[number], { lab: LabCounterpart }>;
/** The sequential methods the lab trains side by side: those the registry gives a lab counterpart. */
export type ClMethod = LabMethod['id'];
/** The lab's methods with a penalty, whose strength the sweep varies. */
export type RegularisedMethod = Extract<LabMethod, { lab: { strengthKey: keyof Strengths } }>['id'];

const labMethods = METHODS.filter((m): m is LabMethod => m.lab !== null);

/** The joint optimum is a closed form, not a run, so Joint has no lab counterpart. */
export const CL_METHODS: readonly ClMethod[] = labMethods.map((m) => m.id);
export const REGULARISED_METHODS: readonly RegularisedMethod[] = labMethods.flatMap((m) =>
  m.lab.strengthKey === null ? [] : [m.id as RegularisedMethod],
);

const labOf = (method: ClMethod): LabCounterpart => labMethods.find((m) => m.id === method)!.lab;

/**
 * The penalty a method adds while training the next task, as terms ½(θ−anchor)ᵀP(θ−anchor):
 * L2 λ·|θ−θ*|² is P = 2λI, EWC λ/2·(θ−θ*)ᵀF(θ−θ*) is P = λF (one per finished task), SI
 * c·ΣΩ_k(θ_k−θ̃_k)² is P = 2c·diag(Ω) anchored at the end of the last task (each in its module).
 */
export function penaltyTerms(method: ClMethod, memories: readonly TaskMemory[], s: Strengths): QuadTerm[] {
  return labOf(method).penaltyTerms(memories, s);
}

/** The slider that sets each regularised method's strength; the sweep varies it. */
export function strengthKeyOf(method: RegularisedMethod): keyof Strengths {
  return labOf(method).strengthKey!;
}
