/**
 * The functions the kernel module exports (see `asm/index.ts`). Pointers are byte offsets
 * into the module's memory.
 *
 * @example
 * ```text
 * const exports = instance.exports as unknown as KernelExports;
 * exports.runChunk(job, 0, 0);
 * ```
 */
export interface KernelExports {
  /**
   * Packs `rowCount` rows of row-major int8 `[., columns]` at `source` as rows `firstRow ..`
   * of the 16-column panels (of `depth` rows) at `target`, minus zero points (0: none).
   */
  packS8(source: number, firstRow: number, rowCount: number, depth: number, columns: number, zeroPoints: number, target: number): void;
  /** The same for f32 weights. */
  packF32(source: number, firstRow: number, rowCount: number, depth: number, columns: number, target: number): void;
  /** Packs `pairCount` byte rows of packed s4 weights `[., columns]` at `source` as pair rows `firstPair ..` of the s4 panels (of `pairs` pair rows) at `target` (asm/gemv-s4.ts). */
  packS4(source: number, firstPair: number, pairCount: number, pairs: number, columns: number, target: number): void;
  /** Quantizes rows of f32 x to int8 held as i16 rows of `2 * ceil(depth / 2)` values, one f32 scale per row (asm/dense-w8a8.ts). */
  quantizeRowsW8A8(x: number, rows: number, depth: number, xq: number, rowScales: number): void;
  /** Bytes of the copy of x the W8A8 GEMM reads after xq, for `rows` >= W8A8_GEMM_MIN_ROWS (asm/dense-w8a8.ts). */
  gemmRowsBytesW8A8(rows: number, depth: number): number;
  /** Writes that copy at `out` from xq (packed in groups of 5 rows, or split in 7-bit halves in a relaxed-SIMD module). */
  prepareGemmRowsW8A8(xq: number, rows: number, depth: number, out: number): void;
  /** Rows from which a W8A8 call runs the GEMM (fewer: two rows at a time per panel, on xq alone). */
  W8A8_GEMM_MIN_ROWS: WebAssembly.Global;
  /** Runs chunk `chunk` of the job at `job` on thread `thread` (scratch slot). */
  runChunk(job: number, chunk: number, thread: number): void;
  /** Fused attention (asm/attention.ts); `mask` 0 for none, `scores` a scratch row of `keys` floats rounded up to 4; causal 0 or 1. */
  attentionF32(
    q: number,
    k: number,
    v: number,
    mask: number,
    out: number,
    scores: number,
    batch: number,
    queries: number,
    keys: number,
    heads: number,
    kvHeads: number,
    headDim: number,
    scale: number,
    causal: number,
  ): void;
  /** Rotary embeddings (asm/rope.ts): f64 `cos`/`sin` tables of `rotaryDim / 2` per row, row r reading table row r % tableRows; interleaved 0 or 1. */
  /** layerNorm over rows of `width` floats in float64 (asm/norms.ts); gamma/beta 0 when absent. */
  layerNormF64(x: number, gamma: number, beta: number, out: number, rows: number, width: number, epsilon: number): void;
  /** rmsNorm over rows of `width` floats in float64; gamma 0 when absent. */
  rmsNormF64(x: number, gamma: number, out: number, rows: number, width: number, epsilon: number): void;
  /** out[i] = activation(x[i]) for i < count (asm/activations.ts; `activation` one of its exported ACTIVATION_ codes). */
  activationF32(activation: number, x: number, out: number, count: number): void;
  /** out = full op row (row op full when rowFirst is 1), `row` of `width` floats repeated (asm/elementwise.ts; `op` one of its BINARY_ codes). */
  binaryF32(op: number, full: number, row: number, out: number, count: number, width: number, rowFirst: number): void;
  /** softmax (log 0) or logSoftmax (log 1) along rows of `width` floats (asm/softmax.ts). */
  softmaxRowsF32(x: number, out: number, rows: number, width: number, log: number): void;
  /** One matrix product C = A · B (asm/mat-mul.ts): A (i, kk) at a + i·aRow + kk·aColumn bytes, B and C row-major. */
  matMulF32(a: number, aRow: number, aColumn: number, b: number, c: number, m: number, k: number, n: number): void;
  /** `[n, k]` row-major at `source` transposed into `[k, n]` at `target`. */
  transposeF32(source: number, target: number, n: number, k: number): void;
  ropeF64(x: number, out: number, cos: number, sin: number, rows: number, tableRows: number, heads: number, headDim: number, rotaryDim: number, interleaved: number): void;
}

/**
 * Byte offsets of the fields of a job block and the module's constants, read from the
 * module's exported globals so the AssemblyScript side is their one definition.
 *
 * @example
 * ```text
 * const layout = readJobLayout(instance.exports);
 * view.setInt32(job + layout.rows, 64, true);
 * ```
 */
export interface JobLayout {
  /** i32 bumped by the caller to wake worker threads. */
  generation: number;
  /** i32 set to 1 to make worker threads exit. */
  stop: number;
  /** i32 counter of the next chunk to claim. */
  nextChunk: number;
  /** i32 number of chunks of the current job. */
  chunkCount: number;
  /** i32 number of chunks finished. */
  doneChunks: number;
  /** i32 set to 1 by a worker thread whose chunk threw. */
  failed: number;
  /** i32 operation code ({@link JobLayout.denseS8} or {@link JobLayout.denseF32}). */
  operation: number;
  /** Pointer to x `[rows][depth]` f32. */
  x: number;
  /** Rows of x. */
  rows: number;
  /** The reduced axis `K`. */
  depth: number;
  /** Pointer to the packed weights. */
  weights: number;
  /** Number of 16-column panels. */
  panels: number;
  /** Panels per chunk. */
  panelsPerChunk: number;
  /** Pointer to the output `[rows][panels * 16]` f32. */
  y: number;
  /** Bytes per output row. */
  yStride: number;
  /** Pointer to the scratch of thread 0 (thread t uses `scratch + t * scratchBytes`). */
  scratch: number;
  /** Pointer to per-column f32 scales, 0 for none. */
  scale: number;
  /** Pointer to per-column f32 biases, 0 for none. */
  bias: number;
  /** Pointer to per-column f32 zero points still to subtract, 0 for none. */
  zeroPoints: number;
  /** Pointer to per-row f32 sums of x (used with zero points). */
  rowSums: number;
  /** Bytes of a job block. */
  bytes: number;
  /** Operation code of the int8 dense. */
  denseS8: number;
  /** Operation code of the f32 dense. */
  denseF32: number;
  /** Operation code of the s4 dense (asm/dense-s4.ts). */
  denseS4: number;
  /** Operation code of the W8A8 dense (asm/dense-w8a8.ts). */
  denseW8A8: number;
  /** Bytes of scratch each thread needs. */
  scratchBytes: number;
  /** Columns per panel (16). */
  panelWidth: number;
}

const GLOBAL_NAMES: Record<keyof JobLayout, string> = {
  generation: 'JOB_GENERATION',
  stop: 'JOB_STOP',
  nextChunk: 'JOB_NEXT_CHUNK',
  chunkCount: 'JOB_CHUNK_COUNT',
  doneChunks: 'JOB_DONE_CHUNKS',
  failed: 'JOB_FAILED',
  operation: 'JOB_OPERATION',
  x: 'JOB_X',
  rows: 'JOB_ROWS',
  depth: 'JOB_DEPTH',
  weights: 'JOB_WEIGHTS',
  panels: 'JOB_PANELS',
  panelsPerChunk: 'JOB_PANELS_PER_CHUNK',
  y: 'JOB_Y',
  yStride: 'JOB_Y_STRIDE',
  scratch: 'JOB_SCRATCH',
  scale: 'JOB_SCALE',
  bias: 'JOB_BIAS',
  zeroPoints: 'JOB_ZERO_POINTS',
  rowSums: 'JOB_ROW_SUMS',
  bytes: 'JOB_BYTES',
  denseS8: 'OPERATION_DENSE_S8',
  denseF32: 'OPERATION_DENSE_F32',
  denseS4: 'OPERATION_DENSE_S4',
  denseW8A8: 'OPERATION_DENSE_W8A8',
  scratchBytes: 'SCRATCH_BYTES',
  panelWidth: 'PANEL_WIDTH',
};

/**
 * Reads the {@link JobLayout} from a kernel module instance's exported globals.
 *
 * @example
 * ```text
 * const layout = readJobLayout(instance.exports);
 * console.log(layout.panelWidth); // 16
 * ```
 */
export function readJobLayout(exports: WebAssembly.Exports): JobLayout {
  const layout = {} as JobLayout;
  for (const [key, name] of Object.entries(GLOBAL_NAMES) as [keyof JobLayout, string][]) {
    const global = exports[name];
    if (!(global instanceof WebAssembly.Global)) {
      throw new Error(`@qaxon/kernel-wasm: the kernel module does not export the global ${name}; rebuild with scripts/build-wasm.mjs`);
    }
    layout[key] = Number(global.value);
  }
  return layout;
}
