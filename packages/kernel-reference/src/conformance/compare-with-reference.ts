import { formatShape, type DenseBias, type KernelName, type QTensor, type Tensor } from '@qaxon/tensor';
import { referenceBackend } from '../reference-backend.js';
import { accumulationMagnitudes } from './magnitudes.js';
import { conformanceTolerance, type ConformancePrecision } from './precision.js';

/**
 * One output out of tolerance: where (`[m, n]`: row after flattening the leading axes of
 * `x`, output unit), both values, their difference and the tolerance it exceeded.
 *
 * @example
 * ```ts
 * import type { ConformanceMismatch } from '@qaxon/kernel-reference/conformance';
 * const mismatch: ConformanceMismatch = { index: [1, 2], actual: 1.5, expected: 1.25, difference: 0.25, tolerance: 1e-6 };
 * ```
 */
export interface ConformanceMismatch {
  /** `[m, n]`: flattened row and output unit. */
  index: [number, number];
  /** The backend's value. */
  actual: number;
  /** The reference's value. */
  expected: number;
  /** `|actual - expected|` (NaN when the backend produced NaN). */
  difference: number;
  /** The tolerance of that output. */
  tolerance: number;
}

/**
 * The verdict on one conformance case: `ok`, and otherwise a readable `message` naming the
 * kernel, the case, the first bad index, both values, the difference and the tolerance.
 *
 * @example
 * ```ts
 * import type { ConformanceVerdict } from '@qaxon/kernel-reference/conformance';
 * function report(verdict: ConformanceVerdict): string {
 *   return verdict.ok ? 'ok' : verdict.message;
 * }
 * ```
 */
export interface ConformanceVerdict {
  /** True when every output is within tolerance (or an error case threw as expected). */
  ok: boolean;
  /** Why it failed (empty when ok). */
  message: string;
  /** Number of outputs out of tolerance (0 for structural failures such as a wrong shape). */
  mismatches: number;
  /** The first output out of tolerance, in row-major order. */
  firstMismatch?: ConformanceMismatch;
  /** The largest `difference / tolerance` over all outputs (how close a pass came to failing). */
  worstRatio: number;
}

/**
 * What {@link compareWithReference} compares: the kernel and its inputs, the backend's
 * (awaited) result and the declared precision.
 *
 * @example
 * ```ts
 * import { ones } from '@qaxon/tensor';
 * import type { CompareWithReferenceOptions } from '@qaxon/kernel-reference/conformance';
 * const options: CompareWithReferenceOptions = {
 *   kernelName: 'dense', x: ones([1, 2]), kernel: ones([2, 3]), bias: 1,
 *   actual: ones([1, 3]), precision: { relative: 2 ** -23, absolute: 0 },
 * };
 * ```
 */
export interface CompareWithReferenceOptions {
  /** The kernel that produced `actual`. */
  kernelName: KernelName;
  /** The input `x` given to the backend, `[..., in]`. */
  x: Tensor<'f32'>;
  /** The kernel given to the backend: an f32 `[in, units]` Tensor for `dense`, a QTensor for `quantizedDense`. */
  kernel: Tensor<'f32'> | QTensor;
  /** The bias given to the backend. */
  bias?: DenseBias;
  /** The backend's result (anything: it is checked to be an f32 tensor of the right shape). */
  actual: unknown;
  /** The backend's declared precision (see {@link ConformancePrecision}). */
  precision: ConformancePrecision;
  /** Prefix of the message, e.g. `quantizedDense "1x1: ..." on backend "gpu.js:webgl2"`. */
  label?: string;
}

/**
 * Compares a backend's result with the reference backend's on the same inputs, output by
 * output, within `absolute + relative * (K + 2) * Σ_k |x[m][k] * w[k][n]| + |bias[n]|`
 * (see {@link ConformancePrecision}). Not tied to vitest: returns a verdict.
 *
 * @example
 * ```ts
 * import { ones, tensor } from '@qaxon/tensor';
 * import { compareWithReference } from '@qaxon/kernel-reference/conformance';
 * const verdict = compareWithReference({
 *   kernelName: 'dense', x: ones([1, 2]), kernel: ones([2, 2]), bias: undefined,
 *   actual: tensor([[2, 2.5]]), precision: { relative: 2 ** -23, absolute: 0 },
 * });
 * console.log(verdict.ok, verdict.firstMismatch?.index); // false [0, 1]
 * ```
 */
export function compareWithReference(options: CompareWithReferenceOptions): ConformanceVerdict {
  const { kernelName, x, kernel, bias, actual, precision } = options;
  const label = options.label ?? kernelName;
  const expected =
    kernelName === 'dense'
      ? referenceBackend.dense(x, kernel as Tensor<'f32'>, bias)
      : referenceBackend.quantizedDense(x, kernel as QTensor, bias);
  const fail = (message: string): ConformanceVerdict => ({ ok: false, message: `${label}: ${message}`, mismatches: 0, worstRatio: Infinity });

  if (!isTensorLike(actual)) return fail(`expected an f32 Tensor of shape ${formatShape(expected.shape)}, got ${describeResult(actual)}`);
  if (actual.dtype !== 'f32' || !(actual.data instanceof Float32Array)) {
    return fail(`expected an f32 Tensor (Float32Array data), got dtype ${String(actual.dtype)} with ${actual.data?.constructor?.name ?? 'no'} data`);
  }
  if (actual.shape.length !== expected.shape.length || actual.shape.some((d, axis) => d !== expected.shape[axis])) {
    return fail(`expected shape ${formatShape(expected.shape)}, got ${formatShape(actual.shape)}`);
  }
  if (actual.data.length !== expected.data.length) {
    return fail(`expected ${expected.data.length} elements for shape ${formatShape(expected.shape)}, got ${actual.data.length}`);
  }

  const units = expected.shape[expected.shape.length - 1]!;
  const inner = x.shape[x.shape.length - 1]!;
  const magnitudes = accumulationMagnitudes(kernelName, x, kernel, bias);
  let mismatches = 0;
  let firstMismatch: ConformanceMismatch | undefined;
  let worstRatio = 0;
  for (let i = 0; i < expected.data.length; i++) {
    const got = actual.data[i]!;
    const want = expected.data[i]!;
    const difference = Math.abs(got - want);
    const tolerance = conformanceTolerance(precision, inner, magnitudes[i]!);
    const ratio = difference === 0 ? 0 : difference / tolerance;
    worstRatio = Math.max(worstRatio, Number.isNaN(ratio) ? Infinity : ratio);
    if (!(difference <= tolerance)) {
      mismatches++;
      firstMismatch ??= { index: [Math.floor(i / units), i % units], actual: got, expected: want, difference, tolerance };
    }
  }
  if (firstMismatch === undefined) return { ok: true, message: '', mismatches: 0, worstRatio };
  const { index, actual: got, expected: want, difference, tolerance } = firstMismatch;
  const message =
    `${label}: ${mismatches} of ${expected.data.length} outputs differ from the reference beyond tolerance; ` +
    `first at [${index[0]}, ${index[1]}]: got ${got}, expected ${want}, difference ${difference} > tolerance ${tolerance} ` +
    `(absolute ${precision.absolute} + relative ${precision.relative} * (K ${inner} + 2) * magnitude ${magnitudes[index[0] * units + index[1]]})`;
  return { ok: false, message, mismatches, firstMismatch, worstRatio };
}

interface TensorLike {
  shape: readonly number[];
  dtype: unknown;
  data: ArrayLike<number>;
}

function isTensorLike(value: unknown): value is TensorLike {
  if (value === null || typeof value !== 'object') return false;
  const candidate = value as Partial<TensorLike>;
  return Array.isArray(candidate.shape) && candidate.data !== undefined && ArrayBuffer.isView(candidate.data);
}

function describeResult(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'object') return `an object (${value.constructor?.name ?? 'Object'}) without shape/data`;
  return `${typeof value} ${String(value)}`;
}
