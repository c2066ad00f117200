import type { QTensor } from '@qaxon/tensor';
import type { WasmHeap } from '../memory/wasm-heap.js';
import type { KernelExports } from '../wasm/kernel-exports.js';

/** Columns per panel (the module's PANEL_WIDTH). */
export const PANEL_WIDTH = 16;
/** Rows are staged through a buffer of about this many bytes while packing (256 KiB). */
export const STAGING_BYTES = 256 * 1024;

/**
 * A kernel held in the module's memory in the panel layout (see `asm/layout.ts`): the
 * weights (int8 stays int8), and for int8 the per-column f32 scales and, when the zero
 * points could not be folded into the values, the f32 zero points left to subtract.
 *
 * @example
 * ```text
 * const upload = uploadQuantizedKernel(heap, exports, q);
 * console.log(upload.panels, upload.bytes);
 * releaseUpload(heap, upload);
 * ```
 */
export interface KernelUpload {
  /** `'s8'` for an int8 QTensor, `'s4'` for a 4-bit one (see `s4-upload.ts`), `'f32'` for a float kernel. */
  readonly kind: 's8' | 'f32' | 's4';
  /** The reduced axis `K` (the kernel's first axis). */
  readonly depth: number;
  /** Output channels `N`. */
  readonly units: number;
  /** `ceil(units / 16)`. */
  readonly panels: number;
  /** Address of the packed weights. */
  readonly weights: number;
  /** Address of `panels * 16` f32 scales (0 for f32 kernels). */
  readonly scale: number;
  /** Address of `panels * 16` f32 zero points still to subtract, or 0 (none or folded). */
  readonly zeroPoints: number;
  /** s4 only: pairs of input rows per group of scales (`scale` then holds `[groups][16]` f32 per panel). */
  readonly groupPairs?: number;
  /** Bytes held in the module's memory. */
  readonly bytes: number;
  /** The heap blocks holding it. */
  readonly blocks: readonly number[];
  /** False once released. */
  live: boolean;
}

/**
 * Copies a QTensor into the module's memory once, as int8 panels. Zero points are folded
 * into the values when every `value - zeroPoint` fits in int8 (always for symmetric
 * quantization); otherwise they are kept as f32 and subtracted after the sum.
 *
 * @example
 * ```text
 * const upload = uploadQuantizedKernel(heap, exports, QTensor.fromTensor(w));
 * ```
 */
export function uploadQuantizedKernel(heap: WasmHeap, exports: KernelExports, kernel: QTensor): KernelUpload {
  const [depth, units] = kernel.value.shape as [number, number];
  const panels = Math.ceil(units / PANEL_WIDTH);
  const padded = panels * PANEL_WIDTH;
  const values = kernel.value.data;
  const zero = kernel.zeroPoint.data;
  const symmetric = zero.every((z) => z === 0);
  const foldable = symmetric || zeroPointsFitInt8(values, zero, depth, units);
  const blocks: number[] = [];
  try {
    const weights = allocate(heap, blocks, depth * padded);
    const scale = allocate(heap, blocks, padded * 4);
    const scales = heap.f32(scale, padded);
    scales.fill(0);
    scales.set(kernel.scale.data);
    let zeroPoints = 0;
    let foldedZeroPoints = 0;
    if (!symmetric && foldable) {
      foldedZeroPoints = heap.allocate(padded);
      heap.i8(foldedZeroPoints, padded).fill(0).set(zero);
    } else if (!foldable) {
      zeroPoints = allocate(heap, blocks, padded * 4);
      const f32 = heap.f32(zeroPoints, padded);
      f32.fill(0);
      f32.set(zero);
    }
    try {
      stageRows(heap, depth, Math.max(units, 1), (staging, firstRow, rowCount) => {
        heap.i8(staging, rowCount * units).set(values.subarray(firstRow * units, (firstRow + rowCount) * units));
        exports.packS8(staging, firstRow, rowCount, depth, units, foldedZeroPoints, weights);
      });
    } finally {
      if (foldedZeroPoints !== 0) heap.release(foldedZeroPoints);
    }
    return { kind: 's8', depth, units, panels, weights, scale, zeroPoints, bytes: sumBytes(heap, blocks), blocks, live: true };
  } catch (error) {
    for (const block of blocks) heap.release(block);
    throw error;
  }
}

/**
 * Packs an f32 kernel `[depth, units]` that is already in the module's memory, row-major
 * at `rows`, as f32 panels (the row-major block is left to the caller).
 *
 * @example
 * ```text
 * const upload = packFloatRows(heap, exports, block, 64, 32);
 * heap.release(block);
 * ```
 */
export function packFloatRows(heap: WasmHeap, exports: KernelExports, rows: number, depth: number, units: number): KernelUpload {
  const panels = Math.ceil(units / PANEL_WIDTH);
  const blocks: number[] = [];
  const weights = allocate(heap, blocks, depth * panels * PANEL_WIDTH * 4);
  if (depth > 0) exports.packF32(rows, 0, depth, depth, units, weights);
  return { kind: 'f32', depth, units, panels, weights, scale: 0, zeroPoints: 0, bytes: sumBytes(heap, blocks), blocks, live: true };
}

/**
 * Frees every block of an upload (once; later calls do nothing).
 *
 * @example
 * ```text
 * releaseUpload(heap, upload);
 * console.log(upload.live); // false
 * ```
 */
export function releaseUpload(heap: WasmHeap, upload: KernelUpload): void {
  if (!upload.live) return;
  upload.live = false;
  for (const block of upload.blocks) heap.release(block);
}

/** Allocates a block and records it in `blocks` (to free them together). */
export function allocate(heap: WasmHeap, blocks: number[], bytes: number): number {
  const block = heap.allocate(bytes);
  blocks.push(block);
  return block;
}

/** Bytes of the heap blocks `blocks`. */
export function sumBytes(heap: WasmHeap, blocks: number[]): number {
  return blocks.reduce((total, block) => total + heap.sizeOf(block), 0);
}

/** Calls `pack` for successive slices of rows staged through one temporary block. */
function stageRows(
  heap: WasmHeap,
  depth: number,
  rowBytes: number,
  pack: (staging: number, firstRow: number, rowCount: number) => void,
): void {
  if (depth === 0) return;
  const rowsPerSlice = Math.max(1, Math.min(depth, Math.floor(STAGING_BYTES / rowBytes)));
  const staging = heap.allocate(rowsPerSlice * rowBytes);
  try {
    for (let firstRow = 0; firstRow < depth; firstRow += rowsPerSlice) {
      pack(staging, firstRow, Math.min(rowsPerSlice, depth - firstRow));
    }
  } finally {
    heap.release(staging);
  }
}

/** True when every `value[k][n] - zeroPoint[n]` lies in [-128, 127]. */
function zeroPointsFitInt8(values: Int8Array, zeroPoints: Int8Array, depth: number, units: number): boolean {
  for (let k = 0; k < depth; k++) {
    const row = k * units;
    for (let n = 0; n < units; n++) {
      const shifted = values[row + n]! - zeroPoints[n]!;
      if (shifted < -128 || shifted > 127) return false;
    }
  }
  return true;
}
