import { DENSE_ACTIVATIONS, denseActivationCall, type Backend, type DenseActivation, type OpAttrs, type OpName } from '@qaxon/tensor';
import { ACTIVATION_LAYERS } from '../layers/activation-layers.js';
import { denseLayer, quantizedDenseLayer } from '../layers/dense-layer.js';
import type { PlannedLayer } from './plan.js';

/**
 * A dense step run together with the activation step after it, as one dense op call with
 * the `activation` attribute (`DenseAttrs` of `@qaxon/tensor`).
 *
 * @example
 * ```ts
 * import type { FusedActivation } from '@qaxon/graph/internals';
 * const fused: FusedActivation = { activation: 'relu', layer: 'dense_0+relu_0' };
 * ```
 */
export interface FusedActivation {
  /** The activation the dense op applies. */
  readonly activation: DenseActivation;
  /** The name the placement report gives the pair: `'dense_0+relu_0'`. */
  readonly layer: string;
}

const FUSABLE: ReadonlySet<string> = new Set(DENSE_ACTIVATIONS);
/** The attributes of a merged dense call, one frozen object per activation (no new object per call). */
const ACTIVATION_ATTRS = Object.fromEntries(DENSE_ACTIVATIONS.map((activation) => [activation, Object.freeze({ activation })])) as Readonly<Record<DenseActivation, { readonly activation: DenseActivation }>>;
const EXECUTION_PLANS = new WeakMap<readonly PlannedLayer[], WeakMap<Backend, readonly PlannedLayer[]>>();

/** The dense op a built-in dense step calls, or `undefined` for any other step (a replaced implementation included). */
function denseOpOf(step: PlannedLayer): 'dense' | 'quantizedDense' | 'dynamicQuantizedDense' | undefined {
  if (step.implementation === denseLayer) return 'dense';
  if (step.implementation === quantizedDenseLayer) return step.node.opts['dynamicActivations'] === true ? 'dynamicQuantizedDense' : 'quantizedDense';
  return undefined;
}

/** The activation a built-in activation step applies, when a dense op can apply it (softmax only over the last axis). */
function fusableActivation(step: PlannedLayer): DenseActivation | undefined {
  const op = step.node.op;
  if (!FUSABLE.has(op) || step.implementation !== ACTIVATION_LAYERS[op as DenseActivation] || step.parentIndexes.length !== 1) return undefined;
  if ((op === 'softmax' || op === 'logSoftmax') && step.node.opts['axis'] !== undefined && step.node.opts['axis'] !== -1) return undefined;
  return op as DenseActivation;
}

/**
 * The steps `runPlan` executes on `backend`: the plan, with each built-in dense step whose
 * only consumer is a built-in activation step that a dense op can apply (see
 * `DENSE_ACTIVATIONS`; softmax over the last axis) merged with it into one step, when
 * `backend` implements both that dense op and the activation op (so the pair would run on
 * the backend unfused, and the fallback rules stay as they are: a pair where either op
 * would fall back is not merged). The merged step stands where the activation step
 * stood (its output is the activation's), runs the dense layer with the dense step's name,
 * parameters and parents, and carries {@link FusedActivation}. A dense step that a
 * container names as a model output, or that another layer also reads, is left alone;
 * so are layers replaced through `build`'s `layers` option.
 *
 * @example
 * ```ts
 * import { referenceBackend } from '@qaxon/kernel-reference';
 * import { BUILT_IN_LAYERS, dense, input } from '@qaxon/graph';
 * import { fuseDenseActivations, planGraph } from '@qaxon/graph/internals';
 * const plan = planGraph(dense(input('x'), 4, { activation: 'relu' }), BUILT_IN_LAYERS);
 * console.log(fuseDenseActivations(plan, referenceBackend).map((step) => step.fusedActivation?.layer ?? step.name)); // ['x', 'dense_0+relu_0']
 * ```
 */
export function fuseDenseActivations(plan: readonly PlannedLayer[], backend: Backend): PlannedLayer[] {
  const readers = plan.map(() => 0);
  for (const step of plan) for (const parent of step.parentIndexes) readers[parent]!++;
  const fusedInto = new Map<number, DenseActivation>(); // activation step index -> its activation
  const merged = new Set<number>(); // dense steps merged into the step after them
  plan.forEach((step, index) => {
    const activation = fusableActivation(step);
    const parent = step.parentIndexes[0];
    if (activation === undefined || parent === undefined || readers[parent] !== 1) return;
    const op = denseOpOf(plan[parent]!);
    if (op === undefined || backend.kernels[op] === undefined || backend.kernels[denseActivationCall(activation).op] === undefined) return;
    fusedInto.set(index, activation);
    merged.add(parent);
  });
  if (merged.size === 0) return [...plan];
  const newIndex: number[] = [];
  const steps: PlannedLayer[] = [];
  plan.forEach((step, index) => {
    if (merged.has(index)) return;
    const activation = fusedInto.get(index);
    newIndex[index] = steps.length;
    if (activation === undefined) {
      steps.push({ ...step, parentIndexes: step.parentIndexes.map((parent) => newIndex[parent]!) });
      return;
    }
    const dense = plan[step.parentIndexes[0]!]!;
    steps.push({
      name: dense.name,
      node: dense.node,
      implementation: dense.implementation,
      parentIndexes: dense.parentIndexes.map((parent) => newIndex[parent]!),
      fusedActivation: Object.freeze({ activation, layer: `${dense.name}+${step.name}` }),
    });
  });
  return steps;
}

/** {@link fuseDenseActivations}, computed once per plan and backend (a built model predicts with the same plan every time). */
export function cachedExecutionPlan(plan: readonly PlannedLayer[], backend: Backend): readonly PlannedLayer[] {
  let byBackend = EXECUTION_PLANS.get(plan);
  if (byBackend === undefined) {
    byBackend = new WeakMap();
    EXECUTION_PLANS.set(plan, byBackend);
  }
  let steps = byBackend.get(backend);
  if (steps === undefined) {
    steps = Object.freeze(fuseDenseActivations(plan, backend));
    byBackend.set(backend, steps);
  }
  return steps;
}

/**
 * The attributes of an op call made by `step`: for a merged step's dense op call, `attrs`
 * with the step's activation added; otherwise `attrs` as they are.
 *
 * @example
 * ```ts
 * import { withFusedActivation, type PlannedLayer } from '@qaxon/graph/internals';
 * const attrsOf = (step: PlannedLayer) => withFusedActivation(step, 'dense', {}); // { activation: 'relu' } on a merged dense+relu step
 * ```
 */
export function withFusedActivation<O extends OpName>(step: PlannedLayer, op: O, attrs: OpAttrs<O>): OpAttrs<O> {
  const fused = step.fusedActivation;
  if (fused === undefined || (op !== 'dense' && op !== 'quantizedDense' && op !== 'dynamicQuantizedDense')) return attrs;
  if (attrs === undefined || attrs === null || Object.keys(attrs).length === 0) return ACTIVATION_ATTRS[fused.activation] as OpAttrs<O>;
  return { ...attrs, activation: fused.activation } as OpAttrs<O>;
}
