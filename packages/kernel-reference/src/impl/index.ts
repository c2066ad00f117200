/**
 * `@qaxon/kernel-reference/impl`: the reference maths as pure functions over typed arrays,
 * for fast backends that fall back to them on tiny shapes and for tests that call them
 * directly. Float64 accumulation, one rounding to float32 at the end.
 *
 * @example
 * ```ts
 * import { denseF32 } from '@qaxon/kernel-reference/impl';
 * console.log([...denseF32(new Float32Array([1, 2]), 1, 2, new Float32Array([3, 4]), 1, undefined)]); // [11]
 * ```
 *
 * @packageDocumentation
 */
export { denseF32 } from './dense-f32.js';
export { quantizedDenseS8 } from './quantized-dense-s8.js';
export { quantizedDenseGrouped } from './quantized-dense-grouped.js';
export { dynamicQuantizedDenseS8 } from './dynamic-quantized-dense-s8.js';
// The row quantization of dynamicQuantizedDense is the op's contract, so it lives in core.
export { DYNAMIC_ROW_FLOOR, quantizeRowsS8 } from '@qaxon/tensor';
export { biasReader, checkBufferLength, checkSizes } from './check-buffers.js';
export { erf } from '@qaxon/tensor';
export { UNARY_FUNCTIONS, sigmoidOf } from '../ops/unary.js';
export { quantizedDenseS4 } from './quantized-dense-s4.js';
