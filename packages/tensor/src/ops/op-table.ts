import type { Shape } from '../shape.js';
import type { Handle } from './handle.js';
import type { DenseAttrs } from './rules/dense-activation.js';

/**
 * Every op of qaxon by name, with its inputs (handles) and its attributes (plain values).
 * The core owns this table; a backend implements any subset of it (see `Backend.kernels`),
 * and the reference backend implements all of it. Shapes and dtypes are checked in the
 * core before a kernel runs (`inferOpOutput`), so kernels may trust their inputs.
 *
 * - `dense`: `x [..., in]`, `kernel [in, units]`, `bias [units]` -> `[..., units]`.
 * - `quantizedDense`: as `dense` with a quantized `kernel` (scale applied after the sum).
 * - `dynamicQuantizedDense`: as `quantizedDense` (per-channel kernel), with each row of `x`
 *   quantized at run time to int8 (symmetric, per row) and int8 x int8 summed exactly in
 *   int32 (W8A8; see `dynamicQuantizedDenseDimensions` for the exact contract).
 * - The three dense ops take an optional `activation` ({@link DenseAttrs}): the output is then
 *   that activation of the dense output (softmax over the last axis), one op instead of two.
 * - `matMul`: batched `a [..., m, k] · b [..., k, n]` (batch axes broadcast), each side
 *   optionally transposed on its last two axes.
 * - `add`, `subtract`, `multiply`, `divide`: elementwise with NumPy broadcasting.
 * - unary activations on f32; `leakyRelu` takes `alpha`.
 * - `softmax` / `logSoftmax` along `axis` (negative counts from the end).
 * - `layerNorm` (mean and variance along the last axis, optional `gamma`/`beta`) and
 *   `rmsNorm` (root mean square along the last axis, optional `gamma`), each with `eps`.
 * - `gather`: rows of `table [rows, ...]` at s32 `indices [...]` -> `[...indices, ...]`.
 * - `reshape`, `transpose`, `concatenate`, `slice`: layout ops; axes may be negative.
 * - `attention`: scaled dot-product attention on `query [batch, queries, heads · headDim]`,
 *   `key`/`value [batch, keys, kvHeads · headDim]` (grouped-query when `kvHeads < heads`),
 *   optional s32 `mask [batch, keys]` (0 = padding, never attended), optionally `causal`
 *   (query `i` sits at position `keys - queries + i`, so a KV cache works) -> `[batch, queries, heads · headDim]`.
 * - `rope`: rotary position embeddings on `x [batch, sequence, heads · headDim]` at s32
 *   `positions [sequence]` or `[batch, sequence]`, Hugging Face's `rotate_half` halves or
 *   interleaved pairs, over the first `rotaryDim` entries of each head.
 *
 * @example
 * ```ts
 * import type { OpTable } from '@qaxon/tensor';
 * type SoftmaxAttrs = OpTable['softmax']['attrs']; // { axis: number }
 * ```
 */
export interface OpTable {
  dense: { inputs: { x: Handle; kernel: Handle; bias?: Handle }; attrs: DenseAttrs };
  quantizedDense: { inputs: { x: Handle; kernel: Handle; bias?: Handle }; attrs: DenseAttrs };
  dynamicQuantizedDense: { inputs: { x: Handle; kernel: Handle; bias?: Handle }; attrs: DenseAttrs };
  matMul: { inputs: { a: Handle; b: Handle }; attrs: { transposeA?: boolean; transposeB?: boolean } };
  add: { inputs: { a: Handle; b: Handle }; attrs: Record<string, never> };
  subtract: { inputs: { a: Handle; b: Handle }; attrs: Record<string, never> };
  multiply: { inputs: { a: Handle; b: Handle }; attrs: Record<string, never> };
  divide: { inputs: { a: Handle; b: Handle }; attrs: Record<string, never> };
  relu: { inputs: { x: Handle }; attrs: Record<string, never> };
  sigmoid: { inputs: { x: Handle }; attrs: Record<string, never> };
  tanh: { inputs: { x: Handle }; attrs: Record<string, never> };
  gelu: { inputs: { x: Handle }; attrs: Record<string, never> };
  geluTanh: { inputs: { x: Handle }; attrs: Record<string, never> };
  silu: { inputs: { x: Handle }; attrs: Record<string, never> };
  exp: { inputs: { x: Handle }; attrs: Record<string, never> };
  leakyRelu: { inputs: { x: Handle }; attrs: { alpha: number } };
  softmax: { inputs: { x: Handle }; attrs: { axis: number } };
  logSoftmax: { inputs: { x: Handle }; attrs: { axis: number } };
  layerNorm: { inputs: { x: Handle; gamma?: Handle; beta?: Handle }; attrs: { eps: number } };
  rmsNorm: { inputs: { x: Handle; gamma?: Handle }; attrs: { eps: number } };
  gather: { inputs: { table: Handle; indices: Handle }; attrs: Record<string, never> };
  reshape: { inputs: { x: Handle }; attrs: { shape: Shape } };
  transpose: { inputs: { x: Handle }; attrs: { permutation: readonly number[] } };
  concatenate: { inputs: { xs: readonly Handle[] }; attrs: { axis: number } };
  slice: { inputs: { x: Handle }; attrs: { begin: readonly number[]; size: readonly number[] } };
  attention: { inputs: { query: Handle; key: Handle; value: Handle; mask?: Handle }; attrs: AttentionAttrs };
  rope: { inputs: { x: Handle; positions: Handle }; attrs: RopeAttrs };
}

/**
 * The attributes of the `attention` op.
 *
 * @example
 * ```ts
 * import type { AttentionAttrs } from '@qaxon/tensor';
 * const llamaStyle: AttentionAttrs = { heads: 32, kvHeads: 4, causal: true };
 * ```
 */
export interface AttentionAttrs {
  /** Query heads: the query's last axis is `heads · headDim`. */
  readonly heads: number;
  /** Key/value heads, dividing `heads` (query head `h` reads key/value head `floor(h / (heads / kvHeads))`). */
  readonly kvHeads: number;
  /** When true, query `i` attends only to keys at positions `<= keys - queries + i`. */
  readonly causal: boolean;
  /** Multiplies the scores `q · k` before the softmax; `1 / sqrt(headDim)` when absent. */
  readonly scale?: number;
}

/**
 * The attributes of the `rope` op (rotary position embeddings).
 *
 * @example
 * ```ts
 * import type { RopeAttrs } from '@qaxon/tensor';
 * const llama: RopeAttrs = { headDim: 64, theta: 10000, interleaved: false };
 * ```
 */
export interface RopeAttrs {
  /** Entries per head: `x`'s last axis is `heads · headDim`. */
  readonly headDim: number;
  /** The base of the frequencies `theta^(-2i / rotaryDim)` (10000 in LLaMA 2, 500000 in LLaMA 3). */
  readonly theta: number;
  /** False: Hugging Face's `rotate_half` (entry `i` pairs with `i + rotaryDim / 2`); true: pairs `(2i, 2i + 1)` as in Meta's and llama2.c's code. */
  readonly interleaved: boolean;
  /** How many leading entries of each head rotate (even, at most `headDim`); `headDim` when absent. */
  readonly rotaryDim?: number;
}

/**
 * The name of an op: a key of {@link OpTable}.
 *
 * @example
 * ```ts
 * import type { OpName } from '@qaxon/tensor';
 * const op: OpName = 'quantizedDense';
 * ```
 */
export type OpName = keyof OpTable;

/**
 * Every op name, in the order the docs and the conformance suite list them.
 *
 * @example
 * ```ts
 * import { OP_NAMES } from '@qaxon/tensor';
 * console.log(OP_NAMES.includes('softmax')); // true
 * ```
 */
export const OP_NAMES: readonly OpName[] = Object.freeze([
  'dense',
  'quantizedDense',
  'matMul',
  'add',
  'subtract',
  'multiply',
  'divide',
  'relu',
  'sigmoid',
  'tanh',
  'gelu',
  'geluTanh',
  'silu',
  'exp',
  'leakyRelu',
  'softmax',
  'logSoftmax',
  'layerNorm',
  'rmsNorm',
  'gather',
  'reshape',
  'transpose',
  'concatenate',
  'slice',
  'attention',
  'rope',
  'dynamicQuantizedDense',
] satisfies OpName[]);

/**
 * The inputs of op `O`.
 *
 * @example
 * ```ts
 * import type { OpInputs } from '@qaxon/tensor';
 * type DenseInputs = OpInputs<'dense'>; // { x: Handle; kernel: Handle; bias?: Handle }
 * ```
 */
export type OpInputs<O extends OpName> = OpTable[O]['inputs'];

/**
 * The attributes of op `O`.
 *
 * @example
 * ```ts
 * import type { OpAttrs } from '@qaxon/tensor';
 * const attrs: OpAttrs<'leakyRelu'> = { alpha: 0.01 };
 * ```
 */
export type OpAttrs<O extends OpName> = OpTable[O]['attrs'];

/**
 * True for the name of an op of {@link OpTable}.
 *
 * @example
 * ```ts
 * import { isOpName } from '@qaxon/tensor';
 * console.log(isOpName('dense'), isOpName('conv')); // true false
 * ```
 */
export function isOpName(name: unknown): name is OpName {
  return typeof name === 'string' && OP_NAME_SET.has(name);
}

const OP_NAME_SET: ReadonlySet<string> = new Set(OP_NAMES);
