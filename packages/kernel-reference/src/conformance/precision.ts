import { ValueError, denseActivationCall, describeValue, type Backend, type DenseActivation, type OpName, type OpPrecision } from '@qaxon/tensor';

/**
 * Float32 arithmetic in any order: `{ relative: 2 ** -23, absolute: 2 ** -126 }`. What a
 * backend that sums in float32 declares for its reductions (`dense`, `matMul`, ...).
 *
 * @example
 * ```ts
 * import { FLOAT32_ACCUMULATION } from '@qaxon/kernel-reference/conformance-runner';
 * const precision = { dense: FLOAT32_ACCUMULATION, matMul: FLOAT32_ACCUMULATION };
 * ```
 */
export const FLOAT32_ACCUMULATION: OpPrecision = Object.freeze({ relative: 2 ** -23, absolute: 2 ** -126 });

/**
 * The precision of an op whose backend declares none: bit-identical to the reference.
 *
 * @example
 * ```ts
 * import { BIT_IDENTICAL } from '@qaxon/kernel-reference/conformance-runner';
 * console.log(BIT_IDENTICAL); // { relative: 0, absolute: 0 }
 * ```
 */
export const BIT_IDENTICAL: OpPrecision = Object.freeze({ relative: 0, absolute: 0 });

/**
 * The precision a backend declares for `op` (`backend.precision[op]`), checked (two
 * finite numbers >= 0); {@link BIT_IDENTICAL} when it declares none.
 *
 * @example
 * ```ts
 * import { referenceBackend } from '@qaxon/kernel-reference';
 * import { declaredPrecision } from '@qaxon/kernel-reference/conformance-runner';
 * console.log(declaredPrecision(referenceBackend, 'dense')); // { relative: 0, absolute: 0 }
 * ```
 */
export function declaredPrecision(backend: Backend, op: OpName): OpPrecision {
  const precision = backend.precision?.[op];
  if (precision === undefined) return BIT_IDENTICAL;
  for (const key of ['relative', 'absolute'] as const) {
    const value = (precision as unknown as Record<string, unknown>)[key];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new ValueError(`backend '${backend.name}': expected precision.${op}.${key} to be a finite number >= 0, got ${describeValue(value)}`);
    }
  }
  return precision;
}

/**
 * The error allowed on one output: `absolute + relative * (n + 2) * magnitude`, `n` the
 * op's reduction length for that output and `magnitude` the sum of the absolute values of
 * the terms it adds (see `outputMagnitudes`).
 *
 * @example
 * ```ts
 * import { FLOAT32_ACCUMULATION, conformanceTolerance } from '@qaxon/kernel-reference/conformance-runner';
 * console.log(conformanceTolerance(FLOAT32_ACCUMULATION, 128, 10) > 0); // true
 * ```
 */
export function conformanceTolerance(precision: OpPrecision, n: number, magnitude: number): number {
  return precision.absolute + precision.relative * (n + 2) * magnitude;
}

/**
 * The precision a case of `op` with attributes `attrs` is held to: the op's declared one
 * ({@link declaredPrecision}), and for a dense op with an `activation` (`DenseAttrs`) the
 * looser of the dense op's and the activation op's (each field the larger): a backend
 * that composes its two kernels keeps each one's declared error.
 *
 * @example
 * ```ts
 * import { referenceBackend } from '@qaxon/kernel-reference';
 * import { casePrecision } from '@qaxon/kernel-reference/conformance-runner';
 * console.log(casePrecision(referenceBackend, 'dense', { activation: 'relu' })); // { relative: 0, absolute: 0 }
 * ```
 */
export function casePrecision(backend: Backend, op: OpName, attrs: unknown): OpPrecision {
  const own = declaredPrecision(backend, op);
  const activation = (attrs as { activation?: DenseActivation } | undefined)?.activation;
  if ((op !== 'dense' && op !== 'quantizedDense' && op !== 'dynamicQuantizedDense') || activation === undefined) return own;
  const applied = declaredPrecision(backend, denseActivationCall(activation).op);
  return { relative: Math.max(own.relative, applied.relative), absolute: Math.max(own.absolute, applied.absolute) };
}
