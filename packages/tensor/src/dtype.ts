import { DTypeError, ValueError } from './errors.js';

/**
 * The element types a {@link Tensor} can hold: 32-bit float, signed 8-bit integer and
 * signed 32-bit integer, each stored in the matching JavaScript typed array.
 *
 * @example
 * ```ts
 * import type { DType } from '@qaxon/tensor';
 * const dtype: DType = 's8';
 * ```
 */
export type DType = 'f32' | 's8' | 's32';

/**
 * The typed array that backs each {@link DType}.
 *
 * @example
 * ```ts
 * import type { TypedArrayFor } from '@qaxon/tensor';
 * const data: TypedArrayFor<'s8'> = new Int8Array(4);
 * ```
 */
export interface DTypeArrays {
  f32: Float32Array;
  s8: Int8Array;
  s32: Int32Array;
}

/**
 * The typed array type of dtype `D`.
 *
 * @example
 * ```ts
 * import type { TypedArrayFor } from '@qaxon/tensor';
 * const weights: TypedArrayFor<'f32'> = new Float32Array([0.5, -1]);
 * ```
 */
export type TypedArrayFor<D extends DType> = DTypeArrays[D];

/**
 * Any typed array a tensor can be made from.
 *
 * @example
 * ```ts
 * import type { AnyTypedArray } from '@qaxon/tensor';
 * const data: AnyTypedArray = new Int32Array([1, 2]);
 * ```
 */
export type AnyTypedArray = Float32Array | Int8Array | Int32Array;

/** Every supported dtype, in a fixed order (useful in messages and tests).
 *
 * @example
 * ```ts
 * import { DTYPES } from '@qaxon/tensor';
 * console.log(DTYPES.join(', ')); // f32, s8, s32
 * ```
 */
export const DTYPES: readonly DType[] = ['f32', 's8', 's32'];

/**
 * The inclusive range of an integer dtype.
 *
 * @example
 * ```ts
 * import { integerRange } from '@qaxon/tensor';
 * console.log(integerRange('s8')); // { min: -128, max: 127 }
 * ```
 */
export function integerRange(dtype: 's8' | 's32'): { min: number; max: number } {
  return dtype === 's8' ? { min: -128, max: 127 } : { min: -2147483648, max: 2147483647 };
}

/**
 * Bytes per element of a dtype.
 *
 * @example
 * ```ts
 * import { bytesPerElement } from '@qaxon/tensor';
 * console.log(bytesPerElement('f32')); // 4
 * ```
 */
export function bytesPerElement(dtype: DType): number {
  return dtype === 's8' ? 1 : 4;
}

/**
 * Allocates a zero-filled typed array for `dtype` with `length` elements. A length the
 * JavaScript engine cannot allocate is a `ValueError` saying how many elements and bytes
 * were asked for (not a bare `RangeError`).
 *
 * @example
 * ```ts
 * import { allocate } from '@qaxon/tensor';
 * const data = allocate('s8', 3); // Int8Array [0, 0, 0]
 * ```
 */
export function allocate<D extends DType>(dtype: D, length: number): TypedArrayFor<D> {
  try {
    return allocateUnchecked(dtype, length);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    const bytes = length * bytesPerElement(dtype);
    throw new ValueError(
      `cannot allocate ${length.toLocaleString('en-US')} ${dtype} elements (${bytes.toLocaleString('en-US')} bytes): the JavaScript engine refused (${error.message})`,
    );
  }
}

function allocateUnchecked<D extends DType>(dtype: D, length: number): TypedArrayFor<D> {
  switch (dtype) {
    case 'f32':
      return new Float32Array(length) as TypedArrayFor<D>;
    case 's8':
      return new Int8Array(length) as TypedArrayFor<D>;
    case 's32':
      return new Int32Array(length) as TypedArrayFor<D>;
    default:
      throw new DTypeError(`expected a dtype among ${DTYPES.join(', ')}, got ${String(dtype)}`);
  }
}

/**
 * The dtype a typed array holds, or undefined for typed arrays qaxon does not use.
 *
 * @example
 * ```ts
 * import { dtypeOfArray } from '@qaxon/tensor';
 * console.log(dtypeOfArray(new Int8Array(2))); // 's8'
 * ```
 */
export function dtypeOfArray(data: unknown): DType | undefined {
  if (data instanceof Float32Array) return 'f32';
  if (data instanceof Int8Array) return 's8';
  if (data instanceof Int32Array) return 's32';
  return undefined;
}

/**
 * Throws a {@link DTypeError} unless `dtype` is one of the supported dtypes.
 *
 * @example
 * ```ts
 * import { assertDType } from '@qaxon/tensor';
 * assertDType('f32', 'zeros'); // fine
 * ```
 */
export function assertDType(dtype: unknown, where: string): asserts dtype is DType {
  if (dtype !== 'f32' && dtype !== 's8' && dtype !== 's32') {
    throw new DTypeError(`${where}: expected a dtype among ${DTYPES.join(', ')}, got ${JSON.stringify(dtype)}`);
  }
}
