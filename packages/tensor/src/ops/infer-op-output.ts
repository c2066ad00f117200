import { ValueError } from '../errors.js';
import { describeValue } from '../describe.js';
import type { Handle } from './handle.js';
import type { OpAttrs, OpInputs, OpName } from './op-table.js';
import { attentionOutput } from './rules/attention.js';
import { denseOutput } from './rules/dense.js';
import { dynamicQuantizedDenseOutput } from './rules/dynamic-quantized-dense.js';
import { binaryOutput } from './rules/elementwise.js';
import { gatherOutput } from './rules/gather.js';
import { concatenateOutput, reshapeOutput, sliceOutput, transposeOutput } from './rules/layout.js';
import { matMulOutput } from './rules/matmul.js';
import { normOutput } from './rules/norms.js';
import { ropeOutput } from './rules/rope.js';
import { softmaxOutput } from './rules/softmax.js';
import { unaryOutput } from './rules/unary.js';
import type { OpOutput } from './rules/op-output.js';
import type { TensorSpec } from './tensor-spec.js';

export type { TensorSpec } from './tensor-spec.js';


/**
 * One input of an op as output rules read it: a handle becomes a {@link TensorSpec}, a list
 * of handles a list of them, anything else stays.
 *
 * @example
 * ```ts
 * import type { Handle, SpecOf, TensorSpec } from '@qaxon/tensor';
 * const spec: SpecOf<Handle> = { shape: [2], dtype: 'f32' } satisfies TensorSpec;
 * ```
 */
export type SpecOf<T> = T extends Handle ? TensorSpec : T extends readonly Handle[] ? readonly TensorSpec[] : T;

/**
 * The inputs of op `O` as output rules read them: every handle replaced by a {@link TensorSpec}.
 *
 * @example
 * ```ts
 * import { ones, type OpSpecs } from '@qaxon/tensor';
 * const specs: OpSpecs<'relu'> = { x: ones([3]) };
 * ```
 */
export type OpSpecs<O extends OpName> = { [K in keyof OpInputs<O>]: SpecOf<OpInputs<O>[K]> };

type OutputRule<O extends OpName> = (inputs: OpSpecs<O>, attrs: OpAttrs<O>) => OpOutput;

/** The output rule of every op: checks inputs and attributes, returns the output's shape and dtype. */
const OUTPUT_RULES: { readonly [O in OpName]: OutputRule<O> } = {
  dense: (inputs, attrs) => denseOutput('dense', inputs, attrs),
  quantizedDense: (inputs, attrs) => denseOutput('quantizedDense', inputs, attrs),
  dynamicQuantizedDense: (inputs, attrs) => dynamicQuantizedDenseOutput(inputs, attrs),
  matMul: (inputs, attrs) => matMulOutput(inputs, attrs),
  add: (inputs) => binaryOutput('add', inputs),
  subtract: (inputs) => binaryOutput('subtract', inputs),
  multiply: (inputs) => binaryOutput('multiply', inputs),
  divide: (inputs) => binaryOutput('divide', inputs),
  relu: (inputs) => unaryOutput('relu', inputs),
  sigmoid: (inputs) => unaryOutput('sigmoid', inputs),
  tanh: (inputs) => unaryOutput('tanh', inputs),
  gelu: (inputs) => unaryOutput('gelu', inputs),
  geluTanh: (inputs) => unaryOutput('geluTanh', inputs),
  silu: (inputs) => unaryOutput('silu', inputs),
  exp: (inputs) => unaryOutput('exp', inputs),
  leakyRelu: (inputs, attrs) => unaryOutput('leakyRelu', inputs, attrs),
  softmax: (inputs, attrs) => softmaxOutput('softmax', inputs, attrs),
  logSoftmax: (inputs, attrs) => softmaxOutput('logSoftmax', inputs, attrs),
  layerNorm: (inputs, attrs) => normOutput('layerNorm', inputs, attrs),
  rmsNorm: (inputs, attrs) => normOutput('rmsNorm', inputs, attrs),
  gather: (inputs) => gatherOutput(inputs),
  reshape: (inputs, attrs) => reshapeOutput(inputs, attrs),
  transpose: (inputs, attrs) => transposeOutput(inputs, attrs),
  concatenate: (inputs, attrs) => concatenateOutput(inputs, attrs),
  slice: (inputs, attrs) => sliceOutput(inputs, attrs),
  attention: (inputs, attrs) => attentionOutput(inputs, attrs),
  rope: (inputs, attrs) => ropeOutput(inputs, attrs),
};

/**
 * Checks the inputs and attributes of op `op` (shapes, dtypes, axes, options) and returns
 * the output's shape and dtype, throwing a `ShapeError`, `DTypeError` or `ValueError`
 * that names the op, the input and what was expected. It reads shapes and dtypes only, so
 * it works on handles of any backend and on host tensors; the executor calls it before
 * every kernel, so kernels may trust their inputs.
 *
 * @example
 * ```ts
 * import { inferOpOutput, ones } from '@qaxon/tensor';
 * console.log(inferOpOutput('dense', { x: ones([2, 4]), kernel: ones([4, 3]) }, {}).shape); // [2, 3]
 * ```
 */
export function inferOpOutput<O extends OpName>(op: O, inputs: OpSpecs<O>, attrs: OpAttrs<O>): OpOutput {
  const rule = (Object.hasOwn(OUTPUT_RULES, op) ? OUTPUT_RULES[op] : undefined) as OutputRule<O> | undefined;
  if (rule === undefined) throw new ValueError(`inferOpOutput: unknown op ${describeValue(op)}`);
  return rule(inputs, attrs);
}
