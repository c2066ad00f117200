import { QTensor, Tensor, describeValue } from '@qaxon/tensor';
import { ParameterError } from '../errors.js';
import type { ParameterValue } from '../model.js';
import { ModelState } from '../model-state.js';
import { describeParameterValue } from '../parameter-value.js';
import type { ModelRuntime } from './model-runtime.js';

/**
 * A copy of `state` whose parameters are handles of the runtime's backend: host tensors
 * and `QTensor`s are uploaded through the runtime's weight cache (once: a weight
 * `predict` already uploaded keeps its handle), handles the backend holds are kept, and
 * frozen marks are kept. A handle of another backend (or a released one) is refused.
 *
 * @example
 * ```ts
 * import { referenceBackend } from '@qaxon/kernel-reference';
 * import { WeightCache, ones } from '@qaxon/tensor';
 * import { ModelState, isHandle } from '@qaxon/graph';
 * import { placeState } from '@qaxon/graph/internals';
 * const runtime = { backend: referenceBackend, weights: new WeightCache(referenceBackend) };
 * const placed = await placeState(ModelState.empty().set('a', 'w', ones([2])), runtime);
 * console.log(isHandle(placed.get('a', 'w'))); // true
 * ```
 */
export async function placeState(state: ModelState, runtime: ModelRuntime): Promise<ModelState> {
  if (!(state instanceof ModelState)) throw new ParameterError(`place: expected a ModelState, got ${describeValue(state)}`);
  const { backend, weights } = runtime;
  const data: Record<string, Record<string, ParameterValue>> = Object.create(null) as Record<string, Record<string, ParameterValue>>;
  for (const [layer, parameter, value] of state.parameters()) {
    let placed: ParameterValue;
    if (value instanceof Tensor || value instanceof QTensor) placed = weights.handleOf(value);
    else if (backend.owns(value)) placed = value;
    else {
      throw new ParameterError(
        `place: '${layer}.${parameter}' is a handle (${describeParameterValue(value)}) that backend '${backend.name}' does not hold (released, or of another backend); place the host state instead`,
      );
    }
    Object.defineProperty((data[layer] ??= {}), parameter, { value: placed, enumerable: true });
  }
  return ModelState.fromData(data, { frozen: state.frozenParameters() });
}
