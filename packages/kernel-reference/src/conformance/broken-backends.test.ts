import type { Backend } from '@qaxon/tensor';
import { describe, expect, it } from 'vitest';
import {
  addUlps,
  dropsLastTerm,
  flattensLeadingAxes,
  ignoresBias,
  ignoresScale,
  ignoresZeroPoints,
  mutatesInput,
  nanAtEnd,
  neverThrows,
  offByUlps,
  rejectsEverything,
} from '../test-support/broken-backends.js';
import { CONFORMANCE_CASES, type ConformanceCase } from './cases.js';
import { FLOAT32_ACCUMULATION } from './precision.js';
import { runConformanceCase } from './run-conformance-case.js';
import type { ConformanceVerdict } from './compare-with-reference.js';

function findCase(kernel: ConformanceCase['kernel'], name: string): ConformanceCase {
  const found = CONFORMANCE_CASES.find((c) => c.kernel === kernel && c.name === name);
  if (found === undefined) throw new Error(`no case ${kernel} "${name}"`);
  return found;
}

async function failingCases(backend: Backend, kernel: ConformanceCase['kernel']): Promise<[ConformanceCase, ConformanceVerdict][]> {
  const failures: [ConformanceCase, ConformanceVerdict][] = [];
  for (const testCase of CONFORMANCE_CASES.filter((c) => c.kernel === kernel)) {
    const verdict = await runConformanceCase(backend, testCase, FLOAT32_ACCUMULATION);
    if (!verdict.ok) failures.push([testCase, verdict]);
  }
  return failures;
}

const SMALL_TENSOR_BIAS = 'small: batch 4, K 5, units 3, rank 2, bias tensor';

describe('the conformance suite catches broken backends', () => {
  it('a quantizedDense that ignores the scale: fails with the first bad index, both values, difference and tolerance', async () => {
    const verdict = await runConformanceCase(ignoresScale, findCase('quantizedDense', SMALL_TENSOR_BIAS), FLOAT32_ACCUMULATION);
    expect(verdict.ok).toBe(false);
    expect(verdict.firstMismatch?.index).toEqual([0, 0]);
    expect(verdict.mismatches).toBe(12);
    const { actual, expected, difference, tolerance } = verdict.firstMismatch!;
    expect(difference).toBe(Math.abs(actual - expected));
    expect(difference).toBeGreaterThan(tolerance);
    expect(verdict.message).toContain(`quantizedDense "${SMALL_TENSOR_BIAS}" on backend "ignores the scale"`);
    expect(verdict.message).toContain('first at [0, 0]');
    expect(verdict.message).toContain(`got ${actual}, expected ${expected}, difference ${difference} > tolerance ${tolerance}`);
    // ... and in every random quantizedDense case of the suite.
    const failures = await failingCases(ignoresScale, 'quantizedDense');
    expect(failures.map(([c]) => c.name)).toContain('K sweep: batch 2, K 8192, units 3, rank 2, bias number');
  });

  it('1000 ULPs off on one element ([1, 2] of a 4x3 output) is caught at exactly that index', async () => {
    for (const kernel of ['dense', 'quantizedDense'] as const) {
      const verdict = await runConformanceCase(offByUlps(1 * 3 + 2), findCase(kernel, SMALL_TENSOR_BIAS), FLOAT32_ACCUMULATION);
      expect(verdict.ok, kernel).toBe(false);
      expect(verdict.mismatches).toBe(1);
      expect(verdict.firstMismatch?.index).toEqual([1, 2]);
      expect(verdict.message).toContain('first at [1, 2]');
    }
  });

  it('but 1 ULP off is within the float32 tolerance (the bound is not tighter than float32 can do)', async () => {
    const verdict = await runConformanceCase(offByUlps(5, 1), findCase('dense', SMALL_TENSOR_BIAS), FLOAT32_ACCUMULATION);
    expect(verdict.message).toBe('');
    expect(addUlps(1, 1)).toBe(1 + 2 ** -23);
  });

  it('a backend that ignores the bias fails the bias cases (bar those where 0.375 is below float32 resolution) and passes the rest', async () => {
    for (const kernel of ['dense', 'quantizedDense'] as const) {
      const failed = new Set((await failingCases(ignoresBias, kernel)).map(([c]) => c.name));
      for (const c of CONFORMANCE_CASES.filter((c) => c.kernel === kernel)) {
        const hasBias = c.invalid === undefined && c.bias !== 'none';
        // It never sees the bias, so it does not refuse an invalid one either.
        if (c.invalid !== undefined) expect(failed.has(c.name), c.name).toBe(c.invalid.includes('bias'));
        else if (!hasBias) expect(failed.has(c.name), `${kernel} ${c.name}`).toBe(false);
        // Where every term is random of size ~1, (K + 2) * 2^-23 * Σ|x w| reaches |bias| ~ 0.4
        // from K = 4096 on, so the worst-case float32 bound may not see a missing bias there;
        // the spikes cases (and every smaller K) do. With inputs of 1e4, 0.375 is below float32
        // resolution of the sum, so no float32 backend could be asked to get it right either.
        else if ((c.inner <= 2047 && c.inputs !== 'large-magnitude') || c.inputs === 'spikes') expect(failed.has(c.name), `${kernel} ${c.name}`).toBe(true);
      }
    }
    const verdict = await runConformanceCase(ignoresBias, findCase('dense', '1x1: batch 1, K 1, units 1, rank 2, bias number'), FLOAT32_ACCUMULATION);
    expect(verdict.firstMismatch?.index).toEqual([0, 0]);
    expect(verdict.firstMismatch!.difference).toBeCloseTo(0.375, 6);
  });

  it('a dense that drops the last term of the reduction is caught at every K, up to 8192 through the spikes cases', async () => {
    const failed = new Set((await failingCases(dropsLastTerm, 'dense')).map(([c]) => c.name));
    for (const inner of [1000, 2047, 4096, 8192]) {
      expect([...failed].some((name) => name.startsWith(`spikes in x: batch 2, K ${inner},`)), `K ${inner}`).toBe(true);
    }
    for (const inner of [1, 2, 3, 4, 5, 7, 8, 15, 16, 17, 31, 33, 63, 64, 65, 127, 255]) {
      expect([...failed].some((name) => name.startsWith(`K sweep: batch 2, K ${inner},`)), `K ${inner}`).toBe(true);
    }
  });

  it('a quantizedDense that ignores zero points fails exactly the nonzero-zero-point cases', async () => {
    const failures = await failingCases(ignoresZeroPoints, 'quantizedDense');
    expect(failures.map(([c]) => c.inputs)).toEqual(['nonzero-zero-points', 'nonzero-zero-points']);
  });

  it('a backend that never throws fails every error case, saying which error was expected', async () => {
    for (const kernel of ['dense', 'quantizedDense'] as const) {
      const errorCases = CONFORMANCE_CASES.filter((c) => c.kernel === kernel && c.invalid !== undefined);
      for (const testCase of errorCases) {
        const verdict = await runConformanceCase(neverThrows, testCase, FLOAT32_ACCUMULATION);
        expect(verdict.ok, testCase.name).toBe(false);
        expect(verdict.message).toMatch(/expected the backend to throw or reject with a (ShapeError|DTypeError|ValueError), but it returned a f32 Tensor/);
      }
    }
  });

  it('a wrong output shape, a written-to input, a NaN and a rejected promise are failures too', async () => {
    const rank3 = findCase('dense', 'rank 3: batch 6, K 12, units 5, rank 3, bias tensor');
    expect((await runConformanceCase(flattensLeadingAxes, rank3, FLOAT32_ACCUMULATION)).message).toContain('expected shape [2, 3, 5], got [6, 5]');

    const mutated = await runConformanceCase(mutatesInput, findCase('quantizedDense', SMALL_TENSOR_BIAS), FLOAT32_ACCUMULATION);
    expect(mutated.message).toMatch(/the backend wrote into its input x at flat index 0/);

    const nan = await runConformanceCase(nanAtEnd, findCase('dense', SMALL_TENSOR_BIAS), FLOAT32_ACCUMULATION);
    expect(nan.firstMismatch?.index).toEqual([3, 2]);
    expect(nan.message).toContain('got NaN');

    const rejected = await runConformanceCase(rejectsEverything, findCase('dense', SMALL_TENSOR_BIAS), FLOAT32_ACCUMULATION);
    expect(rejected.message).toContain('threw Error: shader compile failed');
    // A rejection of the wrong class is not the expected validation error.
    const kMismatch = CONFORMANCE_CASES.find((c) => c.kernel === 'dense' && c.invalid === 'k-mismatch')!;
    expect((await runConformanceCase(rejectsEverything, kMismatch, FLOAT32_ACCUMULATION)).message).toContain(
      'expected the backend to throw or reject with a ShapeError, got Error: shader compile failed',
    );
  });
});
