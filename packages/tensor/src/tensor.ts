import { allocate, assertDType, dtypeOfArray, type DType, type TypedArrayFor } from './dtype.js';
import { DTypeError, ShapeError } from './errors.js';
import { checkShape, formatShape, sizeOf, type Shape } from './shape.js';

/**
 * Nested JavaScript arrays of numbers, as returned by {@link Tensor.toArray}
 * (a plain number for a rank-0 tensor).
 *
 * @example
 * ```ts
 * import type { NestedArray } from '@qaxon/tensor';
 * const rows: NestedArray = [[1, 2], [3, 4]];
 * ```
 */
export type NestedArray = number | NestedArray[];

/**
 * The nested arrays of a tensor of rank `R`, as {@link Tensor.toArray}`(R)` returns them:
 * `number` for rank 0, `number[]` for rank 1, `number[][]` for rank 2, and so on to rank 6.
 *
 * @example
 * ```ts
 * import type { NestedArrayOfRank } from '@qaxon/tensor';
 * const rows: NestedArrayOfRank<2> = [[1, 2], [3, 4]];
 * ```
 */
export type NestedArrayOfRank<R extends ArrayRank> = [number, number[], number[][], number[][][], number[][][][], number[][][][][], number[][][][][][]][R];

/**
 * The ranks {@link Tensor.toArray} can type: 0 to 6.
 *
 * @example
 * ```ts
 * import type { ArrayRank } from '@qaxon/tensor';
 * const rank: ArrayRank = 2;
 * ```
 */
export type ArrayRank = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/**
 * What {@link Tensor.toArray}`()` returns for a tensor whose rank type is `R`: the nested
 * arrays of that rank when `R` is known (`0` to `6`, e.g. from `tensor([[1, 2]])`), else
 * {@link NestedArray} (`R` is `number`, the default: rank not known statically).
 *
 * @example
 * ```ts
 * import type { NestedArrayFor } from '@qaxon/tensor';
 * const rows: NestedArrayFor<2> = [[1, 2], [3, 4]]; // number[][]
 * const any: NestedArrayFor<number> = 7;            // NestedArray
 * ```
 */
export type NestedArrayFor<R extends number> = R extends ArrayRank ? NestedArrayOfRank<R> : NestedArray;

/**
 * An n-dimensional array stored row-major in a typed array: `Float32Array` for `'f32'`,
 * `Int8Array` for `'s8'`, `Int32Array` for `'s32'`.
 *
 * A tensor never copies on construction: `data` is the array you gave. Operations in this
 * package return new tensors and never write into their inputs. The tensor object is
 * frozen (`t.data = other` throws a `TypeError` in modules and strict code); its elements
 * are not, but treat them as immutable once a backend has used the tensor (see
 * `kernelStamp`).
 *
 * @typeParam D - the element type.
 * @typeParam R - the rank when it is known statically (`tensor([[1, 2]])` is a
 *   `Tensor<'f32', 2>`, so its `toArray()` is a `number[][]`), else `number`, the default:
 *   what operations, backends and `new Tensor(...)` return. A tensor of a known rank is also
 *   a `Tensor<D>`; the other way, check the rank at run time with `toArray(rank)`.
 *
 * @example
 * ```ts
 * import { Tensor, tensor } from '@qaxon/tensor';
 * const t = new Tensor(new Float32Array([1, 2, 3, 4, 5, 6]), [2, 3], 'f32');
 * console.log(t.shape, t.size, t.rank); // [2, 3] 6 2
 * console.log(t.toArray()); // [[1, 2, 3], [4, 5, 6]]
 * const firstRow: number[] | undefined = tensor([[1, 2], [3, 4]]).toArray()[0]; // [1, 2]
 * ```
 */
export class Tensor<D extends DType = DType, R extends number = number> {
  /** Size of each axis, outermost first. */
  readonly shape: Shape;
  /** Element type. */
  readonly dtype: D;
  /** The elements, row-major. */
  readonly data: TypedArrayFor<D>;

  /**
   * Wraps `data` as a tensor of `shape`. Throws when the dtype does not match the typed
   * array or the length does not match the shape.
   */
  constructor(data: TypedArrayFor<D>, shape: Shape, dtype: D) {
    assertDType(dtype, 'Tensor');
    const checked = checkShape(shape, 'Tensor');
    const actual = dtypeOfArray(data);
    if (actual !== dtype) {
      throw new DTypeError(
        `Tensor: expected ${arrayNameOf(dtype)} for dtype '${dtype}', got ${actual === undefined ? describeArray(data) : `${arrayNameOf(actual)} (dtype '${actual}')`}`,
      );
    }
    const expected = sizeOf(checked);
    if (data.length !== expected) {
      throw new ShapeError(`Tensor: shape ${formatShape(checked)} needs ${expected} elements, got ${data.length}`);
    }
    this.shape = checked;
    this.dtype = dtype;
    this.data = data;
    // `t.data = other` would leave backends that uploaded the old array disagreeing.
    Object.freeze(this);
  }

  /** Number of elements. */
  get size(): number {
    return this.data.length;
  }

  /** Number of axes (typed `R`: a literal when the rank is known statically). */
  get rank(): R {
    return this.shape.length as R;
  }

  /** Bytes held by the elements. */
  get byteSize(): number {
    return this.data.byteLength;
  }

  /**
   * The element at a multi-index, checked against the shape.
   *
   * @example
   * ```ts
   * import { tensor } from '@qaxon/tensor';
   * console.log(tensor([[1, 2], [3, 4]]).get(1, 0)); // 3
   * ```
   */
  get(...index: number[]): number {
    if (index.length !== this.rank) {
      throw new ShapeError(`Tensor.get: expected ${this.rank} indices for shape ${formatShape(this.shape)}, got ${index.length}`);
    }
    let offset = 0;
    for (let axis = 0; axis < this.rank; axis++) {
      const i = index[axis]!;
      const dimension = this.shape[axis]!;
      if (!Number.isInteger(i) || i < 0 || i >= dimension) {
        throw new ShapeError(`Tensor.get: index ${i} is out of range [0, ${dimension}) on axis ${axis} of shape ${formatShape(this.shape)}`);
      }
      offset = offset * dimension + i;
    }
    return this.data[offset]!;
  }

  /**
   * The elements as nested JavaScript arrays (a plain number for rank 0), typed by the
   * tensor's rank type `R` ({@link NestedArrayFor}): `tensor([[1, 2], [3, 4]]).toArray()` is
   * a `number[][]`. Where the rank is not known statically (`R` is `number`: a model's
   * output, an operation's result), give the rank you expect: `y.toArray(2)` is a
   * `number[][]` (so `y.toArray(2)[0]` is a row under strict TypeScript) and a tensor of
   * another rank is a {@link ShapeError}.
   *
   * @example
   * ```ts
   * import { add, tensor } from '@qaxon/tensor';
   * const x = tensor([[1, 2], [3, 4]]);
   * const firstRow: number[] | undefined = x.toArray()[0]; // [1, 2]: x is a Tensor<'f32', 2>
   * const y = add(x, 1);                                   // rank not known statically
   * const secondRow: number[] | undefined = y.toArray(2)[1]; // [4, 5]
   * ```
   */
  toArray(): NestedArrayFor<R>;
  /** The elements as nested arrays of the given rank; a tensor of another rank is a {@link ShapeError}. */
  toArray<K extends ArrayRank>(rank: K): NestedArrayOfRank<K>;
  toArray(rank?: ArrayRank): NestedArray | NestedArrayFor<R> {
    if (rank !== undefined && rank !== this.rank) {
      throw new ShapeError(`Tensor.toArray: expected a tensor of rank ${rank}, got rank ${this.rank} (shape ${formatShape(this.shape)})`);
    }
    if (this.rank === 0) return this.data[0]!;
    const build = (axis: number, offset: number): NestedArray[] => {
      const dimension = this.shape[axis]!;
      const out: NestedArray[] = new Array(dimension);
      if (axis === this.rank - 1) {
        for (let i = 0; i < dimension; i++) out[i] = this.data[offset + i]!;
        return out;
      }
      const inner = sizeOf(this.shape.slice(axis + 1));
      for (let i = 0; i < dimension; i++) out[i] = build(axis + 1, offset + i * inner);
      return out;
    };
    return build(0, 0);
  }

  /**
   * A readable rendering: dtype, shape and (up to 6 per axis) elements, e.g.
   * `Tensor<f32>[2, 2] [[1, 2], [3, 4]]`.
   *
   * @example
   * ```ts
   * import { tensor } from '@qaxon/tensor';
   * console.log(String(tensor([1, 2]))); // Tensor<f32>[2] [1, 2]
   * ```
   */
  toString(): string {
    return `Tensor<${this.dtype}>${formatShape(this.shape)} ${this.formatElements(0, 0)}`;
  }

  private formatElements(axis: number, offset: number): string {
    if (this.rank === 0) return formatNumber(this.data[0]!);
    const dimension = this.shape[axis]!;
    const inner = sizeOf(this.shape.slice(axis + 1));
    const limit = 6;
    const shown = dimension > limit ? [0, 1, 2, -1, dimension - 3, dimension - 2, dimension - 1] : [...Array(dimension).keys()];
    const parts = shown.map((i) => {
      if (i < 0) return '...';
      return axis === this.rank - 1 ? formatNumber(this.data[offset + i]!) : this.formatElements(axis + 1, offset + i * inner);
    });
    return `[${parts.join(', ')}]`;
  }
}

/**
 * The shape and dtype of a tensor without its data: what `init` needs to infer every
 * parameter shape of a model.
 *
 * @example
 * ```ts
 * import { template } from '@qaxon/tensor';
 * const input = template([1, 784]);
 * console.log(input.shape, input.dtype); // [1, 784] 'f32'
 * ```
 */
export class TensorTemplate<D extends DType = DType> {
  /** Size of each axis. */
  readonly shape: Shape;
  /** Element type. */
  readonly dtype: D;

  constructor(shape: Shape, dtype: D) {
    assertDType(dtype, 'TensorTemplate');
    this.shape = checkShape(shape, 'TensorTemplate');
    this.dtype = dtype;
  }

  /** Number of elements a tensor of this template holds. */
  get size(): number {
    return sizeOf(this.shape);
  }

  /** Number of axes. */
  get rank(): number {
    return this.shape.length;
  }

  /** A readable rendering such as `Template<f32>[1, 784]`. */
  toString(): string {
    return `Template<${this.dtype}>${formatShape(this.shape)}`;
  }
}

/**
 * Creates a new zero-filled tensor of a shape and dtype (used by operations for outputs).
 *
 * @example
 * ```ts
 * import { emptyLike } from '@qaxon/tensor';
 * const out = emptyLike([2, 2], 's32');
 * ```
 */
export function emptyLike<D extends DType>(shape: Shape, dtype: D): Tensor<D> {
  const checked = checkShape(shape, 'emptyLike');
  return new Tensor(allocate(dtype, sizeOf(checked)), checked, dtype);
}

function formatNumber(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return Number(value.toPrecision(6)).toString();
}

function arrayNameOf(dtype: DType): string {
  return dtype === 'f32' ? 'a Float32Array' : dtype === 's8' ? 'an Int8Array' : 'an Int32Array';
}

function describeArray(data: unknown): string {
  return data !== null && typeof data === 'object' ? `a ${(data as object).constructor?.name ?? 'value'}` : String(data);
}
