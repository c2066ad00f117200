import { allocate, assertDType, dtypeOfArray, integerRange, type AnyTypedArray, type DType } from './dtype.js';
import { ShapeError, ValueError } from './errors.js';
import { describeValue } from './describe.js';
import { checkShape, formatShape, sizeOf, type Shape } from './shape.js';
import { Tensor, TensorTemplate, type NestedArray } from './tensor.js';

/**
 * Options of {@link tensor}.
 *
 * @example
 * ```ts
 * import { tensor, type TensorOptions } from '@qaxon/tensor';
 * const options: TensorOptions<'s8'> = { shape: [2, 2], dtype: 's8' };
 * const t = tensor([1, 2, 3, 4], options);
 * ```
 */
export interface TensorOptions<D extends DType = DType> {
  /** The shape; inferred from nesting (or the flat length) when omitted, checked when given. */
  shape?: Shape;
  /** The dtype; `'f32'` for plain numbers, the array's own dtype for typed arrays. */
  dtype?: D;
}

/**
 * The typed arrays {@link tensor} converts (copies) where no dtype stores them as they are:
 * pixels (`Uint8Array`, `Uint8ClampedArray` from a canvas's `ImageData`), 16-bit integers
 * and `Float64Array`.
 *
 * @example
 * ```ts
 * import { tensor, type ConvertibleTypedArray } from '@qaxon/tensor';
 * const pixels: ConvertibleTypedArray = new Uint8ClampedArray([0, 128, 255]);
 * console.log(tensor(pixels).toArray()); // [0, 128, 255] as f32
 * ```
 */
export type ConvertibleTypedArray = Uint8Array | Uint8ClampedArray | Int16Array | Uint16Array | Float64Array;

/**
 * What {@link tensor} takes: a number, nested arrays, a flat array or a typed array.
 *
 * @example
 * ```ts
 * import { tensor, type TensorValues } from '@qaxon/tensor';
 * const values: TensorValues = [[1, 2], [3, 4]];
 * const t = tensor(values); // rank not known statically: the annotation widened it
 * ```
 */
export type TensorValues = number | NestedArray[] | readonly number[] | AnyTypedArray | ConvertibleTypedArray;

/**
 * The rank of the tensor {@link tensor} makes from values of type `V` (without a `shape`
 * option): `0` for a number, `1` for a flat or typed array, one more per level of nesting
 * up to 6; `number` (not known statically) for anything wider, such as `NestedArray[]`.
 *
 * @example
 * ```ts
 * import type { RankOfValues } from '@qaxon/tensor';
 * const rank: RankOfValues<number[][]> = 2;
 * ```
 */
export type RankOfValues<V> = V extends number
  ? 0
  : V extends AnyTypedArray | ConvertibleTypedArray | readonly number[]
    ? 1
    : V extends readonly (readonly number[])[]
      ? 2
      : V extends readonly (readonly (readonly number[])[])[]
        ? 3
        : V extends readonly (readonly (readonly (readonly number[])[])[])[]
          ? 4
          : V extends readonly (readonly (readonly (readonly (readonly number[])[])[])[])[]
            ? 5
            : V extends readonly (readonly (readonly (readonly (readonly (readonly number[])[])[])[])[])[]
              ? 6
              : number;

const CONVERTIBLE: readonly (new (length: number) => ConvertibleTypedArray)[] = [Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Float64Array];

/**
 * Creates a tensor from a number, nested arrays, a flat array or a typed array.
 *
 * - The shape is inferred from nesting (ragged nesting is an error) or is `[length]` for
 *   flat input; a given `shape` must hold exactly as many elements.
 * - The dtype defaults to `'f32'` for numbers and to the typed array's own dtype for
 *   `Float32Array`, `Int8Array` and `Int32Array`.
 * - Other numeric typed arrays ({@link ConvertibleTypedArray}) are converted as TF.js users
 *   expect, to `'f32'` unless a dtype is given: 8- and 16-bit integers (canvas pixels
 *   included) exactly, `Float64Array` rounded to the nearest float32 (±Infinity beyond its
 *   range). `BigInt64Array`, `Uint32Array` (not exact in float32) and `DataView` are
 *   refused.
 * - Integer dtypes accept only integers in range (use {@link asType} to round and saturate).
 * - A typed array of the requested dtype is used as is (no copy); anything else is copied.
 * - The result's rank type ({@link Tensor}'s `R`) follows the nesting of `values`
 *   ({@link RankOfValues}: `tensor([[1, 2]])` is a `Tensor<'f32', 2>`, so `toArray()` is a
 *   `number[][]`) or, with a `shape` option, that shape's length when written as a literal;
 *   otherwise it is `number` (not known statically).
 *
 * @example
 * ```ts
 * import { tensor } from '@qaxon/tensor';
 * const a = tensor([[1, 2, 3], [4, 5, 6]]);            // f32 [2, 3]
 * const b = tensor([1, 2, 3, 4], { shape: [2, 2] });   // f32 [2, 2]
 * const c = tensor(new Int8Array([-128, 127]));         // s8 [2]
 * const d = tensor(3.5);                                // f32 scalar, shape []
 * const e = tensor(new Uint8ClampedArray([0, 255]));    // f32 [2]: 0, 255 (canvas pixels)
 * const row: number[] | undefined = a.toArray()[0];     // [1, 2, 3]: a is a Tensor<'f32', 2>
 * ```
 */
export function tensor<D extends DType = 'f32', V extends TensorValues = TensorValues>(
  values: V,
  options?: TensorOptions<D> & { shape?: undefined },
): Tensor<D, RankOfValues<V>>;
/** A tensor of the given `shape` (its rank type is the shape's length when written as a literal). */
export function tensor<D extends DType = 'f32', const S extends Shape = Shape>(values: TensorValues, options: TensorOptions<D> & { shape: S }): Tensor<D, S['length']>;
/** A tensor from values and options whose shape may or may not be given (rank not known statically). */
export function tensor<D extends DType = 'f32'>(values: TensorValues, options?: TensorOptions<D>): Tensor<D>;
export function tensor<D extends DType = 'f32'>(values: TensorValues, options: TensorOptions<D> = {}): Tensor<D> {
  const where = 'tensor';
  if (options.dtype !== undefined) assertDType(options.dtype, where);
  let flat: ArrayLike<number>;
  let inferred: Shape;
  let sourceDType: DType | undefined;
  if (typeof values === 'number') {
    flat = [values];
    inferred = [];
  } else if (ArrayBuffer.isView(values)) {
    sourceDType = dtypeOfArray(values);
    if (sourceDType === undefined && !CONVERTIBLE.some((type) => values instanceof type)) {
      throw new ValueError(
        `${where}: expected a Float32Array, Int8Array or Int32Array (or a Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array or Float64Array to convert), got ${describeValue(values)}`,
      );
    }
    flat = values as ArrayLike<number>;
    inferred = [(values as ArrayLike<number>).length];
  } else if (Array.isArray(values)) {
    const nested = flatten(values as NestedArray[], where);
    flat = nested.flat;
    inferred = nested.shape;
  } else {
    throw new ValueError(`${where}: expected a number, an array or a typed array, got ${describeValue(values)}`);
  }
  const dtype = (options.dtype ?? sourceDType ?? 'f32') as D;
  let shape = inferred;
  if (options.shape !== undefined) {
    shape = checkShape(options.shape, where);
    if (sizeOf(shape) !== flat.length) {
      throw new ShapeError(`${where}: shape ${formatShape(shape)} needs ${sizeOf(shape)} elements, got ${flat.length}`);
    }
  }
  if (sourceDType === dtype) return new Tensor(flat as Tensor<D>['data'], shape, dtype);
  const data = allocate(dtype, flat.length);
  if (dtype === 'f32') {
    for (let i = 0; i < flat.length; i++) {
      const value = flat[i]!;
      if (typeof value !== 'number') throw new ValueError(`${where}: expected a number at flat index ${i}, got ${describeValue(value)}`);
      data[i] = value;
    }
  } else {
    const { min, max } = integerRange(dtype as 's8' | 's32');
    for (let i = 0; i < flat.length; i++) {
      const value = flat[i]!;
      if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
        throw new ValueError(
          `${where}: expected an integer in [${min}, ${max}] for dtype '${dtype}' at flat index ${i}, got ${describeValue(value)} (use asType to round and saturate)`,
        );
      }
      data[i] = value;
    }
  }
  return new Tensor(data, shape, dtype);
}

function flatten(values: NestedArray[], where: string): { flat: number[]; shape: number[] } {
  const shape: number[] = [];
  let level: unknown = values;
  while (Array.isArray(level)) {
    shape.push(level.length);
    level = level[0];
  }
  const flat: number[] = [];
  const walk = (node: unknown, axis: number, path: number[]): void => {
    if (axis === shape.length) {
      if (Array.isArray(node)) {
        throw new ShapeError(`${where}: ragged nesting at index [${path.join(', ')}]: expected a number, got an array`);
      }
      if (typeof node !== 'number') {
        throw new ValueError(`${where}: expected a number at index [${path.join(', ')}], got ${describeValue(node)}`);
      }
      flat.push(node);
      return;
    }
    if (!Array.isArray(node) || node.length !== shape[axis]) {
      throw new ShapeError(
        `${where}: ragged nesting at index [${path.join(', ')}]: expected an array of length ${shape[axis]}, got ${describeValue(node)}`,
      );
    }
    node.forEach((child, i) => walk(child, axis + 1, [...path, i]));
  };
  walk(values, 0, []);
  return { flat, shape };
}

/**
 * A tensor filled with one value.
 *
 * @example
 * ```ts
 * import { full } from '@qaxon/tensor';
 * const sevens = full([2, 2], 7, 's32');
 * ```
 */
export function full<D extends DType = 'f32'>(shape: Shape, value: number, dtype: D = 'f32' as D): Tensor<D> {
  const checked = checkShape(shape, 'full');
  assertDType(dtype, 'full');
  if (typeof value !== 'number') throw new ValueError(`full: expected a number fill value, got ${describeValue(value)}`);
  if (dtype !== 'f32') {
    const { min, max } = integerRange(dtype as 's8' | 's32');
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new ValueError(`full: expected an integer in [${min}, ${max}] for dtype '${dtype}', got ${value}`);
    }
  }
  const data = allocate(dtype, sizeOf(checked));
  data.fill(value);
  return new Tensor(data, checked, dtype);
}

/**
 * A tensor of zeros.
 *
 * @example
 * ```ts
 * import { zeros } from '@qaxon/tensor';
 * const bias = zeros([10]);
 * ```
 */
export function zeros<D extends DType = 'f32'>(shape: Shape, dtype: D = 'f32' as D): Tensor<D> {
  return full(shape, 0, dtype);
}

/**
 * A tensor of ones.
 *
 * @example
 * ```ts
 * import { ones } from '@qaxon/tensor';
 * const x = ones([1, 1]);
 * ```
 */
export function ones<D extends DType = 'f32'>(shape: Shape, dtype: D = 'f32' as D): Tensor<D> {
  return full(shape, 1, dtype);
}

/**
 * A shape and dtype with no data, for `init` to infer parameter shapes from.
 *
 * @example
 * ```ts
 * import { template } from '@qaxon/tensor';
 * const input = template([1, 784], 'f32');
 * ```
 */
export function template<D extends DType = 'f32'>(shape: Shape, dtype: D = 'f32' as D): TensorTemplate<D> {
  return new TensorTemplate(shape, dtype);
}
