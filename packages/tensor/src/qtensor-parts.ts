/**
 * Checking the parts a {@link QTensor} is assembled from (value, scale, zero points and
 * layout options) and packing 4-bit values given one per element. Internal.
 *
 * @module
 */
import { DTypeError, ShapeError, ValueError } from './errors.js';
import { describeValue } from './describe.js';
import { formatShape } from './shape.js';
import { Tensor } from './tensor.js';
import { describeScaleIndex, resolveQTensorLayout, type QTensorOptions, type ResolvedQTensorLayout } from './qtensor-layout.js';
import { packInt4, packedRowsOf } from './int4-packing.js';
import { layoutNote } from './qtensor-describe.js';

/** What the QTensor constructor stores, once its arguments are checked. */
export interface CheckedQTensorParts {
  /** The values as stored: packed for 4 bits. */
  readonly value: Tensor<'s8'>;
  readonly scale: Tensor<'f32'>;
  /** The zero points given, zeros made for 8 bits, `undefined` for 4 bits given none. */
  readonly zeroPoint: Tensor<'s8'> | undefined;
  readonly layout: ResolvedQTensorLayout;
  /** `[in, units]`, the logical shape. */
  readonly shape: [number, number];
}

/**
 * Checks the QTensor constructor's arguments (in the order the constructor documents:
 * value, packed rows, layout, scale shape, scale values, zero points, 4-bit ranges) and
 * packs 4-bit values given one per element.
 */
export function checkQTensorParts(
  value: Tensor<'s8'>,
  scale: Tensor<'f32'>,
  zeroPoint: Tensor<'s8'> | undefined,
  options: QTensorOptions | undefined,
): CheckedQTensorParts {
  if (!(value instanceof Tensor) || value.dtype !== 's8' || value.rank !== 2) {
    throw new DTypeError(`QTensor: expected value to be an s8 tensor of rank 2 [in, units], got ${describeTensor(value)}`);
  }
  const shape = logicalShapeOf(value, options);
  const layout = resolveQTensorLayout(shape, options, 'QTensor');
  const scaleShape = layout.scaleShape;
  const laid = layoutNote(layout);
  if (!(scale instanceof Tensor) || scale.dtype !== 'f32' || !sameShape(scale.shape, scaleShape)) {
    throw new ShapeError(`QTensor: expected scale to be an f32 tensor of shape ${formatShape(scaleShape)}${laid}, got ${describeTensor(scale)}`);
  }
  checkScales(scale.data, layout);
  const zero = zeroPoint ?? (layout.packed ? undefined : zerosOf(scaleShape));
  if (zero !== undefined && (!(zero instanceof Tensor) || zero.dtype !== 's8' || !sameShape(zero.shape, scaleShape))) {
    throw new ShapeError(`QTensor: expected zeroPoint to be an s8 tensor of shape ${formatShape(scaleShape)}${laid}, got ${describeTensor(zero)}`);
  }
  let stored = value;
  if (layout.packed) {
    if (zero !== undefined) checkRange('zeroPoint', zero, layout);
    if (options?.packedRows === undefined) {
      checkRange('value', value, layout);
      stored = new Tensor(packInt4(value.data, shape[0], shape[1]), [packedRowsOf(shape[0]), shape[1]], 's8');
    }
  }
  return { value: stored, scale, zeroPoint: zero, layout, shape };
}

/** All-zero zero points of `shape` (symmetric). */
export function zerosOf(shape: readonly number[]): Tensor<'s8'> {
  let size = 1;
  for (const d of shape) size *= d;
  return new Tensor(new Int8Array(size), [...shape], 's8');
}

/** `[in, units]` of a QTensor's value: its shape, or `[packedRows, units]` for 4-bit bytes given packed. */
function logicalShapeOf(value: Tensor<'s8'>, options: QTensorOptions | undefined): [number, number] {
  const [rows, columns] = value.shape as [number, number];
  const packedRows = options?.packedRows;
  if (packedRows === undefined || options === null || typeof options !== 'object') return [rows, columns];
  if (options.bits !== 4) {
    throw new ValueError(`QTensor: packedRows is for 4-bit values given packed (bits: 4), got packedRows ${describeValue(packedRows)} with bits ${describeValue(options.bits ?? 8)}`);
  }
  if (!Number.isInteger(packedRows) || packedRows < 0) {
    throw new ValueError(`QTensor: expected packedRows to be a whole number of rows >= 0, got ${describeValue(packedRows)}`);
  }
  if (rows !== packedRowsOf(packedRows)) {
    throw new ShapeError(
      `QTensor: expected packed 4-bit values of shape [${packedRowsOf(packedRows)}, ${columns}] (ceil(${packedRows} / 2) byte rows for ${packedRows} rows), got ${formatShape(value.shape)}`,
    );
  }
  if (packedRows % 2 === 1) {
    const last = value.data.subarray((rows - 1) * columns);
    const bad = last.findIndex((byte) => (byte & 0xf0) !== 0);
    if (bad >= 0) {
      throw new ValueError(`QTensor: expected the high nibbles of the last byte row to be 0 (padding of an odd ${packedRows} rows), got byte ${last[bad]} at packed value index [${rows - 1}, ${bad}]`);
    }
  }
  return [packedRows, columns];
}

function sameShape(shape: readonly number[], expected: readonly number[]): boolean {
  return shape.length === expected.length && shape.every((d, i) => d === expected[i]);
}

/** Every scale must be finite and >= 0: NaN, Infinity or a negative scale would give silently wrong outputs. */
function checkScales(scales: Float32Array, layout: ResolvedQTensorLayout): void {
  for (let n = 0; n < scales.length; n++) {
    const scale = scales[n]!;
    if (!(scale >= 0 && scale < Infinity)) {
      throw new ValueError(`QTensor: expected every scale to be finite and >= 0, got ${scale} at ${describeScaleIndex(layout, n)}`);
    }
  }
}

/** 4-bit values and zero points must lie in [-8, 7] (they are stored one per Int8Array element). */
function checkRange(part: 'value' | 'zeroPoint', values: Tensor<'s8'>, layout: ResolvedQTensorLayout): void {
  const data = values.data;
  const columns = values.shape[1];
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (v < layout.lowest || v > layout.highest) {
      const where = columns === undefined ? `${i}` : `[${Math.floor(i / columns)}, ${i % columns}]`;
      throw new ValueError(`QTensor: expected every ${layout.bits}-bit ${part} in [${layout.lowest}, ${layout.highest}], got ${v} at ${part} index ${where}`);
    }
  }
}

function describeTensor(value: unknown): string {
  return value instanceof Tensor ? `${value.dtype} ${formatShape(value.shape)}` : describeValue(value);
}
