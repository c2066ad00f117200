import type { OpPlacement } from '../placement/op-placement.js';
import type { PlannedLayer } from './plan.js';

interface Remembered {
  /** The op the call named (before a merged step's activation is added to it). */
  readonly calledOp: string;
  readonly entry: OpPlacement;
}

const ENTRIES = new WeakMap<PlannedLayer, Remembered[]>();

/**
 * The placement entry `step` records for an op call that ran as `entry` says: the frozen
 * entry it recorded for the same call in an earlier predict when there is one (a built
 * model predicts the same way every time, and a new frozen object per op call and predict
 * costs as much as a small kernel), else `entry` frozen and remembered. A merged dense step
 * (`fusedActivation`) names its layer pair and adds the activation to the op (`dense+relu`).
 *
 * @example
 * ```ts
 * import { BUILT_IN_LAYERS, dense, input } from '@qaxon/graph';
 * import { planGraph, stepPlacement } from '@qaxon/graph/internals';
 * const [, step] = planGraph(dense(input('x'), 2), BUILT_IN_LAYERS);
 * const entry = stepPlacement(step!, { layer: 'dense_0', op: 'dense', kind: 'backend', ranOn: 'wasm', reason: 'the backend implements it' });
 * console.log(Object.isFrozen(entry)); // true
 * ```
 */
export function stepPlacement(step: PlannedLayer, entry: OpPlacement): OpPlacement {
  let remembered = ENTRIES.get(step);
  if (remembered === undefined) {
    remembered = [];
    ENTRIES.set(step, remembered);
  }
  for (const { calledOp, entry: known } of remembered) {
    if (calledOp === entry.op && known.layer === entry.layer && known.kind === entry.kind && known.ranOn === entry.ranOn && known.reason === entry.reason) return known;
  }
  const fused = step.fusedActivation;
  const frozen = Object.freeze(fused === undefined ? { ...entry } : { ...entry, op: `${entry.op}+${fused.activation}` });
  // A step records one entry per op call it makes; a bound keeps a layer whose calls vary from growing the list.
  if (remembered.length < 16) remembered.push({ calledOp: entry.op, entry: frozen });
  return frozen;
}
