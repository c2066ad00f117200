import type { DenseContext } from './dense-call.js';
import type { WasmHeap } from './memory/wasm-heap.js';

/**
 * The fields of a dense job block that differ per call (asm/job.ts names them; each
 * operation gives them its own meaning: asm/dense-s4.ts, asm/dense-w8a8.ts). The scratch
 * is always the context's.
 *
 * @example
 * ```text
 * runDenseJob(context, { operation: layout.denseS8, x: xBlock, rows, depth, ... });
 * ```
 */
export interface DenseJobFields {
  /** Operation code (`layout.denseS8`, `denseF32`, `denseS4`, `denseW8A8`). */
  operation: number;
  /** Pointer to x as the operation reads it. */
  x: number;
  /** Rows of x. */
  rows: number;
  /** The reduced axis. */
  depth: number;
  /** Pointer to the packed weights. */
  weights: number;
  /** Number of 16-column panels. */
  panels: number;
  /** Panels per chunk (the unit of work a thread claims). */
  panelsPerChunk: number;
  /** Pointer to the output rows of `panels * 16` values. */
  y: number;
  /** Bytes per output row. */
  yStride: number;
  /** Pointer to per-column scales (0 for none). */
  scale: number;
  /** Pointer to per-column biases padded to the panels (0 for none). */
  bias: number;
  /** The zero-points field (a pointer, or the s4 group size). */
  zeroPoints: number;
  /** The row-sums field (per-row sums or scales, 0 for none). */
  rowSums: number;
}

/** Writes `fields` (and the context's scratch) into the job block and runs all its chunks. */
export function runDenseJob(context: DenseContext, fields: DenseJobFields): void {
  const { layout } = context;
  const words = context.heap.i32(context.job, layout.bytes >> 2);
  for (const name of Object.keys(fields) as (keyof DenseJobFields)[]) words[layout[name] >> 2] = fields[name];
  words[layout.scratch >> 2] = context.scratch;
  context.executor.run(Math.ceil(fields.panels / fields.panelsPerChunk));
}

/** Chunks per thread when a call is split: small enough to balance uneven threads. */
const CHUNKS_PER_THREAD = 4;

/**
 * Panels per chunk of a dense call of `multiplyAdds` over `panels` panels: all of them (one
 * chunk, the calling thread) below the context's parallel threshold or on one thread, else
 * about `CHUNKS_PER_THREAD` chunks per thread; `evenChunks` rounds up to an even count
 * (kernels that run panels in pairs).
 *
 * @example
 * ```text
 * const perChunk = panelsPerChunk(context, rows * depth * units, panels, true);
 * ```
 */
export function panelsPerChunk(context: DenseContext, multiplyAdds: number, panels: number, evenChunks = false): number {
  if (context.executor.threads <= 1 || multiplyAdds < context.parallelThreshold) return panels;
  const whole = Math.max(1, Math.ceil(panels / (context.executor.threads * CHUNKS_PER_THREAD)));
  return evenChunks ? whole + (whole & 1) : whole;
}

/** Copies the bias `[units]` at `biasBlock` into a new block (from `allocate`) of `padded` f32 values, zeros past `units`. */
export function writePaddedBias(heap: WasmHeap, allocate: (bytes: number) => number, biasBlock: number, units: number, padded: number): number {
  const block = allocate(padded * 4);
  const values = heap.f32(block, padded);
  values.set(heap.f32(biasBlock, units));
  values.fill(0, units);
  return block;
}

/** Rows of `padded` floats at `yBlock` -> rows of `units` floats, in place (each row moves left). */
export function compactRows(heap: WasmHeap, yBlock: number, rows: number, units: number, padded: number): void {
  if (padded === units) return;
  const y = heap.f32(yBlock, rows * padded);
  for (let m = 1; m < rows; m++) y.copyWithin(m * units, m * padded, m * padded + units);
}

/**
 * Allocates a dense call's output block (`bytes`) and, unless the call is `empty`, runs
 * `fill` with it and an `allocate` for scratch blocks. The scratch is released when `fill`
 * returns or throws; the output only when it throws. Returns the output block.
 *
 * @example
 * ```text
 * return withDenseOutput(heap, rows * padded * 4, rows * units === 0, (yBlock, allocate) => { ... });
 * ```
 */
export function withDenseOutput(heap: WasmHeap, bytes: number, empty: boolean, fill: (yBlock: number, allocate: (bytes: number) => number) => void): number {
  const yBlock = heap.allocate(bytes);
  if (empty) return yBlock;
  const blocks: number[] = [];
  const allocate = (size: number): number => {
    const block = heap.allocate(size);
    blocks.push(block);
    return block;
  };
  try {
    fill(yBlock, allocate);
  } catch (error) {
    heap.release(yBlock);
    throw error;
  } finally {
    for (const block of blocks) heap.release(block);
  }
  return yBlock;
}
