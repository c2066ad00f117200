import { formatShape, shapesEqual } from './shape.js';
import type { Tensor } from './tensor.js';

/**
 * Tolerances of {@link allClose}: `|actual - expected| <= atol + rtol * |expected|`.
 *
 * @example
 * ```ts
 * import type { AllCloseOptions } from '@qaxon/tensor';
 * const tolerance: AllCloseOptions = { rtol: 1e-5, atol: 1e-6 };
 * ```
 */
export interface AllCloseOptions {
  /** Relative tolerance (default 1e-5). */
  rtol?: number;
  /** Absolute tolerance (default 1e-8). */
  atol?: number;
  /** Treat NaN as equal to NaN (default false). */
  equalNaN?: boolean;
}

/**
 * The verdict of {@link allClose}: `ok`, and when not ok where and by how much it failed.
 *
 * @example
 * ```ts
 * import { allClose, tensor, type AllCloseResult } from '@qaxon/tensor';
 * const result: AllCloseResult = allClose(tensor([1]), tensor([1]));
 * console.log(result.ok); // true
 * ```
 */
export interface AllCloseResult {
  /** True when every element is within tolerance (and shapes match). */
  ok: boolean;
  /** Flat index of the first element out of tolerance. */
  index?: number;
  /** Multi-index of that element. */
  position?: number[];
  /** The value found there. */
  actual?: number;
  /** The value expected there. */
  expected?: number;
  /** `|actual - expected|` there. */
  difference?: number;
  /** Largest absolute difference over all elements. */
  maxDifference: number;
  /** Number of elements out of tolerance. */
  mismatches: number;
  /** A one-line explanation (empty when ok). */
  message: string;
}

/**
 * Compares two tensors elementwise within `atol + rtol * |expected|`, reporting the first
 * failing index, both values, the largest difference and the mismatch count. Shapes must
 * match exactly (no broadcasting). Useful in tests:
 * `expect(allClose(y, ref).message).toBe('')`.
 *
 * @example
 * ```ts
 * import { allClose, tensor } from '@qaxon/tensor';
 * const result = allClose(tensor([1, 2.1]), tensor([1, 2]), { atol: 0.01 });
 * console.log(result.ok, result.index, result.message);
 * // false 1 "element [1]: actual 2.1 vs expected 2 (difference 0.1 > tolerance 0.01002); 1 of 2 elements differ, max difference 0.1"
 * ```
 */
export function allClose(actual: Tensor, expected: Tensor, options: AllCloseOptions = {}): AllCloseResult {
  const rtol = options.rtol ?? 1e-5;
  const atol = options.atol ?? 1e-8;
  if (!shapesEqual(actual.shape, expected.shape)) {
    return {
      ok: false,
      maxDifference: Infinity,
      mismatches: Math.max(actual.size, expected.size),
      message: `shape ${formatShape(actual.shape)} does not match expected shape ${formatShape(expected.shape)}`,
    };
  }
  let first = -1;
  let mismatches = 0;
  let maxDifference = 0;
  for (let i = 0; i < actual.size; i++) {
    const a = actual.data[i]!;
    const e = expected.data[i]!;
    const bothNaN = Number.isNaN(a) && Number.isNaN(e);
    const difference = a === e ? 0 : Math.abs(a - e);
    const within = bothNaN ? options.equalNaN === true : difference <= atol + rtol * Math.abs(e);
    if (!Number.isNaN(difference) && difference > maxDifference) maxDifference = difference;
    if (!within) {
      if (Number.isNaN(difference)) maxDifference = NaN;
      mismatches++;
      if (first < 0) first = i;
    }
  }
  if (first < 0) return { ok: true, maxDifference, mismatches: 0, message: '' };
  const a = actual.data[first]!;
  const e = expected.data[first]!;
  const difference = Math.abs(a - e);
  const position = unravel(first, actual.shape);
  const tolerance = atol + rtol * Math.abs(e);
  return {
    ok: false,
    index: first,
    position,
    actual: a,
    expected: e,
    difference,
    maxDifference,
    mismatches,
    message:
      `element [${position.join(', ')}]: actual ${a} vs expected ${e} (difference ${round(difference)} > tolerance ${round(tolerance)}); ` +
      `${mismatches} of ${actual.size} elements differ, max difference ${round(maxDifference)}`,
  };
}

function round(value: number): number {
  return Number(value.toPrecision(4));
}

function unravel(flat: number, shape: readonly number[]): number[] {
  const position = new Array<number>(shape.length);
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    const dimension = shape[axis]!;
    position[axis] = flat % dimension;
    flat = Math.floor(flat / dimension);
  }
  return position;
}
