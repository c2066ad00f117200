/**
 * The gpu.js program of `rope` (rotary position embeddings), one thread per output of
 * `x [batch, sequence, heads · headDim]`. The angles are not computed on the device: the
 * caller passes `cos` and `sin` tables `[position rows, rotaryDim / 2]` computed in float64
 * on the host (GPU `sin`/`cos` of angles up to thousands of radians lose most of their
 * digits), so the device only rotates pairs.
 *
 * @module
 */

/**
 * The sizes and conventions baked into a `rope` program.
 *
 * @example
 * ```ts
 * import type { RopeLayout } from '@qaxon/kernel-gpu/internals';
 * const layout: RopeLayout = { sequence: 7, heads: 4, headDim: 64, rotaryDim: 64, interleaved: false, positionsPerBatch: false };
 * ```
 */
export interface RopeLayout {
  /** Tokens per batch entry. */
  readonly sequence: number;
  /** Heads in the last axis. */
  readonly heads: number;
  /** Floats per head. */
  readonly headDim: number;
  /** Leading floats of each head that rotate (even; the rest pass through). */
  readonly rotaryDim: number;
  /** Pairs `(2i, 2i + 1)` when true, `(i, i + rotaryDim / 2)` (Hugging Face's `rotate_half`) when false. */
  readonly interleaved: boolean;
  /** Whether the tables have a row per `[batch, sequence]` position (else per sequence position). */
  readonly positionsPerBatch: boolean;
}

/**
 * `function rope(x, cos, sin)`: output `t` is entry `c` of its head; for `c < rotaryDim`
 * it is the first (`x1 cos - x2 sin`) or second (`x2 cos + x1 sin`) entry of its pair,
 * read at its token's table row; other entries pass through.
 *
 * @example
 * ```ts
 * import { defaultGpuConstructor as GPU } from '@qaxon/kernel-gpu';
 * import { ropeSource } from '@qaxon/kernel-gpu/internals';
 * const source = ropeSource({ sequence: 1, heads: 1, headDim: 2, rotaryDim: 2, interleaved: true, positionsPerBatch: false });
 * const kernel = new GPU({ mode: 'cpu' }).createKernel(source, { output: [2] });
 * console.log(kernel(Float32Array.from([1, 0]), Float32Array.from([0]), Float32Array.from([1]))); // Float32Array [0, 1]: a quarter turn
 * ```
 */
export function ropeSource(layout: RopeLayout): string {
  const { sequence, heads, headDim, rotaryDim, interleaved, positionsPerBatch } = layout;
  const half = rotaryDim / 2;
  const pair = interleaved
    ? [
        '  const i = Math.floor((c + 0.5) / 2);',
        '  let first = 0;',
        '  let partner = c - 1;',
        '  if (c - 2 * i < 0.5) {',
        '    first = 1;',
        '    partner = c + 1;',
        '  }',
      ]
    : [
        '  let first = 0;',
        `  let i = c - ${half};`,
        `  let partner = c - ${half};`,
        `  if (c < ${half}) {`,
        '    first = 1;',
        '    i = c;',
        `    partner = c + ${half};`,
        '  }',
      ];
  return [
    'function rope(x, cos, sin) {',
    `  const token = Math.floor((this.thread.x + 0.5) / ${heads * headDim});`,
    `  const inRow = this.thread.x - token * ${heads * headDim};`,
    `  const head = Math.floor((inRow + 0.5) / ${headDim});`,
    `  const c = inRow - head * ${headDim};`,
    `  if (c >= ${rotaryDim}) return x[this.thread.x];`,
    ...pair,
    positionsPerBatch ? '  const tableRow = token;' : `  const tableRow = token - Math.floor((token + 0.5) / ${sequence}) * ${sequence};`,
    `  const angleCos = cos[tableRow * ${half} + i];`,
    `  const angleSin = sin[tableRow * ${half} + i];`,
    '  const other = x[this.thread.x - c + partner];',
    '  if (first > 0.5) return x[this.thread.x] * angleCos - other * angleSin;',
    '  return x[this.thread.x] * angleCos + other * angleSin;',
    '}',
  ].join('\n');
}
