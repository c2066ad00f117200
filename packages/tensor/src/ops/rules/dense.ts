import { DTypeError, ShapeError, ValueError } from '../../errors.js';
import { formatShape, type Shape } from '../../shape.js';
import type { Handle, QuantizationLayout } from '../handle.js';
import type { OpOutput } from './op-output.js';
import { denseActivationOf, type DenseAttrs } from './dense-activation.js';

/**
 * The sizes of one dense call: `x` flattened to `[rows, inner]`, the kernel
 * `[inner, units]`, and the output shape (`x`'s leading axes followed by `units`).
 *
 * @example
 * ```ts
 * import type { DenseDimensions } from '@qaxon/tensor';
 * const dimensions: DenseDimensions = { rows: 6, inner: 4, units: 10, outputShape: [2, 3, 10] };
 * ```
 */
export interface DenseDimensions {
  /** Product of every axis of `x` but the last (1 for a rank-1 `x`). */
  rows: number;
  /** The reduced axis: the last axis of `x`, the first of the kernel (`K`). */
  inner: number;
  /** Output channels: the last axis of the kernel (`N`). */
  units: number;
  /** `[...x.shape.slice(0, -1), units]`. */
  outputShape: number[];
}

/**
 * Checks the inputs of a `dense` or `quantizedDense` op and returns their sizes:
 * `x` f32 of rank >= 1; for `dense` an f32 kernel `[in, units]`, for `quantizedDense` a
 * quantized one (8 or 4 bits, scales along axis 1: per output channel, or group-wise with
 * a group size that divides `in`; for 4 bits an even one, the last group possibly shorter); the last axis of `x` equal to the kernel's first; `bias` absent or f32
 * `[units]`. Works on handles and on tensors alike (it reads shapes and dtypes only).
 *
 * @example
 * ```ts
 * import { denseDimensions, ones } from '@qaxon/tensor';
 * console.log(denseDimensions('dense', { x: ones([2, 3, 4]), kernel: ones([4, 10]) }).outputShape); // [2, 3, 10]
 * ```
 */
export function denseDimensions(
  op: 'dense' | 'quantizedDense' | 'dynamicQuantizedDense',
  inputs: { x: Pick<Handle, 'shape' | 'dtype'>; kernel: Pick<Handle, 'shape' | 'dtype' | 'quantization'>; bias?: Pick<Handle, 'shape' | 'dtype'> | undefined },
): DenseDimensions {
  const { x, kernel, bias } = inputs;
  if (x.dtype !== 'f32') throw new DTypeError(`${op}: expected x to have dtype 'f32', got '${x.dtype}' (shape ${formatShape(x.shape)})`);
  if (x.shape.length < 1) throw new ShapeError(`${op}: expected x to have rank >= 1 ([..., in]), got a rank-0 tensor (shape [])`);
  const quantized = kernel.quantization !== undefined;
  if (op !== 'dense' && !quantized) {
    throw new ValueError(`${op}: expected a quantized kernel (a QTensor) [in, units], got a plain ${kernel.dtype} kernel of shape ${formatShape(kernel.shape)} (quantize it with QTensor.fromTensor, or use the dense op)`);
  }
  if (op === 'dense' && quantized) {
    throw new ValueError(`${op}: expected an f32 kernel [in, units], got a quantized kernel of shape ${formatShape(kernel.shape)} (use the quantizedDense op)`);
  }
  if (kernel.dtype !== 'f32') throw new DTypeError(`${op}: expected the kernel to have dtype 'f32', got '${kernel.dtype}' (shape ${formatShape(kernel.shape)})`);
  if (kernel.shape.length !== 2) {
    throw new ShapeError(`${op}: expected a rank-2 kernel [in, units], got shape ${formatShape(kernel.shape)} (rank ${kernel.shape.length})`);
  }
  const [kernelInner, units] = kernel.shape as [number, number];
  if (kernel.quantization !== undefined) checkDenseLayout(op, kernel.quantization, kernel.shape);
  const inner = x.shape[x.shape.length - 1]!;
  if (inner !== kernelInner) {
    throw new ShapeError(`${op}: x has ${inner} features on its last axis but the kernel expects ${kernelInner} (kernel shape ${formatShape(kernel.shape)})`);
  }
  if (bias !== undefined) {
    if (bias.dtype !== 'f32') throw new DTypeError(`${op}: expected bias to have dtype 'f32', got '${bias.dtype}' (shape ${formatShape(bias.shape)})`);
    if (bias.shape.length !== 1 || bias.shape[0] !== units) {
      throw new ShapeError(`${op}: expected bias of shape [${units}] (one per unit), got shape ${formatShape(bias.shape)}`);
    }
  }
  let rows = 1;
  for (let axis = 0; axis < x.shape.length - 1; axis++) rows *= x.shape[axis]!;
  return { rows, inner, units, outputShape: [...x.shape.slice(0, -1), units] };
}

/** A quantized dense kernel has its scales along the output axis 1, 8 or 4 bits, and groups that divide `in` (4 bits: even groups, the last may be shorter). */
function checkDenseLayout(op: string, layout: QuantizationLayout, shape: Shape): void {
  if (layout.bits !== 8 && layout.bits !== 4) {
    throw new ValueError(`${op}: expected a quantized kernel of 8 or 4 bits, got ${String(layout.bits)} bits (kernel shape ${formatShape(shape)})`);
  }
  if (layout.axis !== 1) {
    throw new ValueError(
      `${op}: expected the kernel's scales along axis 1 (one per output unit of [in, units]), got a kernel quantized along axis ${layout.axis} (shape ${formatShape(shape)}; a per-row table is for gather)`,
    );
  }
  const { groupSize } = layout;
  if (groupSize !== undefined && (!Number.isInteger(groupSize) || groupSize < 1 || (layout.bits === 8 && shape[0]! % groupSize !== 0))) {
    throw new ShapeError(`${op}: expected the kernel's group size to divide in = ${shape[0]} (kernel shape ${formatShape(shape)}), got group size ${groupSize}`);
  }
  // 4 bits: the last group may be shorter; a group size along the packed `in` is even.
  if (groupSize !== undefined && layout.bits === 4 && groupSize % 2 !== 0) {
    throw new ShapeError(`${op}: expected an even group size for a 4-bit kernel (two values per byte along in; kernel shape ${formatShape(shape)}), got group size ${groupSize}`);
  }
}

/** Output rule of `dense` and `quantizedDense` (`attrs.activation` checked, see `DenseAttrs`). */
export function denseOutput(op: 'dense' | 'quantizedDense', inputs: Parameters<typeof denseDimensions>[1], attrs?: DenseAttrs): OpOutput {
  denseActivationOf(op, attrs);
  return { shape: denseDimensions(op, inputs).outputShape as Shape, dtype: 'f32' };
}
