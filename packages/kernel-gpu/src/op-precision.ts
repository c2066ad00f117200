import type { BackendPrecision, OpName, OpPrecision } from '@qaxon/tensor';
import type { GlBinaryOp, GlUnaryOp } from './kernels/gl-elementwise.js';
import type { HostBinaryOp, HostUnaryOp } from './kernels/host-elementwise.js';

/** Float32 products and sums, in another order than the reference's (split K, tiles). */
const FLOAT32_ACCUMULATION: OpPrecision = Object.freeze({ relative: 2 ** -23, absolute: 2 ** -126 });
/** The GPU's float32 `exp`, `log` and division, as GL drivers implement them. */
const GL_TRANSCENDENTAL: OpPrecision = Object.freeze({ relative: 2 ** -16, absolute: 2 ** -20 });
/** GL float32 arithmetic (a division may be a reciprocal and a product). */
const GL_ARITHMETIC: OpPrecision = Object.freeze({ relative: 2 ** -21, absolute: 2 ** -126 });
/**
 * `attention` in float32 (scores, `exp`, sums), measured against the float64 reference
 * under the conformance suite's elementwise tolerance (`absolute + 2 * relative * |y|`):
 * an output that is a sum of values cancelling to near 0 keeps the absolute error of the
 * terms, so the bound has an absolute part.
 */
const FLOAT32_ATTENTION: OpPrecision = Object.freeze({ relative: 2 ** -16, absolute: 2 ** -16 });
/** {@link FLOAT32_ATTENTION} with the GPU's `exp` and division. */
const GL_ATTENTION: OpPrecision = Object.freeze({ relative: 2 ** -14, absolute: 2 ** -14 });
/**
 * `rope`: float32 `cos`/`sin` (from float64 angles) and one float32 rotation, measured
 * under the suite's elementwise tolerance (`absolute + 2 * relative * |y|`): a rotated
 * entry near 0 keeps the rounding of its two terms, so the bound has an absolute part.
 */
const ROPE: OpPrecision = Object.freeze({ relative: 2 ** -21, absolute: 2 ** -20 });
/** `exp` and `log` in float64, the row sum in another order than the reference's. */
const HOST_SOFTMAX: OpPrecision = Object.freeze({ relative: 2 ** -23, absolute: 2 ** -126 });

/**
 * The unary ops with a program on GL modes.
 *
 * @example
 * ```ts
 * import { GL_UNARY_OPS } from '@qaxon/kernel-gpu/internals';
 * console.log(GL_UNARY_OPS.includes('gelu')); // true
 * ```
 */
export const GL_UNARY_OPS: readonly GlUnaryOp[] = ['relu', 'sigmoid', 'tanh', 'silu', 'exp', 'leakyRelu', 'gelu', 'geluTanh'];
/**
 * The unary ops with a host loop on the other modes (`gelu` and `geluTanh` fall back there).
 *
 * @example
 * ```ts
 * import { HOST_UNARY_OPS } from '@qaxon/kernel-gpu/internals';
 * console.log(HOST_UNARY_OPS.length); // 6
 * ```
 */
export const HOST_UNARY_OPS: readonly HostUnaryOp[] = ['relu', 'sigmoid', 'tanh', 'silu', 'exp', 'leakyRelu'];
/**
 * The broadcasting binary ops, in every mode.
 *
 * @example
 * ```ts
 * import { BINARY_OPS } from '@qaxon/kernel-gpu/internals';
 * console.log(BINARY_OPS); // ['add', 'subtract', 'multiply', 'divide']
 * ```
 */
export const BINARY_OPS: readonly (GlBinaryOp & HostBinaryOp)[] = ['add', 'subtract', 'multiply', 'divide'];

/**
 * The precision a gpu.js backend declares for each op (`backend.precision`; an op left
 * out is bit-identical to the reference): on GL modes (`gl`) the GPU's float32 arithmetic
 * and transcendentals, elsewhere float32 accumulation and host loops in float64.
 *
 * @example
 * ```ts
 * import { gpuOpPrecision } from '@qaxon/kernel-gpu/internals';
 * console.log(gpuOpPrecision(false).relu); // undefined: bit-identical
 * ```
 */
export function gpuOpPrecision(gl: boolean): BackendPrecision {
  const table: { [O in OpName]?: OpPrecision } = {
    dense: FLOAT32_ACCUMULATION,
    quantizedDense: FLOAT32_ACCUMULATION,
    /** The quantizedDense program on the integer rows: its float32 sums, then the row scale (in another order than the reference's). */
    dynamicQuantizedDense: FLOAT32_ACCUMULATION,
    matMul: FLOAT32_ACCUMULATION,
    attention: gl ? GL_ATTENTION : FLOAT32_ATTENTION,
    rmsNorm: gl ? GL_TRANSCENDENTAL : FLOAT32_ACCUMULATION,
    layerNorm: gl ? GL_TRANSCENDENTAL : FLOAT32_ACCUMULATION,
    rope: ROPE,
  };
  if (gl) {
    for (const op of GL_UNARY_OPS) if (op !== 'relu') table[op] = op === 'leakyRelu' ? GL_ARITHMETIC : GL_TRANSCENDENTAL;
    for (const op of BINARY_OPS) table[op] = GL_ARITHMETIC;
    table.softmax = GL_TRANSCENDENTAL;
    table.logSoftmax = GL_TRANSCENDENTAL;
  } else {
    table.softmax = HOST_SOFTMAX;
    table.logSoftmax = HOST_SOFTMAX;
  }
  return table;
}
