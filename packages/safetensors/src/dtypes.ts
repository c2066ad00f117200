import type { DType } from '@qaxon/tensor';

/**
 * The safetensors dtypes this package reads, and what each becomes:
 * `F32` -> f32 (a view of the file where aligned), `I8` -> s8 (always a view), `I32` -> s32,
 * `I64` -> s32 (each value range-checked), `F16` and `BF16` -> f32 (widened exactly).
 *
 * @example
 * ```ts
 * import { READABLE_DTYPES } from '@qaxon/safetensors';
 * console.log(READABLE_DTYPES.join(', ')); // F32, F16, BF16, I8, I32, I64
 * ```
 */
export const READABLE_DTYPES = ['F32', 'F16', 'BF16', 'I8', 'I32', 'I64'] as const;

/**
 * A safetensors dtype name this package reads, one of {@link READABLE_DTYPES}.
 *
 * @example
 * ```ts
 * import type { ReadableDType } from '@qaxon/safetensors';
 * const dtype: ReadableDType = 'BF16';
 * ```
 */
export type ReadableDType = (typeof READABLE_DTYPES)[number];

/**
 * The safetensors dtypes this package writes: one per qaxon tensor dtype
 * (`f32` -> `F32`, `s8` -> `I8`, `s32` -> `I32`).
 *
 * @example
 * ```ts
 * import { WRITABLE_DTYPES } from '@qaxon/safetensors';
 * console.log(WRITABLE_DTYPES); // ['F32', 'I8', 'I32']
 * ```
 */
export const WRITABLE_DTYPES = ['F32', 'I8', 'I32'] as const;

/** Bytes per element of each readable dtype. */
const ELEMENT_SIZES: Readonly<Record<ReadableDType, number>> = { F32: 4, F16: 2, BF16: 2, I8: 1, I32: 4, I64: 8 };

/** The qaxon dtype a readable safetensors dtype loads as. */
const LOADED_AS: Readonly<Record<ReadableDType, DType>> = { F32: 'f32', F16: 'f32', BF16: 'f32', I8: 's8', I32: 's32', I64: 's32' };

/** The safetensors dtype each qaxon dtype is written as. */
const WRITTEN_AS: Readonly<Record<DType, (typeof WRITABLE_DTYPES)[number]>> = { f32: 'F32', s8: 'I8', s32: 'I32' };

/**
 * True when `name` is one of {@link READABLE_DTYPES}.
 *
 * @internal
 */
export function isReadableDType(name: unknown): name is ReadableDType {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(ELEMENT_SIZES, name);
}

/** @internal */
export function elementSizeOf(dtype: ReadableDType): number {
  return ELEMENT_SIZES[dtype];
}

/** @internal */
export function loadedDTypeOf(dtype: ReadableDType): DType {
  return LOADED_AS[dtype];
}

/** @internal */
export function writtenDTypeOf(dtype: DType): (typeof WRITABLE_DTYPES)[number] {
  return WRITTEN_AS[dtype];
}
