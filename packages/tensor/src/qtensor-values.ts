/**
 * Reading a {@link QTensor}'s integer values back: one per element (unpacking 4-bit bytes)
 * and as the float32 kernel they stand for. Internal: the public face is
 * `QTensor.unpackedValues` and `QTensor.dequantize`.
 *
 * @module
 */
import { Tensor } from './tensor.js';
import { scaleIndexOf, type ResolvedQTensorLayout } from './qtensor-layout.js';
import { int4At, unpackInt4 } from './int4-packing.js';

/** The stored parts of a QTensor that its values are read from. */
export interface StoredQTensor {
  /** As stored: packed for 4 bits. */
  readonly value: Tensor<'s8'>;
  readonly scale: Tensor<'f32'>;
  /** `undefined`: all 0. */
  readonly zeroPoint: Tensor<'s8'> | undefined;
  readonly layout: ResolvedQTensorLayout;
  /** `[in, units]`, the logical shape. */
  readonly shape: readonly [number, number];
}

/** The values one per element, `[in, units]`: `value` itself unless packed, else an unpacked copy. */
export function unpackedValuesOf(stored: StoredQTensor): Tensor<'s8'> {
  if (!stored.layout.packed) return stored.value;
  const [rows, columns] = stored.shape;
  return new Tensor(unpackInt4(stored.value.data, rows, columns), [rows, columns], 's8');
}

/** The float32 kernel: `f32((value - zeroPoint[i]) * scale[i])` with `i` the scale index of each `[k, n]`. */
export function dequantizeStored(stored: StoredQTensor): Tensor<'f32'> {
  const [rows, columns] = stored.shape;
  const out = new Float32Array(rows * columns);
  const values = stored.value.data;
  const scales = stored.scale.data;
  const zeros = stored.zeroPoint?.data;
  const layout = stored.layout;
  for (let k = 0; k < rows; k++) {
    for (let n = 0; n < columns; n++) {
      const s = scaleIndexOf(layout, k, n);
      const q = layout.packed ? int4At(values, columns, k, n) : values[k * columns + n]!;
      out[k * columns + n] = Math.fround((q - (zeros?.[s] ?? 0)) * scales[s]!);
    }
  }
  return new Tensor(out, [rows, columns], 'f32');
}
