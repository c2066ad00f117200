import { allocate, type DType } from './dtype.js';
import { DTypeError, ValueError } from './errors.js';
import { broadcastCombine, broadcastShapes } from './broadcast.js';
import { describeValue } from './describe.js';
import { shapesEqual, sizeOf } from './shape.js';
import { Tensor } from './tensor.js';

/**
 * An operand of an elementwise operation: a tensor, or a plain number that acts as a
 * scalar of the other operand's dtype.
 *
 * @example
 * ```ts
 * import { tensor, type Operand } from '@qaxon/tensor';
 * const operands: Operand[] = [tensor([1, 2]), 3];
 * ```
 */
export type Operand = Tensor | number;

type Combine = (a: number, b: number) => number;

/**
 * Applies `combine` elementwise with NumPy/Nx broadcasting. Both tensors must share a
 * dtype; the result has it too (integer results wrap modulo the type's width, like Nx).
 */
function binary(name: string, a: Operand, b: Operand, combine: Combine): Tensor {
  const ta = typeof a === 'number' ? undefined : a;
  const tb = typeof b === 'number' ? undefined : b;
  for (const [label, operand] of [['first', a], ['second', b]] as const) {
    if (typeof operand !== 'number' && !(operand instanceof Tensor)) {
      throw new ValueError(`${name}: expected the ${label} operand to be a Tensor or a number, got ${describeValue(operand)}`);
    }
  }
  if (ta && tb && ta.dtype !== tb.dtype) {
    throw new DTypeError(`${name}: expected operands of one dtype, got '${ta.dtype}' and '${tb.dtype}' (convert one with asType)`);
  }
  const dtype: DType = ta?.dtype ?? tb?.dtype ?? 'f32';
  const left = ta ?? new Tensor(allocateScalar(dtype, a as number), [], dtype);
  const right = tb ?? new Tensor(allocateScalar(dtype, b as number), [], dtype);
  const shape = broadcastShapes(left.shape, right.shape, name);
  const out = allocate(dtype, sizeOf(shape));
  const x = left.data;
  const y = right.data;
  if (shapesEqual(left.shape, right.shape)) {
    for (let i = 0; i < out.length; i++) out[i] = combine(x[i]!, y[i]!);
  } else if (right.size === 1) {
    const scalar = y[0]!;
    for (let i = 0; i < out.length; i++) out[i] = combine(x[i]!, scalar);
  } else if (left.size === 1) {
    const scalar = x[0]!;
    for (let i = 0; i < out.length; i++) out[i] = combine(scalar, y[i]!);
  } else {
    broadcastCombine(out, x, left.shape, y, right.shape, shape, combine);
  }
  return new Tensor(out, shape, dtype);
}

function allocateScalar(dtype: DType, value: number): Tensor['data'] {
  const data = allocate(dtype, 1);
  data[0] = value;
  return data;
}

/**
 * Elementwise sum with broadcasting. Integer dtypes wrap on overflow.
 *
 * @example
 * ```ts
 * import { add, tensor } from '@qaxon/tensor';
 * add(tensor([[1, 2], [3, 4]]), tensor([10, 20])).toArray(); // [[11, 22], [13, 24]]
 * ```
 */
export function add<D extends DType>(a: Tensor<D> | number, b: Tensor<D> | number): Tensor<D> {
  return binary('add', a, b, (x, y) => x + y) as Tensor<D>;
}

/**
 * Elementwise difference with broadcasting.
 *
 * @example
 * ```ts
 * import { subtract, tensor } from '@qaxon/tensor';
 * subtract(tensor([5, 7]), 1).toArray(); // [4, 6]
 * ```
 */
export function subtract<D extends DType>(a: Tensor<D> | number, b: Tensor<D> | number): Tensor<D> {
  return binary('subtract', a, b, (x, y) => x - y) as Tensor<D>;
}

/**
 * Elementwise product with broadcasting. Integer dtypes wrap on overflow.
 *
 * @example
 * ```ts
 * import { multiply, tensor } from '@qaxon/tensor';
 * multiply(tensor([[1, 2], [3, 4]]), tensor([[2], [3]])).toArray(); // [[2, 4], [9, 12]]
 * ```
 */
export function multiply<D extends DType>(a: Tensor<D> | number, b: Tensor<D> | number): Tensor<D> {
  const integer = (typeof a !== 'number' && a?.dtype !== 'f32') || (typeof b !== 'number' && b?.dtype !== 'f32');
  // Math.imul keeps the low 32 bits exactly where a float product of two int32 would not.
  return binary('multiply', a, b, integer ? (x, y) => Math.imul(x, y) : (x, y) => x * y) as Tensor<D>;
}

/**
 * Elementwise quotient with broadcasting. The result is always `'f32'` (as in Nx, integer
 * operands are divided as floats); dividing by zero gives ±Infinity or NaN as IEEE 754 says.
 *
 * @example
 * ```ts
 * import { divide, tensor } from '@qaxon/tensor';
 * divide(tensor([1, 3], { dtype: 's32' }), 2).toArray(); // [0.5, 1.5]
 * ```
 */
export function divide(a: Tensor | number, b: Tensor | number): Tensor<'f32'> {
  const toFloat = (operand: Tensor | number): Tensor<'f32'> | number =>
    typeof operand === 'number' || operand.dtype === 'f32' || !(operand instanceof Tensor)
      ? (operand as Tensor<'f32'> | number)
      : new Tensor(Float32Array.from(operand.data), operand.shape, 'f32');
  return binary('divide', toFloat(a), toFloat(b), (x, y) => x / y) as Tensor<'f32'>;
}
