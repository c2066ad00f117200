import { dense, describeParameterValue, input, relu, softmax, type Model, type ModelState } from '@qaxon/graph';
import { loadState } from '@qaxon/safetensors/node';
import { Tensor } from '@qaxon/tensor';
import { DENSE_KERNEL_SHAPES, HIDDEN_UNITS } from './architecture.js';
import { CLASSES, PIXELS } from './data.js';

/** The name of the model's input. */
export const INPUT_NAME = 'pixels';

/**
 * The float MNIST MLP as a qaxon graph: `pixels [batch, 784] -> dense_0 (256) -> relu_0 ->
 * dense_1 (128) -> relu_1 -> dense_2 (10) -> softmax_0`. Its parameters are
 * `dense_0.kernel` [784, 256], `dense_0.bias` [256], ..., `dense_2.bias` [10], the names
 * the committed safetensors file uses.
 *
 * @example
 * ```ts
 * import { build, properties } from '@qaxon/graph';
 * const model = mnistModel();
 * console.log(Object.keys(properties(model)).join(' ')); // pixels dense_0 relu_0 dense_1 relu_1 dense_2 softmax_0
 * ```
 */
export function mnistModel(): Model {
  let x = input(INPUT_NAME, { shape: [null, PIXELS] });
  for (const units of HIDDEN_UNITS) x = relu(dense(x, units));
  return softmax(dense(x, CLASSES));
}

/**
 * The weights file does not hold exactly the float MLP's parameters; the message names the
 * file, the parameter and what was expected.
 *
 * @example
 * ```ts
 * try { await loadFloatState('other.safetensors'); } catch (error) { console.log(error instanceof WeightsError); }
 * ```
 */
export class WeightsError extends Error {
  override readonly name = 'WeightsError';
}

/**
 * Checks that `state` holds exactly the float MLP's parameters: for every `dense_<i>` a f32
 * `kernel` of the architecture's `[in, units]` shape and a f32 `bias` `[units]`, and
 * nothing else. `source` names where the state came from, for the error message.
 *
 * @example
 * ```ts
 * checkFloatState(await loadState(FLOAT_WEIGHTS_PATH), FLOAT_WEIGHTS_PATH); // throws WeightsError if not
 * ```
 */
export function checkFloatState(state: ModelState, source: string): void {
  const expected = Object.entries(DENSE_KERNEL_SHAPES).flatMap(([layer, [inputs, units]]) => [
    { layer, param: 'kernel', shape: [inputs, units] },
    { layer, param: 'bias', shape: [units] },
  ]);
  for (const { layer, param, shape } of expected) {
    const value = state.get(layer, param);
    if (!(value instanceof Tensor) || value.dtype !== 'f32' || value.shape.join(',') !== shape.join(',')) {
      const given = value === undefined ? 'nothing' : describeParameterValue(value);
      throw new WeightsError(`${source}: expected ${layer}.${param} to be an f32 tensor of shape [${shape.join(', ')}], got ${given}`);
    }
  }
  const known = new Set(expected.map(({ layer, param }) => `${layer}.${param}`));
  for (const layer of state.layers()) {
    for (const param of Object.keys(state.data[layer] ?? {})) {
      if (!known.has(`${layer}.${param}`)) throw new WeightsError(`${source}: expected only the MLP's dense_0..dense_2 kernels and biases, got an extra parameter ${layer}.${param}`);
    }
  }
}

/**
 * Loads float weights saved as safetensors under qaxon names (such as the committed
 * `weights/mnist-mlp.safetensors`, written by the TensorFlow.js training script) and
 * checks them with {@link checkFloatState}.
 *
 * @example
 * ```ts
 * const state = await loadFloatState(FLOAT_WEIGHTS_PATH);
 * console.log(state.parameterCount()); // 235146
 * ```
 */
export async function loadFloatState(path: string): Promise<ModelState> {
  const state = await loadState(path);
  checkFloatState(state, path);
  return state;
}
