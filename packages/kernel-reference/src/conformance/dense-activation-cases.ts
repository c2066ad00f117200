import { QTensor, Tensor, type DenseActivation, type OpName } from '@qaxon/tensor';
import type { ConformanceCall, ConformanceCase } from './cases.js';
import { integers, normal, scales, withValues } from './seeded.js';

type DenseOp = 'dense' | 'quantizedDense' | 'dynamicQuantizedDense';

function define<O extends OpName>(op: O, name: string, build: () => ConformanceCall<O>): ConformanceCase {
  return Object.freeze({ op, name, build }) as unknown as ConformanceCase;
}

/** An int8 per-channel kernel `[inner, units]`, zero points in `[-20, 20]` when asked. */
function int8Kernel(inner: number, units: number, seed: number, zeroPoints = false): QTensor {
  return new QTensor(integers([inner, units], seed, -128, 127, 's8'), scales(units, seed + 1), zeroPoints ? integers([units], seed + 2, -20, 20, 's8') : undefined);
}

/** A 4-bit kernel `[inner, units]` in groups of `groupSize` along `inner`. */
function s4Kernel(inner: number, units: number, seed: number, groupSize: number): QTensor {
  const groups = Math.ceil(inner / groupSize);
  const scale = new Tensor(scales(groups * units, seed + 1).data, [groups, units], 'f32');
  return new QTensor(integers([inner, units], seed, -8, 7, 's8'), scale, undefined, { bits: 4, axis: 1, groupSize });
}

/** One case of `op` with `activation`, on the kernel `kernel(inner, units)`, an x of `xShape` and a bias when asked. */
function fused(op: DenseOp, activation: DenseActivation, xShape: number[], seed: number, kernel: (inner: number, units: number) => ConformanceCall<'dense'>['inputs']['kernel'], options: { bias?: boolean; special?: boolean } = {}): ConformanceCase {
  const inner = xShape[xShape.length - 1]!;
  const units = 5 + (seed % 7);
  const bias = options.bias ?? true;
  const name = `activation ${activation}${options.special === true ? ' with NaN and ±Infinity in x' : ''}: [${xShape.join(', ')}] · ${inner}x${units}${bias ? ' + bias' : ''}`;
  return define(op, name, () => {
    const plain = normal(xShape, seed, 2);
    const x = options.special === true ? withValues(plain, [[0, Number.NaN], [inner + 1, Infinity], [2 * inner + 2, -Infinity]]) : plain;
    return {
      inputs: { x, kernel: kernel(inner, units), ...(bias ? { bias: normal([units], seed + 3) } : {}) },
      attrs: { activation },
    } as ConformanceCall<DenseOp>;
  });
}

/**
 * Conformance cases of the dense ops' `activation` attribute (`DenseAttrs`): every
 * activation on `dense`, the hidden-layer and output activations (`relu`, `gelu`,
 * `softmax`, `logSoftmax`) on `quantizedDense` (per-channel int8 with zero points, and
 * 4-bit groups) and `dynamicQuantizedDense`; one row and several, rank 3, no bias, and rows
 * with NaN/±Infinity. Every name starts with `activation`. The reference output is the
 * activation op run on the plain dense output, so a backend passes by composing its own
 * kernels (or by fusing them bit for bit).
 *
 * @example
 * ```ts
 * import { denseActivationCases } from '@qaxon/kernel-reference/conformance-runner';
 * console.log(denseActivationCases().every((c) => c.name.startsWith('activation'))); // true
 * ```
 */
export function denseActivationCases(): ConformanceCase[] {
  const f32 = (seed: number) => (inner: number, units: number) => normal([inner, units], seed);
  const int8 = (seed: number, zeroPoints = false) => (inner: number, units: number) => int8Kernel(inner, units, seed, zeroPoints);
  return [
    fused('dense', 'relu', [3, 7], 401, f32(402)),
    fused('dense', 'relu', [4, 6], 403, f32(404), { special: true }),
    fused('dense', 'sigmoid', [1, 33], 405, f32(406)),
    fused('dense', 'tanh', [2, 3, 17], 407, f32(408)),
    fused('dense', 'gelu', [5, 12], 409, f32(410), { bias: false }),
    fused('dense', 'geluTanh', [2, 9], 411, f32(412)),
    fused('dense', 'silu', [3, 20], 413, f32(414)),
    fused('dense', 'softmax', [1, 64], 415, f32(416)),
    fused('dense', 'softmax', [4, 6], 417, f32(418), { special: true }),
    fused('dense', 'logSoftmax', [2, 3, 10], 419, f32(420)),
    fused('quantizedDense', 'relu', [1, 70], 421, int8(422)),
    fused('quantizedDense', 'relu', [9, 33], 423, int8(424, true)),
    fused('quantizedDense', 'gelu', [3, 16], 425, int8(426)),
    fused('quantizedDense', 'softmax', [1, 40], 427, int8(428, true)),
    fused('quantizedDense', 'logSoftmax', [5, 24], 429, int8(430), { bias: false }),
    fused('quantizedDense', 'relu', [2, 64], 431, (inner, units) => s4Kernel(inner, units, 432, 32)),
    fused('dynamicQuantizedDense', 'relu', [1, 50], 433, int8(434)),
    fused('dynamicQuantizedDense', 'silu', [6, 31], 435, int8(436, true)),
    fused('dynamicQuantizedDense', 'softmax', [2, 48], 437, int8(438)),
  ];
}
