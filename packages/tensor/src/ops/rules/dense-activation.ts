import { ValueError } from '../../errors.js';
import { describeValue } from '../../describe.js';

/**
 * The activations a dense op can apply to its own output (the `activation` attribute of
 * `dense`, `quantizedDense` and `dynamicQuantizedDense`, as TF.js's `_FusedMatMul`): the
 * unary activations without attributes, and `softmax` / `logSoftmax` over the last axis.
 *
 * @example
 * ```ts
 * import type { DenseActivation } from '@qaxon/tensor';
 * const hidden: DenseActivation = 'relu';
 * ```
 */
export type DenseActivation = 'relu' | 'sigmoid' | 'tanh' | 'gelu' | 'geluTanh' | 'silu' | 'softmax' | 'logSoftmax';

/**
 * The attributes of the dense ops. With `activation`, the op's output is exactly what the
 * named op gives on the plain dense output (for `softmax` / `logSoftmax`: along the last
 * axis): one op instead of two, the same bits on every backend. A backend that implements
 * a dense op implements its `activation` too (the conformance cases check it); composing
 * its own activation kernel after the dense is enough.
 *
 * @example
 * ```ts
 * import type { DenseAttrs } from '@qaxon/tensor';
 * const attrs: DenseAttrs = { activation: 'softmax' };
 * ```
 */
export interface DenseAttrs {
  /** Applied to the dense output before it is returned; none when absent. */
  readonly activation?: DenseActivation;
}

/**
 * Every {@link DenseActivation}, in the order the docs list them.
 *
 * @example
 * ```ts
 * import { DENSE_ACTIVATIONS } from '@qaxon/tensor';
 * console.log(DENSE_ACTIVATIONS.includes('relu')); // true
 * ```
 */
export const DENSE_ACTIVATIONS: readonly DenseActivation[] = Object.freeze([
  'relu',
  'sigmoid',
  'tanh',
  'gelu',
  'geluTanh',
  'silu',
  'softmax',
  'logSoftmax',
] satisfies DenseActivation[]);

/**
 * The op call a dense op's `activation` stands for, run on the dense output: the unary op
 * of that name with no attributes, or `softmax` / `logSoftmax` with `axis: -1`. Backends
 * compose with it (dense kernel, then this op's kernel on the result).
 *
 * @example
 * ```ts
 * import { denseActivationCall } from '@qaxon/tensor';
 * console.log(denseActivationCall('softmax')); // { op: 'softmax', attrs: { axis: -1 } }
 * ```
 */
export function denseActivationCall(activation: DenseActivation):
  | { readonly op: 'softmax' | 'logSoftmax'; readonly attrs: { readonly axis: -1 } }
  | { readonly op: Exclude<DenseActivation, 'softmax' | 'logSoftmax'>; readonly attrs: Record<string, never> } {
  return activation === 'softmax' || activation === 'logSoftmax' ? { op: activation, attrs: LAST_AXIS } : { op: activation, attrs: NO_ATTRS };
}

const LAST_AXIS = Object.freeze({ axis: -1 as const });
const NO_ATTRS: Record<string, never> = Object.freeze({});
const ACTIVATION_SET: ReadonlySet<unknown> = new Set(DENSE_ACTIVATIONS);

/**
 * Checks the attributes of a dense op: absent, or an object whose `activation` is absent
 * or one of {@link DENSE_ACTIVATIONS}. Returns the activation (`undefined` when none).
 *
 * @example
 * ```ts
 * import { denseActivationOf } from '@qaxon/tensor';
 * console.log(denseActivationOf('dense', { activation: 'relu' })); // 'relu'
 * ```
 */
export function denseActivationOf(op: 'dense' | 'quantizedDense' | 'dynamicQuantizedDense', attrs: unknown): DenseActivation | undefined {
  if (attrs === undefined || attrs === null) return undefined;
  const activation = (attrs as { activation?: unknown }).activation;
  if (activation === undefined || ACTIVATION_SET.has(activation)) return activation as DenseActivation | undefined;
  throw new ValueError(`${op}: expected attribute activation to be one of ${DENSE_ACTIVATIONS.join(', ')} (or absent), got ${describeValue(activation)}`);
}
