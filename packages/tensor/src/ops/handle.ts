import type { DType } from '../dtype.js';
import type { Shape } from '../shape.js';

/**
 * How a quantized weight is laid out, as a backend needs to know it without its data:
 * the bits per value (8, or 4 packed two per byte), the axis the scales run along (the output axis, 1,
 * for a dense kernel `[in, units]`), the group size along the other axis (`undefined`:
 * one scale per output channel; `g`: scales `[in / g, units]`), and whether zero points
 * are all 0.
 *
 * @example
 * ```ts
 * import type { QuantizationLayout } from '@qaxon/tensor';
 * const perChannelInt8: QuantizationLayout = { bits: 8, axis: 1, groupSize: undefined, symmetric: true };
 * ```
 */
export interface QuantizationLayout {
  /** Bits per stored value. */
  readonly bits: 8 | 4;
  /** The axis the scales run along (1: one scale per output column of `[in, units]`). */
  readonly axis: number;
  /** Values per scale along the reduced axis; `undefined` for one scale per channel. */
  readonly groupSize: number | undefined;
  /** True when every zero point is 0. */
  readonly symmetric: boolean;
  /**
   * How the values are packed; absent: one value per byte. `'int4-pairs-along-axis-0'`
   * (4 bits): two values per byte along axis 0 (`in` of a kernel `[in, units]`), byte
   * `[k >> 1][n]` of `[ceil(in / 2), units]` holding `value[k][n]` in its low nibble for
   * even `k` and its high nibble for odd `k` (two's complement; see `packInt4`).
   */
  readonly packed?: 'int4-pairs-along-axis-0';
}

/**
 * Data a backend owns, as the ops see it: shape and dtype, the name of the backend that
 * holds it, and for a quantized weight its {@link QuantizationLayout}. What a handle holds
 * (a host array, a block of WebAssembly memory, a GPU texture) is the backend's business;
 * nothing crosses to the host until `backend.download(handle)`.
 *
 * @example
 * ```ts
 * import { referenceBackend } from '@qaxon/kernel-reference';
 * import { tensor } from '@qaxon/tensor';
 * const handle = referenceBackend.upload(tensor([[1, 2]]));
 * console.log(handle.backend, handle.shape, handle.dtype); // 'reference' [1, 2] 'f32'
 * ```
 */
export interface Handle {
  /** The name of the backend that holds the data (`'reference'`, `'wasm'`, `'gpu.js:webgl2'`). */
  readonly backend: string;
  /** Size of each axis. */
  readonly shape: Shape;
  /** Element type; for a quantized weight, the dtype of the float tensor it stands for (`'f32'`). */
  readonly dtype: DType;
  /** Present on quantized weights (uploaded `QTensor`s). */
  readonly quantization?: QuantizationLayout;
}
