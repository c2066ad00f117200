import type { DenseContext } from './dense-call.js';
import { compactRows, panelsPerChunk, runDenseJob, withDenseOutput, writePaddedBias } from './dense-job.js';
import type { KernelUpload } from './uploads/kernel-upload.js';
import type { KernelExports } from './wasm/kernel-exports.js';

/**
 * Runs `dynamicQuantizedDense` (W8A8) for an int8 upload, all in the module's memory: each
 * row of `x` (`[rows, in]` f32 at `xBlock`) is quantized to int8 (held as i16, rows of
 * `2 * ceil(in / 2)` values) in the module (asm/dense-w8a8.ts, as `quantizeRowsS8` of @qaxon/tensor does), then the kernel sums
 * `xq · (q - zeroPoint)` exactly in i32 with `i32x4.dot_i16x8_s` (or, in a relaxed-SIMD
 * module, `i32x4.relaxed_dot_i8x16_i7x16_add_s` on x split in two 7-bit halves: the same
 * integers) and scales each sum once (asm/dense-w8a8.ts, asm/dense-w8a8-relaxed.ts). Returns a new block of `[rows, units]` row-major f32.
 *
 * @example
 * ```text
 * const yBlock = runDenseW8A8(context, exports, upload, xBlock, 128, biasBlock);
 * ```
 */
export function runDenseW8A8(context: DenseContext, exports: KernelExports, upload: KernelUpload, xBlock: number, rows: number, biasBlock: number): number {
  const { heap, layout } = context;
  const { depth, units, panels } = upload;
  const padded = panels * layout.panelWidth;
  const pairs = (depth + 1) >> 1;
  return withDenseOutput(heap, Math.max(1, rows * padded * 4), rows * units === 0, (yBlock, allocate) => {
    // From W8A8_GEMM_MIN_ROWS rows on, the GEMM also reads a copy of x laid out for it, after xq.
    const gemm = rows >= exports.W8A8_GEMM_MIN_ROWS.value;
    const xqBytes = roundUp64(rows * pairs * 4);
    const xq = allocate(Math.max(4, xqBytes + (gemm ? exports.gemmRowsBytesW8A8(rows, depth) : 0)));
    const rowScales = allocate(Math.max(4, rows * 4));
    exports.quantizeRowsW8A8(xBlock, rows, depth, xq, rowScales);
    if (gemm) exports.prepareGemmRowsW8A8(xq, rows, depth, xq + xqBytes);
    const paddedBias = biasBlock === 0 ? 0 : writePaddedBias(heap, allocate, biasBlock, units, padded);
    runDenseJob(context, {
      operation: layout.denseW8A8,
      x: xq,
      rows,
      depth,
      weights: upload.weights,
      panels,
      panelsPerChunk: panelsPerChunk(context, rows * depth * units, panels),
      y: yBlock,
      yStride: padded * 4,
      scale: upload.scale,
      bias: paddedBias,
      zeroPoints: upload.zeroPoints,
      rowSums: rowScales,
    });
    compactRows(heap, yBlock, rows, units, padded);
  });
}

/** `bytes` rounded up to a multiple of 64. */
function roundUp64(bytes: number): number {
  return Math.ceil(bytes / 64) * 64;
}
