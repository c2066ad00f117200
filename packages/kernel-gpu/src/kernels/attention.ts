/**
 * The gpu.js programs of `attention`, run one after the other with every intermediate kept
 * on the device (a texture on GL modes):
 *
 * 1. {@link attentionScoresSource}: `scores [batch, heads, queries, capacity]`, one thread
 *    per (query, key): `scale · Σ_d q_d k_d`, reading key/value head `h / (heads / kvHeads)`;
 * 2. {@link attentionStatsSource}: per score row, the maximum and the sum of
 *    `exp(s - max)` over the keys the query may see;
 * 3. {@link attentionProbabilitiesSource}: `exp(s - max) / sum` for a key the query may
 *    see, 0 for any other;
 * 4. {@link attentionOutputSource}: `Σ_j p_j v_j`, one thread per output
 *    `[batch, queries, heads · headDim]`.
 *
 * A key is seen when `j < keys`, the padding mask (if any) is nonzero at `[b, j]` and, when
 * causal, `j <= keys - queries + i` (so a KV cache works). A query that sees no key gets
 * probabilities 0 and so an output of zeros, as the reference defines it.
 *
 * Every size but `keys` is written into the source as a number; `keys`, `keyRows` (the rows
 * of key, value and mask per batch entry: `keys`, or `capacity` where the host pads them)
 * and `scale` are arguments, and score rows are `capacity` long (`keys` rounded up to a
 * power of two), so the decode steps of a growing KV cache share their programs until
 * `keys` doubles.
 *
 * @module
 */

/**
 * The sizes baked into the attention programs.
 *
 * @example
 * ```ts
 * import type { AttentionLayout } from '@qaxon/kernel-gpu/internals';
 * const layout: AttentionLayout = { queries: 1, heads: 8, kvHeads: 2, headDim: 64, capacity: 128, causal: true, masked: false };
 * ```
 */
export interface AttentionLayout {
  /** Query tokens per batch entry. */
  readonly queries: number;
  /** Query heads. */
  readonly heads: number;
  /** Key/value heads (divides `heads`). */
  readonly kvHeads: number;
  /** Floats per head. */
  readonly headDim: number;
  /** Length of a score row: at least the call's `keys`. */
  readonly capacity: number;
  /** Whether query `i` sees only keys `j <= keys - queries + i`. */
  readonly causal: boolean;
  /** Whether the programs take a padding mask `[batch, keys]` (as floats, 0 = padding). */
  readonly masked: boolean;
}

/**
 * The score-row length for `keys` keys: the next power of two (at least 8).
 *
 * @example
 * ```ts
 * import { attentionCapacity } from '@qaxon/kernel-gpu/internals';
 * console.log(attentionCapacity(129)); // 256
 * ```
 */
export function attentionCapacity(keys: number): number {
  let capacity = 8;
  while (capacity < keys) capacity *= 2;
  return capacity;
}

/** Lines that set `name` to `floor(value / divisor)` and `remainder` to the rest (exact in GL floats below 2^24). */
function divide(value: string, divisor: number, quotient: string, remainder: string): string[] {
  return [`  const ${quotient} = Math.floor((${value} + 0.5) / ${divisor});`, `  const ${remainder} = ${value} - ${quotient} * ${divisor};`];
}

/** Lines that cut score-row thread `t` (`[batch, heads, queries, capacity]`) into `j`, `row`, `i`, `h`, `b`. */
function scoreCoordinates({ queries, heads, capacity }: AttentionLayout): string[] {
  return [
    ...divide('this.thread.x', capacity, 'row', 'j'),
    ...divide('row', queries, 'headRow', 'i'),
    ...divide('headRow', heads, 'b', 'h'),
  ];
}

/**
 * `const seen = ...`: how many keys query `i` may see before the mask, `keys` or, when
 * causal, `min(keys, keys - queries + i + 1)` (loops over `j` stop there).
 */
function seenKeys({ queries, causal }: AttentionLayout): string {
  return causal ? `  const seen = Math.min(keys, keys - ${queries} + i + 1);` : '  const seen = keys;';
}

/** `if (<masked at b, j>) <then>`, or nothing without a mask. */
function skipMasked({ masked }: AttentionLayout, indent: string, then: string): string[] {
  return masked ? [`${indent}if (mask[b * keyRows + j] < 0.5) ${then}`] : [];
}

/**
 * `dot += query[qStart + d] * key[kStart + d]` over `d < headDim`, 4 products per loop step
 * (gpu.js's WebAssembly backend runs that about twice as fast) and the rest after the loop.
 */
function unrolledDot(headDim: number): string[] {
  const unrolled = headDim - (headDim % 4);
  const lines: string[] = [];
  if (unrolled > 0) {
    const terms = ['d', 'd + 1', 'd + 2', 'd + 3'].map((at) => `query[qStart + ${at}] * key[kStart + ${at}]`);
    lines.push(`  for (let d = 0; d < ${unrolled}; d += 4) {`, `    dot += ${terms.join(' + ')};`, '  }');
  }
  for (let d = unrolled; d < headDim; d++) lines.push(`  dot += query[qStart + ${d}] * key[kStart + ${d}];`);
  return lines;
}

/**
 * Program 1, `function attentionScores(query, key, keys, keyRows, scale)`, 1D output
 * `batch · heads · queries · capacity`: `scale · q·k` for `j < keys`, 0 in the padding of
 * each row (masks are applied by the next programs).
 *
 * @example
 * ```ts
 * import { attentionScoresSource } from '@qaxon/kernel-gpu/internals';
 * const source = attentionScoresSource({ queries: 2, heads: 1, kvHeads: 1, headDim: 4, capacity: 8, causal: false, masked: false });
 * console.log(source.startsWith('function attentionScores(query, key, keys, keyRows, scale)')); // true
 * ```
 */
export function attentionScoresSource(layout: AttentionLayout): string {
  const { queries, heads, kvHeads, headDim } = layout;
  const group = heads / kvHeads;
  return [
    'function attentionScores(query, key, keys, keyRows, scale) {',
    ...scoreCoordinates(layout),
    '  if (j >= keys) return 0;',
    `  const kvHead = Math.floor((h + 0.5) / ${group});`,
    `  const qStart = (b * ${queries} + i) * ${heads * headDim} + h * ${headDim};`,
    `  const kStart = (b * keyRows + j) * ${kvHeads * headDim} + kvHead * ${headDim};`,
    '  let dot = 0;',
    ...unrolledDot(headDim),
    '  return dot * scale;',
    '}',
  ].join('\n');
}

/**
 * Program 2, `function attentionStats(scores, keys, keyRows[, mask])`, 1D output
 * `2 · batch · heads · queries`: thread `2r` writes the maximum of row `r`'s seen scores,
 * thread `2r + 1` the sum of `exp(s - max)` over them (both 0 when the query sees no key).
 *
 * @example
 * ```ts
 * import { attentionStatsSource } from '@qaxon/kernel-gpu/internals';
 * const source = attentionStatsSource({ queries: 2, heads: 1, kvHeads: 1, headDim: 4, capacity: 8, causal: true, masked: true });
 * console.log(source.startsWith('function attentionStats(scores, keys, keyRows, mask)')); // true
 * ```
 */
export function attentionStatsSource(layout: AttentionLayout): string {
  const { queries, heads, capacity, masked } = layout;
  return [
    `function attentionStats(scores, keys, keyRows${masked ? ', mask' : ''}) {`,
    ...divide('this.thread.x', 2, 'row', 'which'),
    ...divide('row', queries, 'headRow', 'i'),
    `  const b = Math.floor((headRow + 0.5) / ${heads});`,
    `  const start = row * ${capacity};`,
    seenKeys(layout),
    '  let top = 0;',
    '  let found = 0;',
    `  for (let j = 0; j < ${capacity}; j++) {`,
    '    if (j >= seen) break;',
    ...skipMasked(layout, '    ', 'continue;'),
    '    const s = scores[start + j];',
    '    if (found < 0.5 || s > top) top = s;',
    '    found = 1;',
    '  }',
    '  if (which < 0.5) return top;',
    '  let total = 0;',
    `  for (let j = 0; j < ${capacity}; j++) {`,
    '    if (j >= seen) break;',
    ...skipMasked(layout, '    ', 'continue;'),
    '    total += Math.exp(scores[start + j] - top);',
    '  }',
    '  return total;',
    '}',
  ].join('\n');
}

/**
 * Program 3, `function attentionProbabilities(scores, stats, keys, keyRows[, mask])`, 1D output like
 * the scores': `exp(s - max) / sum` for a seen key, 0 for any other.
 *
 * @example
 * ```ts
 * import { attentionProbabilitiesSource } from '@qaxon/kernel-gpu/internals';
 * const source = attentionProbabilitiesSource({ queries: 2, heads: 1, kvHeads: 1, headDim: 4, capacity: 8, causal: false, masked: false });
 * console.log(source.includes('Math.exp')); // true
 * ```
 */
export function attentionProbabilitiesSource(layout: AttentionLayout): string {
  return [
    `function attentionProbabilities(scores, stats, keys, keyRows${layout.masked ? ', mask' : ''}) {`,
    ...scoreCoordinates(layout),
    seenKeys(layout),
    '  if (j >= seen) return 0;',
    ...skipMasked(layout, '  ', 'return 0;'),
    '  return Math.exp(scores[this.thread.x] - stats[2 * row]) / stats[2 * row + 1];',
    '}',
  ].join('\n');
}

/**
 * Program 4, `function attentionOutput(probabilities, value, keys, keyRows[, mask])`, 1D output
 * `batch · queries · heads · headDim` (the query's layout): `Σ_j p_j v_j` over the keys
 * the query sees (others are skipped, not multiplied by 0, so a non-finite value there
 * does not leak in). With `unrolled` (for modes whose kernels read host arrays) it takes
 * no mask and sums 4 keys per loop step up to the causal limit, which gpu.js's WebAssembly
 * backend runs about twice as fast: the caller zeroes the values of masked keys instead.
 *
 * @example
 * ```ts
 * import { attentionOutputSource } from '@qaxon/kernel-gpu/internals';
 * const source = attentionOutputSource({ queries: 2, heads: 2, kvHeads: 1, headDim: 4, capacity: 8, causal: true, masked: false });
 * console.log(source.startsWith('function attentionOutput(probabilities, value, keys, keyRows)')); // true
 * ```
 */
export function attentionOutputSource(layout: AttentionLayout, unrolled = false): string {
  const { queries, heads, kvHeads, headDim, capacity, masked } = layout;
  const group = heads / kvHeads;
  const width = kvHeads * headDim;
  const term = (j: string): string => `probabilities[pStart + ${j}] * value[vStart + (${j}) * ${width}]`;
  const loop = unrolled
    ? [
        '  let next = 0;',
        `  for (let j = 0; j < ${capacity}; j += 4) {`,
        '    if (j + 4 > seen) break;',
        `    sum += ${['j', 'j + 1', 'j + 2', 'j + 3'].map(term).join(' + ')};`,
        '    next = j + 4;',
        '  }',
        '  for (let t = 0; t < 3; t++) {',
        '    if (next + t >= seen) break;',
        `    sum += ${term('next + t')};`,
        '  }',
      ]
    : [
        `  for (let j = 0; j < ${capacity}; j++) {`,
        '    if (j >= seen) break;',
        ...skipMasked(layout, '    ', 'continue;'),
        `    sum += ${term('j')};`,
        '  }',
      ];
  return [
    `function attentionOutput(probabilities, value, keys, keyRows${masked && !unrolled ? ', mask' : ''}) {`,
    ...divide('this.thread.x', headDim, 'headRow', 'd'),
    ...divide('headRow', heads, 'token', 'h'),
    ...divide('token', queries, 'b', 'i'),
    `  const kvHead = Math.floor((h + 0.5) / ${group});`,
    `  const pStart = ((b * ${heads} + h) * ${queries} + i) * ${capacity};`,
    `  const vStart = b * keyRows * ${width} + kvHead * ${headDim} + d;`,
    seenKeys(layout),
    '  let sum = 0;',
    ...loop,
    '  return sum;',
    '}',
  ].join('\n');
}
