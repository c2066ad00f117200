import { FLOAT32_EPSILON, Prng, QTensor, Tensor, deriveSeed, tensor, zeros, type DenseBias } from '@qaxon/tensor';
import type { ConformanceCase, ConformanceInvalidInput } from './cases.js';

/**
 * The seed every conformance input derives from (with the kernel and case name), so a
 * failure reproduces exactly on any machine.
 *
 * @example
 * ```ts
 * import { CONFORMANCE_SEED } from '@qaxon/kernel-reference/conformance';
 * console.log(CONFORMANCE_SEED); // 20250101
 * ```
 */
export const CONFORMANCE_SEED = 20250101;

/**
 * The arguments of one conformance call. For valid cases `x` is an f32 Tensor, `kernel` an
 * f32 Tensor (`dense`) or a QTensor (`quantizedDense`) and `bias` a `DenseBias`; for
 * error cases they are whatever invalid values the case names, and `expectedError` is the
 * error class name the backend must throw or reject with.
 *
 * @example
 * ```ts
 * import { CONFORMANCE_CASES, buildConformanceInputs } from '@qaxon/kernel-reference/conformance';
 * const { x, kernel, bias } = buildConformanceInputs(CONFORMANCE_CASES[0]!);
 * ```
 */
export interface ConformanceCallInputs {
  /** The input `x` (an f32 Tensor, or an invalid value for error cases). */
  x: unknown;
  /** The kernel (f32 Tensor or QTensor, or an invalid value for error cases). */
  kernel: unknown;
  /** The bias (Tensor, number or undefined, or an invalid value for error cases). */
  bias: unknown;
  /** For error cases: the `name` of the error class the backend must throw or reject with. */
  expectedError?: 'ShapeError' | 'DTypeError' | 'ValueError';
}

/**
 * The shape `x` gets for a case: `[inner]` (rank 1), `[batch, inner]` (rank 2),
 * `[2, batch / 2, inner]` (rank 3, even batch) or `[batch, 1, ..., inner]`.
 *
 * @example
 * ```ts
 * import { conformanceInputShape } from '@qaxon/kernel-reference/conformance';
 * console.log(conformanceInputShape({ batch: 64, inner: 19, rank: 3 })); // [2, 32, 19]
 * ```
 */
export function conformanceInputShape(testCase: Pick<ConformanceCase, 'batch' | 'inner' | 'rank'>): number[] {
  const { batch, inner, rank } = testCase;
  if (rank <= 1) return [inner];
  if (rank === 2) return [batch, inner];
  const leading = batch % 2 === 0 ? [2, batch / 2] : [batch, 1];
  return [...leading, ...new Array<number>(rank - 3).fill(1), inner];
}

/**
 * Builds the seeded inputs of a case (deterministic: the same case gives bit-identical
 * inputs on every run and platform). See {@link ConformanceInputs} for the value patterns.
 *
 * @example
 * ```ts
 * import { referenceBackend } from '@qaxon/kernel-reference';
 * import { CONFORMANCE_CASES, buildConformanceInputs } from '@qaxon/kernel-reference/conformance';
 * import type { QTensor, Tensor } from '@qaxon/tensor';
 * const testCase = CONFORMANCE_CASES.find((c) => c.kernel === 'quantizedDense')!;
 * const { x, kernel, bias } = buildConformanceInputs(testCase);
 * const y = referenceBackend.quantizedDense(x as Tensor<'f32'>, kernel as QTensor, bias as number);
 * ```
 */
export function buildConformanceInputs(testCase: ConformanceCase, seed: number = CONFORMANCE_SEED): ConformanceCallInputs {
  const rng = new Prng(deriveSeed(seed, testCase.kernel, testCase.name));
  if (testCase.invalid !== undefined) return buildInvalidInputs(testCase.kernel, testCase.invalid);
  const { batch, inner } = testCase;
  const pattern = testCase.inputs ?? 'random';

  const xShape = conformanceInputShape(testCase);
  const xData = new Float32Array(batch * inner);
  const xScale = pattern === 'large-magnitude' ? 1e4 : 1;
  for (let i = 0; i < xData.length; i++) xData[i] = xScale * rng.nextNormal();
  if (pattern === 'large-magnitude') {
    for (let i = 0; i < xData.length; i += 7) xData[i] = i % 2 === 0 ? 1e4 : -1e4;
  }
  if (pattern === 'spikes') {
    const spikes = new Set([0, Math.floor(inner / 2)]);
    for (let k = Math.max(0, inner - 1 - (inner % 16)); k < inner; k++) spikes.add(k);
    for (let i = 0; i < xData.length; i++) {
      if (!spikes.has(i % inner)) xData[i] = Math.fround(xData[i]! * 2 ** -10);
    }
  }
  if (pattern === 'cancelling') {
    const half = Math.floor(inner / 2);
    for (let m = 0; m < batch; m++) {
      for (let k = 0; k < half; k++) xData[m * inner + half + k] = -xData[m * inner + k]!;
    }
  }

  const kernel = buildKernel(testCase, rng);
  const x = new Tensor(xData, xShape, 'f32');
  return { x, kernel: testCase.kernel === 'dense' ? kernel.float : kernel.quantized, bias: buildBias(testCase, rng) };
}

function buildKernel(testCase: ConformanceCase, rng: Prng): { float: Tensor<'f32'>; quantized: QTensor } {
  const { inner, units } = testCase;
  const pattern = testCase.inputs ?? 'random';
  const handBuilt = (values: Int8Array, scales: Float32Array, zeroPoints?: Int8Array): { float: Tensor<'f32'>; quantized: QTensor } => {
    const quantized = new QTensor(
      new Tensor(values, [inner, units], 's8'),
      new Tensor(scales, [units], 'f32'),
      zeroPoints === undefined ? undefined : new Tensor(zeroPoints, [units], 's8'),
    );
    // dense sees the same weights, rounded to float32 by dequantize().
    return { float: quantized.dequantize(), quantized };
  };
  const randomInt8 = (low: number, high: number): Int8Array => {
    const values = new Int8Array(inner * units);
    for (let i = 0; i < values.length; i++) values[i] = low + (rng.nextUint32() % (high - low + 1));
    return values;
  };
  const randomScales = (): Float32Array => Float32Array.from({ length: units }, () => 1e-3 + 0.1 * rng.nextFloat());

  switch (pattern) {
    case 'epsilon-scales': {
      const float = zeros([inner, units]);
      return { float, quantized: QTensor.fromTensor(float) };
    }
    case 'epsilon-scales-random-values':
      return handBuilt(randomInt8(-128, 127), new Float32Array(units).fill(FLOAT32_EPSILON));
    case 'int8-extremes': {
      const values = randomInt8(0, 1).map((bit) => (bit === 0 ? -128 : 127));
      return handBuilt(values, randomScales());
    }
    case 'nonzero-zero-points': {
      const zeroPoints = Int8Array.from({ length: units }, () => -20 + (rng.nextUint32() % 41));
      return handBuilt(randomInt8(-100, 100), randomScales(), zeroPoints);
    }
    default: {
      const data = new Float32Array(inner * units);
      for (let i = 0; i < data.length; i++) data[i] = rng.nextNormal();
      for (let k = 0; k < inner; k++) {
        for (let n = 0; n < units; n++) {
          const i = k * units + n;
          if (pattern === 'zero-columns' && n % 4 === 0) data[i] = 0;
          if (pattern === 'mixed-scales') data[i] = Math.fround(data[i]! * 10 ** (-6 + (9 * n) / Math.max(1, units - 1)));
          const half = Math.floor(inner / 2);
          if (pattern === 'cancelling' && k >= half && k < 2 * half) data[i] = data[(k - half) * units + n]!;
        }
      }
      const float = new Tensor(data, [inner, units], 'f32');
      return { float, quantized: QTensor.fromTensor(float) };
    }
  }
}

function buildBias(testCase: ConformanceCase, rng: Prng): DenseBias {
  if (testCase.bias === 'none') return undefined;
  if (testCase.bias === 'number') return -0.375;
  const data = new Float32Array(testCase.units);
  for (let n = 0; n < data.length; n++) data[n] = rng.nextNormal();
  return new Tensor(data, [testCase.units], 'f32');
}

function buildInvalidInputs(kernelName: ConformanceCase['kernel'], invalid: ConformanceInvalidInput): ConformanceCallInputs {
  const floatKernel = tensor(Array.from({ length: 4 }, (_, k) => Array.from({ length: 10 }, (_, n) => (k - n) / 8)));
  const kernel = kernelName === 'dense' ? floatKernel : QTensor.fromTensor(floatKernel);
  const otherKind = kernelName === 'dense' ? QTensor.fromTensor(floatKernel) : floatKernel;
  const x = tensor([[1, 2, 3, 4], [-1, 0.5, 0, 2]]);
  switch (invalid) {
    case 'k-mismatch':
      return { x: tensor([[1, 2, 3], [4, 5, 6]]), kernel, bias: undefined, expectedError: 'ShapeError' };
    case 'bias-length':
      return { x, kernel, bias: zeros([9]), expectedError: 'ShapeError' };
    case 'bias-dtype':
      return { x, kernel, bias: zeros([10], 's32'), expectedError: 'DTypeError' };
    case 'string-bias':
      return { x, kernel, bias: '0.5', expectedError: 'ValueError' };
    case 'nan-bias':
      return { x, kernel, bias: Number.NaN, expectedError: 'ValueError' };
    case 'x-dtype':
      return { x: tensor([[1, 2, 3, 4]], { dtype: 's8' }), kernel, bias: undefined, expectedError: 'DTypeError' };
    case 'x-not-a-tensor':
      return { x: [[1, 2, 3, 4]], kernel, bias: undefined, expectedError: 'ValueError' };
    case 'rank-0-x':
      return { x: tensor(1), kernel, bias: undefined, expectedError: 'ShapeError' };
    case 'kernel-of-the-other-kind':
      return { x, kernel: otherKind, bias: undefined, expectedError: 'ValueError' };
    case 'kernel-not-a-tensor':
      return { x, kernel: floatKernel.toArray(), bias: undefined, expectedError: 'ValueError' };
    case 'kernel-rank':
      return { x, kernel: zeros([4, 10, 1]), bias: undefined, expectedError: 'ShapeError' };
  }
}
