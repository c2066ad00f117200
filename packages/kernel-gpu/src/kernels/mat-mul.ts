/**
 * The gpu.js program of batched `matMul`: one thread per output `[...batch, m, n]`, read
 * flat in row-major order, summing `a[row][i] * b[i][column]` over `i < k` in float32. The
 * sizes, the transposes and the batch axes' broadcast strides are written into the source
 * as numbers (GL loops need constant bounds), so each shape has its own program.
 *
 * @module
 */

/**
 * The layout of one `matMul` call: the output's batch axes, `m`, `k`, `n`, the transposes,
 * and for each batch axis the stride (in matrices) of `a` and of `b` along it (0 where the
 * input broadcasts that axis).
 *
 * @example
 * ```ts
 * import type { MatMulLayout } from '@qaxon/kernel-gpu/internals';
 * // [2, 3, 4] · [4, 5]: b is shared by both matrices of a.
 * const layout: MatMulLayout = { batchShape: [2], aStrides: [1], bStrides: [0], m: 3, k: 4, n: 5, transposeA: false, transposeB: false };
 * ```
 */
export interface MatMulLayout {
  /** The output's batch axes (broadcast from both inputs'). */
  readonly batchShape: readonly number[];
  /** Per batch axis, how many matrices of `a` one step along it skips (0: broadcast). */
  readonly aStrides: readonly number[];
  /** Per batch axis, how many matrices of `b` one step along it skips (0: broadcast). */
  readonly bStrides: readonly number[];
  /** Output rows. */
  readonly m: number;
  /** The reduced length. */
  readonly k: number;
  /** Output columns. */
  readonly n: number;
  /** `a` is stored `[k, m]`. */
  readonly transposeA: boolean;
  /** `b` is stored `[n, k]`. */
  readonly transposeB: boolean;
}

/**
 * The gpu.js program `function matMul(a, b)` for `layout`, to run with a 1D output of
 * `batches * m * n` threads. Output index `t` is cut into column, row and batch
 * coordinates (`Math.floor((t + 0.5) / size)`, exact for indices below 2^24 in GL floats),
 * the batch coordinates into the offsets of the two matrices.
 *
 * @example
 * ```ts
 * import { defaultGpuConstructor as GPU } from '@qaxon/kernel-gpu';
 * import { matMulSource } from '@qaxon/kernel-gpu/internals';
 * const source = matMulSource({ batchShape: [], aStrides: [], bStrides: [], m: 1, k: 2, n: 2, transposeA: false, transposeB: false });
 * const kernel = new GPU({ mode: 'cpu' }).createKernel(source, { output: [2] });
 * console.log(kernel(Float32Array.from([1, 2]), Float32Array.from([1, 2, 3, 4]))); // Float32Array [7, 10]
 * ```
 */
export function matMulSource(layout: MatMulLayout): string {
  const { batchShape, aStrides, bStrides, m, k, n, transposeA, transposeB } = layout;
  const lines = [
    `  const rowsAbove = Math.floor((this.thread.x + 0.5) / ${n});`,
    `  const column = this.thread.x - rowsAbove * ${n};`,
    `  let rest = Math.floor((rowsAbove + 0.5) / ${m});`,
    `  const row = rowsAbove - rest * ${m};`,
    '  let aMatrix = 0;',
    '  let bMatrix = 0;',
  ];
  for (let axis = batchShape.length - 1; axis >= 0; axis--) {
    const length = batchShape[axis]!;
    if (length === 1) continue;
    lines.push(`  const q${axis} = Math.floor((rest + 0.5) / ${length});`);
    lines.push(`  const c${axis} = rest - q${axis} * ${length};`);
    if (aStrides[axis] !== 0) lines.push(`  aMatrix += c${axis} * ${aStrides[axis]};`);
    if (bStrides[axis] !== 0) lines.push(`  bMatrix += c${axis} * ${bStrides[axis]};`);
    lines.push(`  rest = q${axis};`);
  }
  lines.push(`  const aStart = aMatrix * ${m * k} + ${transposeA ? 'row' : `row * ${k}`};`);
  lines.push(`  const bStart = bMatrix * ${k * n} + ${transposeB ? `column * ${k}` : 'column'};`);
  lines.push('  let sum = 0;');
  lines.push(`  for (let i = 0; i < ${k}; i++) {`);
  lines.push(`    sum += a[aStart + ${transposeA ? `i * ${m}` : 'i'}] * b[bStart + ${transposeB ? 'i' : `i * ${n}`}];`);
  lines.push('  }');
  lines.push('  return sum;');
  return `function matMul(a, b) {\n${lines.join('\n')}\n}`;
}

/**
 * The gpu.js program `function matMulRows(a, b)` for `layout` on modes whose kernels read
 * host arrays (WebAssembly, WebGPU, CPU): a 2D output `[n, batches * m]` (thread `x` the
 * column, `y` the batch and row), which gpu.js's WebAssembly backend runs about twice as
 * fast as the 1D {@link matMulSource}, and the loop over `k` unrolled 4 times.
 *
 * @example
 * ```ts
 * import { defaultGpuConstructor as GPU } from '@qaxon/kernel-gpu';
 * import { matMulRowsSource } from '@qaxon/kernel-gpu/internals';
 * const source = matMulRowsSource({ batchShape: [], aStrides: [], bStrides: [], m: 1, k: 2, n: 2, transposeA: false, transposeB: true });
 * const kernel = new GPU({ mode: 'cpu' }).createKernel(source, { output: [2, 1] });
 * console.log(kernel(Float32Array.from([1, 2]), Float32Array.from([1, 3, 2, 4]))); // [Float32Array [7, 10]]
 * ```
 */
export function matMulRowsSource(layout: MatMulLayout): string {
  const { batchShape, aStrides, bStrides, m, k, n, transposeA, transposeB } = layout;
  const lines = [
    `  let rest = Math.floor((this.thread.y + 0.5) / ${m});`,
    `  const row = this.thread.y - rest * ${m};`,
    '  let aMatrix = 0;',
    '  let bMatrix = 0;',
  ];
  for (let axis = batchShape.length - 1; axis >= 0; axis--) {
    const length = batchShape[axis]!;
    if (length === 1) continue;
    lines.push(`  const q${axis} = Math.floor((rest + 0.5) / ${length});`);
    lines.push(`  const c${axis} = rest - q${axis} * ${length};`);
    if (aStrides[axis] !== 0) lines.push(`  aMatrix += c${axis} * ${aStrides[axis]};`);
    if (bStrides[axis] !== 0) lines.push(`  bMatrix += c${axis} * ${bStrides[axis]};`);
    lines.push(`  rest = q${axis};`);
  }
  const aStep = transposeA ? m : 1;
  const bStep = transposeB ? 1 : n;
  const at = (offset: string): string => `a[s + ${aStep === 1 ? offset : `(${offset}) * ${aStep}`}]`;
  const bt = (offset: string): string => `b[t + ${bStep === 1 ? offset : `(${offset}) * ${bStep}`}]`;
  const unrolled = k - (k % 4);
  lines.push(`  const s = aMatrix * ${m * k} + ${transposeA ? 'row' : `row * ${k}`};`);
  lines.push(`  const t = bMatrix * ${n * k} + ${transposeB ? `this.thread.x * ${k}` : 'this.thread.x'};`);
  lines.push('  let sum = 0;');
  if (unrolled > 0) {
    const terms = ['i', 'i + 1', 'i + 2', 'i + 3'].map((offset) => `${at(offset)} * ${bt(offset)}`);
    lines.push(`  for (let i = 0; i < ${unrolled}; i += 4) {`);
    lines.push(`    sum += ${terms.join(' + ')};`);
    lines.push('  }');
  }
  for (let i = unrolled; i < k; i++) lines.push(`  sum += ${at(String(i))} * ${bt(String(i))};`);
  lines.push('  return sum;');
  return `function matMulRows(a, b) {\n${lines.join('\n')}\n}`;
}
