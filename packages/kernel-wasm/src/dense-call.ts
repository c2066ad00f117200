import { compactRows, panelsPerChunk, runDenseJob, withDenseOutput, writePaddedBias } from './dense-job.js';
import type { WasmHeap } from './memory/wasm-heap.js';
import type { ChunkExecutor } from './threads/chunk-executor.js';
import type { KernelUpload } from './uploads/kernel-upload.js';
import type { JobLayout } from './wasm/kernel-exports.js';

/**
 * What one dense call needs besides its inputs: the heap, the job block and its layout,
 * the executor, the scratch shared by the threads, and when to split work across threads.
 *
 * @example
 * ```text
 * const yBlock = runDense(context, upload, xBlock, rows, biasBlock);
 * ```
 */
export interface DenseContext {
  /** The module's memory allocator. */
  heap: WasmHeap;
  /** Offsets of the job block's fields. */
  layout: JobLayout;
  /** Address of the job block. */
  job: number;
  /** Runs the chunks of a job. */
  executor: ChunkExecutor;
  /** Address of the scratch of thread 0 (`layout.scratchBytes` per thread). */
  scratch: number;
  /** Multiply-adds from which calls are split across the threads. */
  parallelThreshold: number;
}

/**
 * Runs `y = x · kernel (* scale) + bias` for a packed kernel, all in the module's memory:
 * `x` (`[rows, in]` row-major f32 at `xBlock`) and the bias (`[units]` f32 at
 * `biasBlock`, 0 for none) are read where they are; the result is a new block of
 * `[rows, units]` row-major f32, returned for the caller to wrap in a handle. The job runs
 * as one chunk on one thread, or about four chunks per thread when the work reaches the
 * parallel threshold.
 *
 * @example
 * ```text
 * const yBlock = runDense(context, upload, xBlock, 1, biasBlock);
 * ```
 */
export function runDense(context: DenseContext, upload: KernelUpload, xBlock: number, rows: number, biasBlock: number): number {
  const { heap, layout } = context;
  const { depth, units, panels } = upload;
  const padded = panels * layout.panelWidth;
  return withDenseOutput(heap, rows * padded * 4, rows * units === 0, (yBlock, allocate) => {
    const paddedBias = biasBlock === 0 ? 0 : writePaddedBias(heap, allocate, biasBlock, units, padded);
    const rowSums = upload.zeroPoints !== 0 ? writeRowSums(heap, allocate, xBlock, rows, depth) : 0;
        runDenseJob(context, {
      operation: upload.kind === 's8' ? layout.denseS8 : layout.denseF32,
      x: xBlock,
      rows,
      depth,
      weights: upload.weights,
      panels,
      // The GEMV kernel runs panels in pairs.
      panelsPerChunk: panelsPerChunk(context, rows * depth * units, panels, true),
      y: yBlock,
      yStride: padded * 4,
      scale: upload.scale,
      bias: paddedBias,
      zeroPoints: upload.zeroPoints,
      rowSums,
    });
    compactRows(heap, yBlock, rows, units, padded);
  });
}

/** Float32 sums of each row of x in ascending k (for zero points kept apart). */
function writeRowSums(heap: WasmHeap, allocate: (bytes: number) => number, xBlock: number, rows: number, depth: number): number {
  const block = allocate(rows * 4);
  const x = heap.f32(xBlock, rows * depth);
  const sums = heap.f32(block, rows);
  for (let m = 0; m < rows; m++) {
    let sum = 0;
    for (let k = 0; k < depth; k++) sum = Math.fround(sum + x[m * depth + k]!);
    sums[m] = sum;
  }
  return block;
}

