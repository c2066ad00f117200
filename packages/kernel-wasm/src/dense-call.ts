import { Tensor, type DenseBias } from '@qaxon/tensor';
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
 * const y = runDense(context, upload, x.data, rows, outputShape, bias);
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

/** Chunks per thread when a call is split: small enough to balance uneven threads. */
const CHUNKS_PER_THREAD = 4;

/**
 * Runs `y = x · kernel (* scale) + bias` for an uploaded kernel: copies `x` (`[rows, in]`,
 * row-major) and the bias into the module's memory, writes the job block, runs its chunks
 * (one chunk on one thread, or about four per thread when the work reaches the parallel
 * threshold), and copies the result out as an f32 tensor of `outputShape`.
 *
 * @example
 * ```text
 * const y = runDense(context, cache.quantized(q), x.data, 1, [1, 10], 0.5);
 * ```
 */
export function runDense(
  context: DenseContext,
  upload: KernelUpload,
  x: Float32Array,
  rows: number,
  outputShape: readonly number[],
  bias: DenseBias,
): Tensor<'f32'> {
  const { heap, layout, job } = context;
  const { depth, units, panels } = upload;
  const out = new Float32Array(rows * units);
  if (out.length === 0) return new Tensor(out, outputShape, 'f32');
  const padded = panels * layout.panelWidth;
  const blocks: number[] = [];
  const allocate = (bytes: number): number => {
    const block = heap.allocate(bytes);
    blocks.push(block);
    return block;
  };
  try {
    const xBlock = allocate(rows * depth * 4);
    heap.f32(xBlock, rows * depth).set(x.subarray(0, rows * depth));
    const yBlock = allocate(rows * padded * 4);
    const biasBlock = writeBias(heap, allocate, bias, units, padded);
    const rowSums = upload.zeroPoints !== 0 ? writeRowSums(heap, allocate, x, rows, depth) : 0;

    const parallel = context.executor.threads > 1 && rows * depth * units >= context.parallelThreshold;
    const panelsPerChunk = parallel ? evenCeil(panels / (context.executor.threads * CHUNKS_PER_THREAD)) : panels;
    const chunks = Math.ceil(panels / panelsPerChunk);

    const fields = heap.i32(job, layout.bytes >> 2);
    const set = (offset: number, value: number): void => {
      fields[offset >> 2] = value;
    };
    set(layout.operation, upload.kind === 's8' ? layout.denseS8 : layout.denseF32);
    set(layout.x, xBlock);
    set(layout.rows, rows);
    set(layout.depth, depth);
    set(layout.weights, upload.weights);
    set(layout.panels, panels);
    set(layout.panelsPerChunk, panelsPerChunk);
    set(layout.y, yBlock);
    set(layout.yStride, padded * 4);
    set(layout.scratch, context.scratch);
    set(layout.scale, upload.scale);
    set(layout.bias, biasBlock);
    set(layout.zeroPoints, upload.zeroPoints);
    set(layout.rowSums, rowSums);
    context.executor.run(chunks);

    const y = heap.f32(yBlock, rows * padded);
    if (padded === units) out.set(y);
    else for (let m = 0; m < rows; m++) out.set(y.subarray(m * padded, m * padded + units), m * units);
  } finally {
    for (const block of blocks) heap.release(block);
  }
  return new Tensor(out, outputShape, 'f32');
}

/** Writes the bias as `padded` f32 values; 0 (no block) when there is no bias. */
function writeBias(
  heap: WasmHeap,
  allocate: (bytes: number) => number,
  bias: DenseBias,
  units: number,
  padded: number,
): number {
  if (bias === undefined || bias === 0) return 0;
  const block = allocate(padded * 4);
  const values = heap.f32(block, padded);
  if (typeof bias === 'number') {
    values.fill(bias, 0, units);
  } else {
    values.set(bias.data);
  }
  values.fill(0, units);
  return block;
}

/** Float32 sums of each row of x in ascending k (for zero points kept apart). */
function writeRowSums(
  heap: WasmHeap,
  allocate: (bytes: number) => number,
  x: Float32Array,
  rows: number,
  depth: number,
): number {
  const block = allocate(rows * 4);
  const sums = heap.f32(block, rows);
  for (let m = 0; m < rows; m++) {
    let sum = 0;
    for (let k = 0; k < depth; k++) sum = Math.fround(sum + x[m * depth + k]!);
    sums[m] = sum;
  }
  return block;
}

/** ceil(value), rounded up to an even number (the GEMV kernel runs panels in pairs). */
function evenCeil(value: number): number {
  const whole = Math.max(1, Math.ceil(value));
  return whole + (whole & 1);
}
