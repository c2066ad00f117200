import type { Handle } from './handle.js';

/**
 * What an output rule reads of an input: its shape, dtype and quantization layout (a
 * `Handle` and a `Tensor` both fit).
 *
 * @example
 * ```ts
 * import { ones, type TensorSpec } from '@qaxon/tensor';
 * const spec: TensorSpec = ones([2, 3]);
 * ```
 */
export type TensorSpec = Pick<Handle, 'shape' | 'dtype'> & { readonly quantization?: Handle['quantization'] };
