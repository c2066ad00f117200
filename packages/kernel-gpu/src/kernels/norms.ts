/**
 * The gpu.js programs of `rmsNorm` and `layerNorm` over the last axis (of `width`), in two
 * passes whose intermediate stays on the device: a statistics program with one thread per
 * row (per row and statistic for `layerNorm`), then an apply program with one thread per
 * output. Sums are float32, in the reference's order; `eps` is an argument.
 *
 * @module
 */

/** `sum += <term(k)>` over `k < width`, 4 terms per loop step, the rest after the loop. */
function rowSum(width: number, term: (k: string) => string): string[] {
  const unrolled = width - (width % 4);
  const lines: string[] = [];
  if (unrolled > 0) {
    lines.push(`  for (let k = 0; k < ${unrolled}; k += 4) {`, `    sum += ${['k', 'k + 1', 'k + 2', 'k + 3'].map(term).join(' + ')};`, '  }');
  }
  for (let k = unrolled; k < width; k++) lines.push(`  sum += ${term(String(k))};`);
  return lines;
}

/**
 * `function rmsNormStats(x, eps)`, one thread per row: `1 / sqrt(Σ x² / width + eps)`.
 *
 * @example
 * ```ts
 * import { defaultGpuConstructor as GPU } from '@qaxon/kernel-gpu';
 * import { rmsNormStatsSource } from '@qaxon/kernel-gpu/internals';
 * const kernel = new GPU({ mode: 'cpu' }).createKernel(rmsNormStatsSource(2), { output: [1] });
 * console.log(kernel(Float32Array.from([3, 4]), 0)); // Float32Array [~0.2828]: 1 / sqrt(12.5)
 * ```
 */
export function rmsNormStatsSource(width: number): string {
  return [
    'function rmsNormStats(x, eps) {',
    `  const start = this.thread.x * ${width};`,
    '  let sum = 0;',
    ...rowSum(width, (k) => `x[start + ${k}] * x[start + ${k}]`),
    `  return 1 / Math.sqrt(sum / ${width} + eps);`,
    '}',
  ].join('\n');
}

/**
 * `function layerNormStats(x, eps)`, two threads per row: thread `2r` writes row `r`'s
 * mean, thread `2r + 1` its `1 / sqrt(variance + eps)` (variance from a second pass over
 * `x - mean`).
 *
 * @example
 * ```ts
 * import { layerNormStatsSource } from '@qaxon/kernel-gpu/internals';
 * console.log(layerNormStatsSource(8).startsWith('function layerNormStats(x, eps)')); // true
 * ```
 */
export function layerNormStatsSource(width: number): string {
  return [
    'function layerNormStats(x, eps) {',
    '  const row = Math.floor((this.thread.x + 0.5) / 2);',
    '  const which = this.thread.x - row * 2;',
    `  const start = row * ${width};`,
    '  let sum = 0;',
    ...rowSum(width, (k) => `x[start + ${k}]`),
    `  const mean = sum / ${width};`,
    '  if (which < 0.5) return mean;',
    '  sum = 0;',
    ...rowSum(width, (k) => `(x[start + ${k}] - mean) * (x[start + ${k}] - mean)`),
    `  return 1 / Math.sqrt(sum / ${width} + eps);`,
    '}',
  ].join('\n');
}

/**
 * The apply program, one thread per output `[rows, width]`: `rmsNorm`
 * `function rmsNormApply(x, stats[, gamma])` writes `x · stats[row] (· gamma)`; `layerNorm`
 * `function layerNormApply(x, stats[, gamma][, beta])` writes
 * `(x - stats[2 row]) · stats[2 row + 1] (· gamma) (+ beta)`.
 *
 * @example
 * ```ts
 * import { normApplySource } from '@qaxon/kernel-gpu/internals';
 * console.log(normApplySource('layerNorm', 8, true, false).startsWith('function layerNormApply(x, stats, gamma)')); // true
 * ```
 */
export function normApplySource(op: 'rmsNorm' | 'layerNorm', width: number, gamma: boolean, beta: boolean): string {
  const parameters = ['x', 'stats', ...(gamma ? ['gamma'] : []), ...(beta && op === 'layerNorm' ? ['beta'] : [])];
  const centred = op === 'layerNorm' ? '(x[this.thread.x] - stats[2 * row]) * stats[2 * row + 1]' : 'x[this.thread.x] * stats[row]';
  const scaled = gamma ? `${centred} * gamma[i]` : centred;
  const shifted = beta && op === 'layerNorm' ? `${scaled} + beta[i]` : scaled;
  return [
    `function ${op}Apply(${parameters.join(', ')}) {`,
    `  const row = Math.floor((this.thread.x + 0.5) / ${width});`,
    `  const i = this.thread.x - row * ${width};`,
    `  return ${shifted};`,
    '}',
  ].join('\n');
}
