import type { QTensor } from '@qaxon/tensor';
import type { WasmHeap } from '../memory/wasm-heap.js';
import type { KernelExports } from '../wasm/kernel-exports.js';
import { allocate, PANEL_WIDTH, STAGING_BYTES, sumBytes, type KernelUpload } from './kernel-upload.js';

/** The `packed` tag of a QTensor layout whose 4-bit values are stored two per byte along `in`. */
const PACKED_PAIRS = 'int4-pairs-along-axis-0';

/**
 * Pairs of input rows per group of scales for an s4 kernel the WASM kernels can run, or
 * `undefined` when they cannot: 4 bits, scales along axis 1 (one per output column and
 * group), symmetric, and groups of an even size (a byte never straddles two groups) or a
 * single group.
 *
 * @example
 * ```text
 * const groupPairs = s4GroupPairs(QTensor.fromTensor(w, { bits: 4, groupSize: 32 })); // 16
 * ```
 */
export function s4GroupPairs(kernel: QTensor): number | undefined {
  const { bits, axis, groupSize, symmetric } = kernel.quantization;
  if (bits !== 4 || (axis !== 1 && axis !== -1) || !symmetric || kernel.shape.length !== 2) return undefined;
  const pairs = (kernel.shape[0]! + 1) >> 1;
  if (groupSize === undefined || groupSize >= kernel.shape[0]!) return Math.max(1, pairs);
  return groupSize % 2 === 0 ? groupSize / 2 : undefined;
}

/**
 * Copies an s4 QTensor (`[in, units]`, group-wise scales) into the module's memory once as
 * s4 panels (see `asm/gemv-s4.ts`): 4 bits per weight plus one f32 scale per group and
 * output column, never an unpacked or f32 copy. The packed bytes are staged a slice of
 * rows at a time. `groupPairs` comes from {@link s4GroupPairs}.
 *
 * @example
 * ```text
 * const upload = uploadS4Kernel(heap, exports, q, s4GroupPairs(q)!);
 * ```
 */
export function uploadS4Kernel(heap: WasmHeap, exports: KernelExports, kernel: QTensor, groupPairs: number): KernelUpload {
  const [depth, units] = kernel.shape as [number, number];
  const pairs = (depth + 1) >> 1;
  const panels = Math.ceil(units / PANEL_WIDTH);
  const groups = Math.max(1, Math.ceil(pairs / groupPairs));
  const bytes = packedBytesOf(kernel);
  const blocks: number[] = [];
  try {
    const weights = allocate(heap, blocks, Math.max(1, pairs * panels * PANEL_WIDTH));
    const scale = allocate(heap, blocks, groups * panels * PANEL_WIDTH * 4);
    writeGroupScales(heap.f32(scale, groups * panels * PANEL_WIDTH), kernel.scale.data, groups, units, panels);
    if (pairs > 0 && units > 0) {
      const pairsPerSlice = Math.max(1, Math.min(pairs, Math.floor(STAGING_BYTES / units)));
      const staging = heap.allocate(pairsPerSlice * units);
      try {
        for (let first = 0; first < pairs; first += pairsPerSlice) {
          const count = Math.min(pairsPerSlice, pairs - first);
          heap.i8(staging, count * units).set(bytes.subarray(first * units, (first + count) * units));
          exports.packS4(staging, first, count, pairs, units, weights);
        }
      } finally {
        heap.release(staging);
      }
    }
    return { kind: 's4', depth, units, panels, weights, scale, zeroPoints: 0, groupPairs, bytes: sumBytes(heap, blocks), blocks, live: true };
  } catch (error) {
    for (const block of blocks) heap.release(block);
    throw error;
  }
}

/** Scales `[groups, units]` (or `[units]`) -> per panel `[groups][16]`, zero past `units`. */
function writeGroupScales(target: Float32Array, scales: Float32Array, groups: number, units: number, panels: number): void {
  target.fill(0);
  for (let p = 0; p < panels; p++) {
    const first = p * PANEL_WIDTH;
    const width = Math.min(PANEL_WIDTH, units - first);
    for (let g = 0; g < groups; g++) {
      const row = scales.subarray(g * units + first, g * units + first + width);
      target.set(row, (p * groups + g) * PANEL_WIDTH);
    }
  }
}

/**
 * The kernel's values as packed bytes `[ceil(in / 2), units]` (low nibble: even row):
 * the QTensor's own bytes when it stores them packed, else packed here (a 4-bit copy).
 */
function packedBytesOf(kernel: QTensor): Int8Array {
  const [depth, units] = kernel.shape as [number, number];
  const values = kernel.value.data;
  if ((kernel.quantization as { packed?: string }).packed === PACKED_PAIRS) return values;
  const packed = new Int8Array(((depth + 1) >> 1) * units);
  for (let k = 0; k < depth; k++) {
    const shift = (k & 1) << 2;
    const row = (k >> 1) * units;
    for (let n = 0; n < units; n++) packed[row + n] = packed[row + n]! | ((values[k * units + n]! & 0xf) << shift);
  }
  return packed;
}
