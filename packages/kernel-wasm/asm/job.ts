// A dense job as the JavaScript side writes it into the module's memory at `job`, and the
// entry point every thread calls for each chunk of output panels it claims. The offsets
// are exported so the JavaScript side reads them from here (one source of truth).
import { GEMM_K_BLOCK, GEMM_MIN_ROWS, SCRATCH_BYTES_PER_THREAD, SCRATCH_DATA_BYTES } from './layout';
import { evenLanesSelector } from './widen';
import { gemvF32 } from './gemv-f32';
import { gemvS8 } from './gemv-s8';
import { gemmF32, gemmS8 } from './gemm';
import { finalizeColumns } from './finalize';
import { runS4Panels } from './dense-s4';
import { runW8A8Panels } from './dense-w8a8';

// Synchronisation words (i32, used with Atomics by the threads); args start at 64 bytes
// so the counters the threads hammer sit on a cache line of their own.
export const JOB_GENERATION: i32 = 0;
export const JOB_STOP: i32 = 4;
export const JOB_NEXT_CHUNK: i32 = 8;
export const JOB_CHUNK_COUNT: i32 = 12;
export const JOB_DONE_CHUNKS: i32 = 16;
export const JOB_FAILED: i32 = 20;
export const JOB_OPERATION: i32 = 64;
export const JOB_X: i32 = 68;
export const JOB_ROWS: i32 = 72;
export const JOB_DEPTH: i32 = 76;
export const JOB_WEIGHTS: i32 = 80;
export const JOB_PANELS: i32 = 84;
export const JOB_PANELS_PER_CHUNK: i32 = 88;
export const JOB_Y: i32 = 92;
export const JOB_Y_STRIDE: i32 = 96;
export const JOB_SCRATCH: i32 = 100;
export const JOB_SCALE: i32 = 104;
export const JOB_BIAS: i32 = 108;
export const JOB_ZERO_POINTS: i32 = 112;
export const JOB_ROW_SUMS: i32 = 116;
export const JOB_BYTES: i32 = 128;

export const OPERATION_DENSE_S8: i32 = 1;
export const OPERATION_DENSE_F32: i32 = 2;
/** s4 weights, x quantized to i16 per row (dense-s4.ts gives the fields' meanings). */
export const OPERATION_DENSE_S4: i32 = 25;
/** int8 weights times int8 activations quantized per row (dense-w8a8.ts gives the fields' meanings). */
export const OPERATION_DENSE_W8A8: i32 = 21;

export const SCRATCH_BYTES: i32 = SCRATCH_BYTES_PER_THREAD;

/** Runs chunk `chunk` of the job at `job` on thread `thread` (0 = the calling thread). */
export function runChunk(job: usize, chunk: i32, thread: i32): void {
  const operation = load<i32>(job + JOB_OPERATION);
  const x = <usize>load<i32>(job + JOB_X);
  const rows = load<i32>(job + JOB_ROWS);
  const depth = load<i32>(job + JOB_DEPTH);
  const weights = <usize>load<i32>(job + JOB_WEIGHTS);
  const panels = load<i32>(job + JOB_PANELS);
  const perChunk = load<i32>(job + JOB_PANELS_PER_CHUNK);
  const y = <usize>load<i32>(job + JOB_Y);
  const yStride = <usize>load<i32>(job + JOB_Y_STRIDE);
  const p0 = chunk * perChunk;
  const p1 = min(panels, p0 + perChunk);
  if (p0 >= p1) return;
  if (operation === OPERATION_DENSE_S4) {
    const scales = <usize>load<i32>(job + JOB_SCALE);
    const xScales = <usize>load<i32>(job + JOB_ROW_SUMS);
    const bias = <usize>load<i32>(job + JOB_BIAS);
    runS4Panels(x, rows, depth, weights, p0, p1, y, yStride, scales, xScales, load<i32>(job + JOB_ZERO_POINTS), bias);
    return;
  }
  if (operation === OPERATION_DENSE_W8A8) {
    const scratch = <usize>load<i32>(job + JOB_SCRATCH) + <usize>thread * <usize>SCRATCH_BYTES_PER_THREAD;
    const rowScales = <usize>load<i32>(job + JOB_ROW_SUMS);
    const scale = <usize>load<i32>(job + JOB_SCALE);
    const bias = <usize>load<i32>(job + JOB_BIAS);
    runW8A8Panels(x, rows, depth, weights, p0, p1, y, yStride, scratch, rowScales, scale, bias, <usize>load<i32>(job + JOB_ZERO_POINTS));
    return;
  }
  const xStride = <usize>depth << 2;
  if (operation === OPERATION_DENSE_S8) {
    const scratch = <usize>load<i32>(job + JOB_SCRATCH) + <usize>thread * <usize>SCRATCH_BYTES_PER_THREAD;
    const even = evenLanesSelector(scratch + <usize>SCRATCH_DATA_BYTES);
    if (rows < GEMM_MIN_ROWS) {
      for (let m = 0; m < rows; m++) gemvS8(x + <usize>m * xStride, depth, weights, p0, p1, y + <usize>m * yStride, even);
    } else {
      const kBlock = load<i32>(job + JOB_CHUNK_COUNT) > 1 ? GEMM_K_BLOCK >> 1 : GEMM_K_BLOCK;
      gemmS8(x, rows, depth, weights, p0, p1, y, yStride, scratch, kBlock, even);
    }
  } else {
    if (rows < GEMM_MIN_ROWS) {
      for (let m = 0; m < rows; m++) gemvF32(x + <usize>m * xStride, depth, weights, p0, p1, y + <usize>m * yStride);
    } else {
      gemmF32(x, rows, depth, weights, p0, p1, y, yStride);
    }
  }
  finalizeColumns(
    rows,
    p0,
    p1,
    y,
    yStride,
    <usize>load<i32>(job + JOB_SCALE),
    <usize>load<i32>(job + JOB_BIAS),
    <usize>load<i32>(job + JOB_ZERO_POINTS),
    <usize>load<i32>(job + JOB_ROW_SUMS),
  );
}
