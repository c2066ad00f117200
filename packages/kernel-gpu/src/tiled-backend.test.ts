import { compareWithReference, FLOAT32_ACCUMULATION } from '@qaxon/kernel-reference/conformance';
import { reshape, type Tensor } from '@qaxon/tensor';
import { describe, expect, it } from 'vitest';
import { createGpuBackend } from './backend.js';
import type { GpuMode } from './modes.js';
import { modeRunsHere } from './test-support/modes-here.js';
import { randomProblem } from './test-support/random-problem.js';

// Tiny limits force tiling of K, of units and of rows, on every mode.
const limits = { maxTextureSize: 8, maxTileElements: 96, maxRowsPerCall: 3 };

const SHAPES: [rows: number, inner: number, units: number][] = [
  [5, 37, 29],
  [1, 20, 70],
  [4, 9, 1],
];

describe.each(['webasm', 'cpu', 'headlessgl'] as GpuMode[])('tiling in %s mode', (mode) => {
  const runs = modeRunsHere(mode);
  it.skipIf(runs !== true)(`matches the reference past every limit ${runs === true ? '' : `[skipped: ${runs}]`}`, async () => {
    const backend = createGpuBackend({ mode, limits });
    try {
      expect(backend.limits).toEqual(limits);
      for (const [index, [rows, inner, units]] of SHAPES.entries()) {
        const { x, quantized, float, bias } = randomProblem(rows, inner, units, 100 + index);
        const x3 = rows % 2 === 0 ? (reshape(x, [2, rows / 2, inner]) as Tensor<'f32'>) : x;
        for (const [kernelName, kernel] of [
          ['quantizedDense', quantized],
          ['dense', float],
        ] as const) {
          const actual =
            kernelName === 'dense' ? await backend.dense(x3, kernel as Tensor<'f32'>, bias) : await backend.quantizedDense(x3, quantized, bias);
          const verdict = compareWithReference({ kernelName, x: x3, kernel, bias, actual, precision: FLOAT32_ACCUMULATION, label: `${kernelName} ${rows}x${inner}x${units}` });
          expect(verdict.message).toBe('');
        }
      }
    } finally {
      backend.dispose();
    }
  }, 60_000);
});
