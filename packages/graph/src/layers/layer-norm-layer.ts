import { DTypeError, Tensor, formatShape } from '@qaxon/tensor';
import { InputError, ParameterError } from '../errors.js';
import type { ParameterValue } from '../model.js';
import { layerLabel, type LayerImplementation } from './layer-implementation.js';

/**
 * Layer normalization over the last axis. For each row `r` of width `n`:
 * `mean = Σ r_i / n`, `variance = Σ (r_i - mean)² / n` (population variance, two passes
 * for accuracy, float64 sums), then `y_i = (r_i - mean) / sqrt(variance + epsilon) ·
 * gamma_i + beta_i`. Each row comes out with mean `beta` and spread `gamma`, whatever the
 * scale of its input; `epsilon` keeps constant rows finite.
 *
 * @example
 * ```ts
 * import { ones, tensor, zeros } from '@qaxon/tensor';
 * import { layerNormMath } from '@qaxon/graph';
 * const y = layerNormMath(tensor([[1, 3]]), ones([2]), zeros([2]), 1e-5); // ~[[-1, 1]]
 * ```
 */
export function layerNormMath(x: Tensor, gamma: Tensor, beta: Tensor, epsilon: number): Tensor<'f32'> {
  if (x.dtype !== 'f32' || gamma.dtype !== 'f32' || beta.dtype !== 'f32') {
    throw new DTypeError(`layerNorm: expected f32 input, gamma and beta, got ${x.dtype}, ${gamma.dtype}, ${beta.dtype}`);
  }
  const width = x.shape[x.rank - 1] ?? 1;
  const source = x.data as Float32Array;
  const g = gamma.data as Float32Array;
  const b = beta.data as Float32Array;
  const out = new Float32Array(source.length);
  for (let start = 0; start < source.length; start += width) {
    let total = 0;
    for (let i = 0; i < width; i++) total += source[start + i]!;
    const mean = total / width;
    let squares = 0;
    for (let i = 0; i < width; i++) squares += (source[start + i]! - mean) ** 2;
    const inverse = 1 / Math.sqrt(squares / width + epsilon);
    for (let i = 0; i < width; i++) out[start + i] = (source[start + i]! - mean) * inverse * g[i]! + b[i]!;
  }
  return new Tensor(out, x.shape, 'f32');
}

function tensorParameter(parameters: Readonly<Record<string, ParameterValue>>, name: string, label: string): Tensor {
  const value = parameters[name];
  if (!(value instanceof Tensor)) throw new ParameterError(`${label}: expected parameter '${name}' to be an f32 tensor, got ${String(value)}`);
  return value;
}

/**
 * The `layerNorm` op: {@link layerNormMath} with the node's `gamma`, `beta` and
 * `opts.epsilon`.
 *
 * @example
 * ```ts
 * import { layerNormLayer } from '@qaxon/graph';
 * console.log(typeof layerNormLayer.predict); // function
 * ```
 */
export const layerNormLayer: LayerImplementation = {
  outputShape(inputShapes, context) {
    const x = inputShapes[0];
    if (inputShapes.length !== 1 || x === undefined) throw new InputError(`${layerLabel(context)}: expected exactly 1 input, got ${inputShapes.length}`);
    if (x.length === 0) throw new InputError(`${layerLabel(context)}: expected an input of rank >= 1, got ${formatShape(x)}`);
    return x;
  },
  predict([x], parameters, context) {
    const label = layerLabel(context);
    const epsilon = (context.node.opts['epsilon'] as number | undefined) ?? 1e-5;
    return layerNormMath(x!, tensorParameter(parameters, 'gamma', label), tensorParameter(parameters, 'beta', label), epsilon);
  },
};
