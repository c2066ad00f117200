import type { QTensor, Tensor } from '@qaxon/tensor';
import type { GpuTileLimits, KernelTile, TileConstraints } from './tiling.js';

/**
 * Which way gpu.js's image upload leaves kernel rows in a GL texture (see
 * `QUANTIZED_DENSE_TEXEL_SOURCE`): `'flipped'` (gpu.js sets `UNPACK_FLIP_Y_WEBGL`, the
 * expected case) or `'upright'`. The backend's self-test picks the one that computes right.
 *
 * @example
 * ```ts
 * import type { TexelRowOrder } from '@qaxon/kernel-gpu/internals';
 * const order: TexelRowOrder = 'flipped';
 * ```
 */
export type TexelRowOrder = 'flipped' | 'upright';

/**
 * One uploaded tile: the gpu.js constants of its kernel and the device bytes they hold.
 *
 * @example
 * ```ts
 * import type { TileUpload } from '@qaxon/kernel-gpu/internals';
 * const upload: TileUpload = {
 *   tile: { innerStart: 0, innerEnd: 1, unitStart: 0, unitEnd: 1 },
 *   groups: 1,
 *   constants: {},
 *   innerLength: 1,
 *   weightBytes: 0,
 * };
 * ```
 */
export interface TileUpload {
  /** The part of the kernel this upload holds. */
  tile: KernelTile;
  /** Kernel threads along the units axis (output columns / `unitsPerGroup`, rounded up). */
  groups: number;
  /** The gpu.js constants of the tile's kernels (weights, scales, sizes). */
  constants: Record<string, unknown>;
  /** Kernel rows the program loops over (the tile's rows, padded to `innerAlign`). */
  innerLength: number;
  /** Device bytes of the constants (0 when gpu.js reads the host arrays in place). */
  weightBytes: number;
}

/**
 * A gpu.js program for one kernel on one family of modes, and how to upload a tile of
 * weights for it.
 *
 * @example
 * ```ts
 * import { kernelProgram } from '@qaxon/kernel-gpu/internals';
 * const program = kernelProgram('quantizedDense', 'webasm');
 * console.log(program.layout, program.unitsPerGroup); // 'packed' 3
 * ```
 */
export interface KernelProgram {
  /** `texel` (int8, 4 per RGBA8 texel), `packed` (int8, 3 per float32 word), `direct` (int8 read in place), `float`. */
  readonly layout: 'texel' | 'packed' | 'direct' | 'float';
  /** The gpu.js kernel function, as source text. It takes `(x, parts, chunk)` when `splitsInner`. */
  readonly source: string;
  /** For fixed-size kernels: a version that splits K into `parts` (`source` then sums all of K, faster). */
  readonly splitSource?: string;
  /** What one thread returns: one output or a vector of `unitsPerGroup` outputs. */
  readonly returnType: 'Number' | 'Array(3)' | 'Array(4)';
  /** Output columns one thread computes. */
  readonly unitsPerGroup: 1 | 3 | 4;
  /** `x` rows are passed zero-padded to a multiple of this length (the loop is unrolled by it). */
  readonly innerAlign: number;
  /** Whether the kernel takes `(x, parts, chunk)` and splits K into `parts` partial sums. */
  readonly splitsInner: boolean;
  /** The tile limits this program needs under `limits`. */
  constraints(limits: GpuTileLimits): TileConstraints;
  /** The constants of one tile (packed as this program reads them). */
  upload(weights: Tensor<'f32'> | QTensor, tile: KernelTile, rowOrder: TexelRowOrder): TileUpload;
  /**
   * Buffer-mode programs: the constants of one tile of a weight `[inner, units]` with its
   * `weights` all zero (a fresh, untouched array), to be filled row block by row block with
   * {@link KernelProgram.writeRows} once a kernel holds them (`uploadStreamed`). `q` gives
   * the scales and zero points of an int8 weight (its values are not read); `zeros(length)`
   * gives the zero array (default: `untouchedZeros`; it is only read).
   */
  emptyUpload?(inner: number, units: number, tile: KernelTile, q?: QTensor, zeros?: (length: number) => Float32Array): TileUpload;
  /**
   * Writes kernel rows `[first, first + count)` (`block`, row-major) into `target`, the
   * `weights` of a tile from {@link KernelProgram.emptyUpload} (int8: the block that holds
   * the tile's last row also writes its padding rows; `q` gives the zero points).
   */
  writeRows?(target: Float32Array, upload: TileUpload, block: Float32Array | Int8Array, first: number, count: number, units: number, q?: QTensor): void;
}
