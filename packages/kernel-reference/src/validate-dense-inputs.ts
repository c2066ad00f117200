import {
  DTypeError,
  QTensor,
  ShapeError,
  Tensor,
  ValueError,
  describeValue,
  formatShape,
  type KernelName,
} from '@qaxon/tensor';

/**
 * The sizes of one dense call, as found by {@link validateDenseInputs}: `x` flattened to
 * `[rows, inner]`, the kernel `[inner, units]`, and the shape to give the result
 * (`x`'s leading axes followed by `units`).
 *
 * @example
 * ```ts
 * import type { DenseDimensions } from '@qaxon/kernel-reference';
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
 * Checks the inputs of a `dense` or `quantizedDense` call and returns their sizes, throwing
 * the error a caller can act on:
 *
 * - `x` must be an f32 `Tensor` (`ValueError` / `DTypeError`) of rank >= 1 (`ShapeError`);
 * - for `dense`, `kernel` must be an f32 Tensor of rank 2 `[in, units]`; for
 *   `quantizedDense`, a `QTensor` of type `s8` (`ValueError` naming the other kernel);
 * - the last axis of `x` must equal the kernel's first axis (`ShapeError`);
 * - `bias` must be `undefined`, a finite number (`ValueError` for NaN, Infinity, strings,
 *   `null`, objects), or an f32 Tensor (`DTypeError`) of shape `[units]` (`ShapeError`).
 *
 * Every backend calls this first, so all of them refuse the same inputs with the same
 * messages. It does not read the elements of `x` or of the kernel (O(1) but for the bias).
 *
 * @example
 * ```ts
 * import { ones, QTensor } from '@qaxon/tensor';
 * import { validateDenseInputs } from '@qaxon/kernel-reference';
 * const q = QTensor.fromTensor(ones([4, 10]));
 * validateDenseInputs('quantizedDense', ones([2, 3, 4]), q, 0.5);
 * // { rows: 6, inner: 4, units: 10, outputShape: [2, 3, 10] }
 * validateDenseInputs('quantizedDense', ones([2, 3]), q, undefined);
 * // throws ShapeError: quantizedDense: x has 3 features on its last axis but the kernel expects 4 (kernel shape [4, 10])
 * ```
 */
export function validateDenseInputs(kernelName: KernelName, x: unknown, kernel: unknown, bias: unknown): DenseDimensions {
  const where = kernelName;
  validateX(where, x);
  const kernelShape = validateKernel(where, kernel);
  const [kernelInner, units] = kernelShape as [number, number];
  const inner = x.shape[x.rank - 1]!;
  if (inner !== kernelInner) {
    throw new ShapeError(
      `${where}: x has ${inner} features on its last axis but the kernel expects ${kernelInner} (kernel shape ${formatShape(kernelShape)})`,
    );
  }
  validateBias(where, bias, units);
  let rows = 1;
  for (let axis = 0; axis < x.rank - 1; axis++) rows *= x.shape[axis]!;
  return { rows, inner, units, outputShape: [...x.shape.slice(0, -1), units] };
}

function validateX(where: string, x: unknown): asserts x is Tensor<'f32'> {
  if (!(x instanceof Tensor)) {
    throw new ValueError(`${where}: expected x to be an f32 Tensor of rank >= 1, got ${describeInput(x)}`);
  }
  if (x.dtype !== 'f32') {
    throw new DTypeError(`${where}: expected x to have dtype 'f32', got '${x.dtype}' (shape ${formatShape(x.shape)})`);
  }
  if (x.rank < 1) {
    throw new ShapeError(`${where}: expected x to have rank >= 1 ([..., in]), got a rank-0 tensor (shape [])`);
  }
}

function validateKernel(where: KernelName, kernel: unknown): readonly number[] {
  if (where === 'quantizedDense') {
    if (!(kernel instanceof QTensor)) {
      const hint = kernel instanceof Tensor ? ' (quantize it with QTensor.fromTensor, or call dense for a float kernel)' : '';
      throw new ValueError(`${where}: expected the kernel to be a QTensor [in, units], got ${describeInput(kernel)}${hint}`);
    }
    if (kernel.type !== 's8' || kernel.value.dtype !== 's8' || kernel.value.rank !== 2) {
      throw new DTypeError(
        `${where}: expected an s8 QTensor with rank-2 values [in, units], got type '${kernel.type}' with ${kernel.value.dtype} values of shape ${formatShape(kernel.value.shape)}`,
      );
    }
    return kernel.value.shape;
  }
  if (!(kernel instanceof Tensor)) {
    const hint = kernel instanceof QTensor ? ' (call quantizedDense for a QTensor kernel)' : '';
    throw new ValueError(`${where}: expected the kernel to be an f32 Tensor [in, units], got ${describeInput(kernel)}${hint}`);
  }
  if (kernel.dtype !== 'f32') {
    throw new DTypeError(`${where}: expected the kernel to have dtype 'f32', got '${kernel.dtype}' (shape ${formatShape(kernel.shape)})`);
  }
  if (kernel.rank !== 2) {
    throw new ShapeError(`${where}: expected a rank-2 kernel [in, units], got shape ${formatShape(kernel.shape)} (rank ${kernel.rank})`);
  }
  return kernel.shape;
}

function validateBias(where: string, bias: unknown, units: number): void {
  if (bias === undefined) return;
  if (typeof bias === 'number') {
    if (!Number.isFinite(bias)) {
      throw new ValueError(`${where}: expected bias to be a finite number, got ${bias}`);
    }
    return;
  }
  if (!(bias instanceof Tensor)) {
    throw new ValueError(
      `${where}: expected bias to be an f32 Tensor of shape [${units}], a finite number, or undefined, got ${describeInput(bias)}`,
    );
  }
  if (bias.dtype !== 'f32') {
    throw new DTypeError(`${where}: expected bias to have dtype 'f32', got '${bias.dtype}' (shape ${formatShape(bias.shape)})`);
  }
  if (bias.rank !== 1 || bias.shape[0] !== units) {
    throw new ShapeError(`${where}: expected bias of shape [${units}] (one per unit), got shape ${formatShape(bias.shape)}`);
  }
}

function describeInput(value: unknown): string {
  if (value instanceof Tensor) return `a ${value.dtype} Tensor of shape ${formatShape(value.shape)}`;
  if (value instanceof QTensor) return `a QTensor of shape ${formatShape(value.shape)}`;
  return describeValue(value);
}
