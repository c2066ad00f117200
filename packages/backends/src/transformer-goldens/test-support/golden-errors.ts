import { appendFileSync } from 'node:fs';
import { formatShape, type Tensor } from '@qaxon/tensor';

/**
 * The f32 tolerance of the goldens (documented in fixtures/README.md): the largest absolute
 * error may be at most `F32_RELATIVE_TOLERANCE · max |expected|`. PyTorch's own float32
 * run lands within about 2e-7 · max |expected| of the float64 goldens; the backends'
 * float32 kernels (other summation orders, fast exp/tanh) are allowed 1e-4 of the range.
 */
export const F32_RELATIVE_TOLERANCE = 1e-4;

/** The least output SQNR of an int8 (weight-only, per channel) block against PyTorch's f32 output. */
export const INT8_MIN_SQNR_DB = 35;

/** How far `actual` lands from `expected`. */
export interface GoldenErrors {
  readonly maxAbsError: number;
  readonly maxAbsExpected: number;
  /** `maxAbsError / maxAbsExpected`. */
  readonly relativeError: number;
  /** `10 log10(Σ expected² / Σ (actual − expected)²)`; Infinity when equal. */
  readonly sqnrDb: number;
  /** Where the largest error sits (flat index), for the message. */
  readonly worstIndex: number;
}

/**
 * Compares two tensors of one shape element by element; a shape mismatch or a non-finite
 * value is an error that says where.
 */
export function goldenErrors(actual: Tensor, expected: Tensor, where: string): GoldenErrors {
  if (actual.shape.join(',') !== expected.shape.join(',')) {
    throw new Error(`${where}: expected shape ${formatShape(expected.shape)}, got ${formatShape(actual.shape)}`);
  }
  let maxAbsError = 0;
  let maxAbsExpected = 0;
  let signal = 0;
  let noise = 0;
  let worstIndex = 0;
  for (let i = 0; i < expected.size; i++) {
    const want = Number(expected.data[i]);
    const got = Number(actual.data[i]);
    if (!Number.isFinite(got)) throw new Error(`${where}: element ${i} is ${got}, expected ${want}`);
    const error = Math.abs(got - want);
    if (error > maxAbsError) {
      maxAbsError = error;
      worstIndex = i;
    }
    maxAbsExpected = Math.max(maxAbsExpected, Math.abs(want));
    signal += want * want;
    noise += error * error;
  }
  return {
    maxAbsError,
    maxAbsExpected,
    relativeError: maxAbsExpected === 0 ? maxAbsError : maxAbsError / maxAbsExpected,
    sqnrDb: noise === 0 ? Infinity : 10 * Math.log10(signal / noise),
    worstIndex,
  };
}

/** Empty when within the f32 tolerance; otherwise a message naming the case, the backend and the worst element. */
export function f32Mismatch(errors: GoldenErrors, actual: Tensor, expected: Tensor, where: string): string {
  if (errors.relativeError <= F32_RELATIVE_TOLERANCE) return '';
  const i = errors.worstIndex;
  return (
    `${where}: max abs error ${errors.maxAbsError.toExponential(3)} is ${errors.relativeError.toExponential(3)} of max |expected| ` +
    `${errors.maxAbsExpected.toPrecision(4)} (allowed ${F32_RELATIVE_TOLERANCE}); worst at flat index ${i} of ${formatShape(expected.shape)}: ` +
    `got ${Number(actual.data[i])}, expected ${Number(expected.data[i])}`
  );
}

/**
 * Appends one measurement to the file named by `QAXON_GOLDEN_REPORT`, when set (to collect
 * the measured errors per backend); prints nothing.
 */
export function recordGolden(line: Record<string, unknown>): void {
  const file = process.env.QAXON_GOLDEN_REPORT;
  if (file) appendFileSync(file, `${JSON.stringify(line)}\n`);
}
