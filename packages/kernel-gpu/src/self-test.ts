import { QTensor, Tensor } from '@qaxon/tensor';

/**
 * The inputs and exact answer of {@link selfTestProblem}.
 *
 * @example
 * ```ts
 * import { selfTestProblem, type SelfTestProblem } from '@qaxon/kernel-gpu/internals';
 * const problem: SelfTestProblem = selfTestProblem();
 * ```
 */
export interface SelfTestProblem {
  /** `[3, 5]` inputs. */
  x: Tensor<'f32'>;
  /** The int8 kernel `[5, 6]`. */
  quantized: QTensor;
  /** Its exact dequantization, for `dense`. */
  float: Tensor<'f32'>;
  /** The exact `[3, 6]` result of both kernels, row-major. */
  expected: Float32Array;
}

/**
 * The tiny problem a new backend must solve exactly before it is handed out: 3 rows,
 * K = 5, 6 units (not a multiple of 3 or 4, so every packing pads), int8 values including
 * -128 and 127, nonzero zero points and power-of-two scales, so that every exact result is
 * a float32 number and any misread byte, flipped row or wrong column shows.
 *
 * @example
 * ```ts
 * import { selfTestProblem } from '@qaxon/kernel-gpu/internals';
 * const { x, quantized, expected } = selfTestProblem();
 * console.log(x.shape, quantized.shape, expected.length); // [3, 5] [5, 6] 18
 * ```
 */
export function selfTestProblem(): SelfTestProblem {
  const rows = 3;
  const inner = 5;
  const units = 6;
  const values = Int8Array.from([
    -128, 127, 0, 1, -1, 64, //
    3, -7, 127, -128, 12, -50, //
    100, 5, -3, 9, -128, 2, //
    -2, 0, 77, -77, 127, 31, //
    127, -128, 8, 6, -6, -99,
  ]);
  const zeroPoints = Int8Array.from([0, 1, -2, 0, 3, 0]);
  const scales = Float32Array.from([1, 0.5, 2, 0.25, 1, 4]);
  const xData = Float32Array.from([1, -2, 3, 0.5, -1, 2, 0, -1, 1, 3, -3, 1, 2, -0.5, 0.25]);
  const quantized = new QTensor(
    new Tensor(values, [inner, units], 's8'),
    new Tensor(scales, [units], 'f32'),
    new Tensor(zeroPoints, [units], 's8'),
  );
  const float = quantized.dequantize();
  const expected = new Float32Array(rows * units);
  for (let m = 0; m < rows; m++) {
    for (let n = 0; n < units; n++) {
      let sum = 0;
      for (let k = 0; k < inner; k++) sum += xData[m * inner + k]! * (values[k * units + n]! - zeroPoints[n]!);
      expected[m * units + n] = sum * scales[n]!;
    }
  }
  return { x: new Tensor(xData, [rows, inner], 'f32'), quantized, float, expected };
}

/**
 * The first difference between `actual` and `expected` beyond `1e-6` relative, described
 * for an error message, or `undefined` when they agree.
 *
 * @example
 * ```ts
 * import { describeMismatch } from '@qaxon/kernel-gpu/internals';
 * console.log(describeMismatch(Float32Array.from([1, 2]), Float32Array.from([1, 3]), 2)); // 'expected 3 at [0, 1], got 2'
 * ```
 */
export function describeMismatch(actual: Float32Array, expected: Float32Array, units: number): string | undefined {
  for (let i = 0; i < expected.length; i++) {
    const want = expected[i]!;
    const got = actual[i]!;
    if (!(Math.abs(got - want) <= 1e-6 * Math.max(1, Math.abs(want)))) {
      return `expected ${want} at [${Math.floor(i / units)}, ${i % units}], got ${got}`;
    }
  }
  return undefined;
}
