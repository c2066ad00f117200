import { ModelState } from '@qaxon/graph';
import { Tensor } from '@qaxon/tensor';
import { blockRows, type BlockShape } from '../workloads/block-shapes.js';
import type { BlockInputs, BlockWeights } from '../workloads/block-weights.js';

/**
 * A block's float32 weights as a qaxon `ModelState`, by Hugging Face layer name: dense
 * layers' `kernel` `[k, n]` and `bias`, norms' `gamma` (and `beta`). The arrays are wrapped,
 * not copied.
 *
 * @example
 * ```ts
 * const state = blockState(blockWeights(TINYLLAMA_STEP));
 * console.log(state.get('model.layers.0.self_attn.q_proj', 'kernel')?.shape); // [2048, 2048]
 * ```
 */
export function blockState(weights: BlockWeights): ModelState {
  const data: Record<string, Record<string, Tensor>> = {};
  for (const { name, k, n, kernel, bias } of weights.denses) {
    data[name] = { kernel: new Tensor(kernel, [k, n], 'f32'), ...(bias === undefined ? {} : { bias: new Tensor(bias, [n], 'f32') }) };
  }
  for (const { name, gamma, beta } of weights.norms) {
    data[name] = { gamma: new Tensor(gamma, [gamma.length], 'f32'), ...(beta === undefined ? {} : { beta: new Tensor(beta, [beta.length], 'f32') }) };
  }
  return ModelState.fromData(data);
}

/**
 * The inputs of `qaxonBlockModel`'s model for one call, by input name: `x` `[1, rows,
 * hidden]`; BERT's s32 `mask` `[1, tokens]`; a LLaMA step's s32 `positions` `[1]` and
 * `past_key` / `past_value` `[1, past, kvHeads · headDim]`.
 *
 * @example
 * ```ts
 * const inputs = qaxonBlockInputs(TINYLLAMA_STEP, blockInputs(TINYLLAMA_STEP));
 * console.log(Object.keys(inputs)); // ['x', 'positions', 'past_key', 'past_value']
 * ```
 */
export function qaxonBlockInputs(shape: BlockShape, inputs: BlockInputs): Record<string, Tensor> {
  const x = new Tensor(inputs.x, [1, blockRows(shape), shape.hidden], 'f32');
  if (shape.family === 'bert') return { x, mask: new Tensor(inputs.mask ?? new Int32Array(shape.tokens).fill(1), [1, shape.tokens], 's32') };
  const cache = [1, shape.past, shape.kvHeads * shape.headDim];
  if (inputs.pastKey === undefined || inputs.pastValue === undefined) throw new RangeError('qaxonBlockInputs: a LLaMA step needs pastKey and pastValue, got none');
  return {
    x,
    positions: new Tensor(new Int32Array([inputs.position ?? shape.past]), [1], 's32'),
    past_key: new Tensor(inputs.pastKey, cache, 'f32'),
    past_value: new Tensor(inputs.pastValue, cache, 'f32'),
  };
}
