/**
 * Symmetric quantization of a float32 `[rows, columns]` weight in any QTensor layout
 * (8 or 4 bits, per channel along axis 1 or 0, optionally in groups along the other axis),
 * with the same float32 arithmetic as the per-channel int8 path of `per-channel-int8.ts`
 * (Axon's), generalized: the half range is `(highest - lowest) / 2` (127.5 for 8 bits, 7.5
 * for 4 bits) and each scale covers one (group, channel) block instead of one column.
 * Internal to {@link QTensor.fromTensor}.
 *
 * @module
 */
import { FLOAT32_EPSILON, roundHalfAwayFromZero } from './per-channel-int8.js';
import { scaleIndexOf, type ResolvedQTensorLayout } from './qtensor-layout.js';

/**
 * Scales and values of `weights` (row-major `[rows, columns]`, finite) in `layout`:
 * for each block, `scale = f32(max(-min(block, 0), max(block, 0)) / halfRange)`, then
 * `min(max(scale, 2^-23), largest scale)` (every scale `2^-23` when the largest is 0); each
 * value `clip(roundHalfAwayFromZero(f32(w * f32(1 / scale))), lowest, highest)`, dividing
 * `w / scale` where `f32(1 / scale)` overflows, and with `lowest + 1` as the floor of a block
 * whose `f32(lowest * scale)` overflows. With 8 bits, axis 1 and no groups this is exactly
 * `perChannelInt8Scales` then `quantizeInt8WithScales`.
 */
export function quantizeSymmetric(
  weights: Float32Array,
  rows: number,
  columns: number,
  layout: ResolvedQTensorLayout,
): { values: Int8Array; scales: Float32Array } {
  const count = layout.groups * layout.channels;
  const lo = new Float64Array(count);
  const hi = new Float64Array(count);
  for (let k = 0; k < rows; k++) {
    for (let n = 0; n < columns; n++) {
      const w = weights[k * columns + n]!;
      const s = scaleIndexOf(layout, k, n);
      if (w < lo[s]!) lo[s] = w;
      if (w > hi[s]!) hi[s] = w;
    }
  }
  const halfRange = (layout.highest - layout.lowest) / 2;
  const scales = new Float32Array(count);
  let largest = 0;
  for (let s = 0; s < count; s++) {
    const scale = Math.fround(Math.max(-lo[s]!, hi[s]!) / halfRange);
    scales[s] = scale;
    if (scale > largest) largest = scale;
  }
  if (largest === 0) scales.fill(FLOAT32_EPSILON);
  else for (let s = 0; s < count; s++) scales[s] = Math.min(Math.max(scales[s]!, FLOAT32_EPSILON), largest);

  const inverse = new Float32Array(count);
  const floor = new Int8Array(count);
  for (let s = 0; s < count; s++) {
    inverse[s] = Math.fround(1 / scales[s]!);
    floor[s] = Math.fround(layout.lowest * scales[s]!) === -Infinity ? layout.lowest + 1 : layout.lowest;
  }
  const values = new Int8Array(rows * columns);
  for (let k = 0; k < rows; k++) {
    for (let n = 0; n < columns; n++) {
      const i = k * columns + n;
      const s = scaleIndexOf(layout, k, n);
      const w = weights[i]!;
      const scaled = inverse[s] === Infinity ? w / scales[s]! : Math.fround(w * inverse[s]!);
      const q = roundHalfAwayFromZero(scaled);
      values[i] = q < floor[s]! ? floor[s]! : q > layout.highest ? layout.highest : q;
    }
  }
  return { values, scales };
}
