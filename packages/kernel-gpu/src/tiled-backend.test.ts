import { KernelUnsupportedError, reshape, runOp } from '@qaxon/tensor';
import { describe, expect, it } from 'vitest';
import { createGpuBackend } from './backend.js';
import type { GpuMode } from './modes.js';
import { expectMatchesReference } from './test-support/match-reference.js';
import { modeRunsHere } from './test-support/modes-here.js';
import { randomProblem } from './test-support/random-problem.js';

// Tiny limits force tiling of K, of units and of rows.
const limits = { maxTextureSize: 8, maxTileElements: 96, maxRowsPerCall: 3 };

const SHAPES: [rows: number, inner: number, units: number][] = [
  [5, 37, 29],
  [1, 20, 70],
  [4, 9, 1],
];

describe.each(['webasm', 'cpu'] as GpuMode[])('tiling in %s mode', (mode) => {
  it('matches the reference past every limit', async () => {
    const backend = createGpuBackend({ mode, limits });
    try {
      expect(backend.limits).toEqual(limits);
      for (const [index, [rows, inner, units]] of SHAPES.entries()) {
        const { x, quantized, float, bias } = randomProblem(rows, inner, units, 100 + index);
        const x3 = rows % 2 === 0 ? reshape(x, [2, rows / 2, inner]) : x;
        await expectMatchesReference(backend, 'quantizedDense', { x: x3, kernel: quantized, bias }, {});
        await expectMatchesReference(backend, 'dense', { x: x3, kernel: float, bias }, {});
      }
    } finally {
      backend.dispose();
    }
  }, 60_000);
});

const gl = modeRunsHere('headlessgl');
describe('GL modes and weights over the texture limits', () => {
  it.skipIf(gl !== true)(`refuse them with KernelUnsupportedError, so the op falls back ${gl === true ? '' : `[skipped: ${gl}]`}`, async () => {
    const backend = createGpuBackend({ mode: 'headlessgl', limits });
    try {
      const { x, quantized, float } = randomProblem(5, 37, 29, 7);
      const refused = runOp(backend, 'quantizedDense', { x, kernel: quantized }, {});
      await expect(refused).rejects.toThrow(KernelUnsupportedError);
      await expect(runOp(backend, 'dense', { x, kernel: float }, {})).rejects.toThrow(/needs \d+ textures on gpu\.js:headlessgl/);
      // One that fits still runs.
      const small = randomProblem(2, 6, 8, 8);
      await expectMatchesReference(backend, 'quantizedDense', { x: small.x, kernel: small.quantized, bias: small.bias }, {});
    } finally {
      backend.dispose();
    }
  }, 60_000);
});
