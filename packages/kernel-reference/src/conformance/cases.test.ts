import type { QTensor} from '@qaxon/tensor';
import { Tensor } from '@qaxon/tensor';
import { describe, expect, it } from 'vitest';
import { CONFORMANCE_CASES } from './cases.js';
import { buildConformanceInputs, conformanceInputShape } from './inputs.js';

const valid = CONFORMANCE_CASES.filter((c) => c.invalid === undefined);

describe('CONFORMANCE_CASES', () => {
  it('has unique names per kernel and the same shapes for both kernels', () => {
    for (const kernel of ['dense', 'quantizedDense'] as const) {
      const names = CONFORMANCE_CASES.filter((c) => c.kernel === kernel).map((c) => c.name);
      expect(new Set(names).size).toBe(names.length);
    }
    const shapesOf = (kernel: string) => valid.filter((c) => c.kernel === kernel && c.inputs !== 'nonzero-zero-points').map((c) => c.name);
    expect(shapesOf('dense')).toEqual(shapesOf('quantizedDense'));
  });

  it('covers what the issue asks for, for each kernel', () => {
    for (const kernel of ['dense', 'quantizedDense'] as const) {
      const cases = valid.filter((c) => c.kernel === kernel);
      const has = (predicate: (c: (typeof cases)[number]) => boolean) => expect(cases.some(predicate)).toBe(true);
      has((c) => c.batch === 1 && c.inner === 1 && c.units === 1);
      has((c) => c.inner % 4 !== 0);
      has((c) => c.inner % 16 !== 0 && c.inner > 16);
      has((c) => c.units % 4 !== 0);
      has((c) => c.batch === 1);
      has((c) => c.batch === 64);
      has((c) => c.rank === 1);
      has((c) => c.rank === 3);
      for (const bias of ['tensor', 'number', 'none'] as const) has((c) => c.bias === bias);
      for (const inputs of ['zero-columns', 'epsilon-scales', 'epsilon-scales-random-values', 'int8-extremes', 'large-magnitude', 'spikes', 'cancelling'] as const) {
        has((c) => c.inputs === inputs);
      }
      expect(Math.min(...cases.map((c) => c.inner))).toBe(1);
      expect(Math.max(...cases.map((c) => c.inner))).toBe(8192);
      // Large K only with small batch and units, so the suite stays fast.
      for (const c of cases) expect(c.batch * c.inner * c.units).toBeLessThanOrEqual(64 * 256 * 64);
      const errors = CONFORMANCE_CASES.filter((c) => c.kernel === kernel && c.invalid !== undefined).map((c) => c.invalid);
      expect(errors).toEqual(expect.arrayContaining(['k-mismatch', 'bias-length', 'x-dtype', 'rank-0-x', 'kernel-not-a-tensor', 'string-bias', 'nan-bias']));
    }
    expect(valid.filter((c) => c.inputs === 'nonzero-zero-points').every((c) => c.kernel === 'quantizedDense')).toBe(true);
  });

  it('is frozen', () => {
    expect(Object.isFrozen(CONFORMANCE_CASES)).toBe(true);
    expect(Object.isFrozen(CONFORMANCE_CASES[0])).toBe(true);
  });
});

describe('buildConformanceInputs', () => {
  it('builds inputs of the declared shapes and kinds, deterministically', () => {
    for (const testCase of valid) {
      const { x, kernel, bias } = buildConformanceInputs(testCase);
      expect(x).toBeInstanceOf(Tensor);
      expect((x as Tensor).shape).toEqual(conformanceInputShape(testCase));
      expect((x as Tensor).size).toBe(testCase.batch * testCase.inner);
      if (testCase.kernel === 'dense') expect((kernel as Tensor).shape).toEqual([testCase.inner, testCase.units]);
      else expect((kernel as QTensor).shape).toEqual([testCase.inner, testCase.units]);
      if (testCase.bias === 'none') expect(bias).toBeUndefined();
      else if (testCase.bias === 'number') expect(typeof bias).toBe('number');
      else expect((bias as Tensor).shape).toEqual([testCase.units]);
    }
    const again = buildConformanceInputs(valid[5]!);
    expect([...(again.x as Tensor).data]).toEqual([...(buildConformanceInputs(valid[5]!).x as Tensor).data]);
    expect([...(again.x as Tensor).data]).not.toEqual([...(buildConformanceInputs(valid[5]!, 1).x as Tensor).data]);
  });

  it('gives x shapes [K], [M, K], [2, M/2, K] and [M, 1, K]', () => {
    expect(conformanceInputShape({ batch: 1, inner: 9, rank: 1 })).toEqual([9]);
    expect(conformanceInputShape({ batch: 4, inner: 9, rank: 2 })).toEqual([4, 9]);
    expect(conformanceInputShape({ batch: 64, inner: 19, rank: 3 })).toEqual([2, 32, 19]);
    expect(conformanceInputShape({ batch: 5, inner: 3, rank: 3 })).toEqual([5, 1, 3]);
    expect(conformanceInputShape({ batch: 6, inner: 3, rank: 4 })).toEqual([2, 3, 1, 3]);
  });

  it('makes the adversarial patterns it promises', () => {
    const find = (kernel: string, inputs: string) => valid.find((c) => c.kernel === kernel && c.inputs === inputs)!;
    const epsilon = buildConformanceInputs(find('quantizedDense', 'epsilon-scales')).kernel as QTensor;
    expect(new Set(epsilon.scale.data)).toEqual(new Set([2 ** -23]));
    expect(new Set(epsilon.value.data)).toEqual(new Set([0]));
    const epsilonRandom = buildConformanceInputs(find('quantizedDense', 'epsilon-scales-random-values')).kernel as QTensor;
    expect(new Set(epsilonRandom.scale.data)).toEqual(new Set([2 ** -23]));
    expect(epsilonRandom.value.data.some((v) => v !== 0)).toBe(true);
    const extremes = buildConformanceInputs(find('quantizedDense', 'int8-extremes')).kernel as QTensor;
    expect(new Set(extremes.value.data)).toEqual(new Set([-128, 127]));
    const zeroColumns = buildConformanceInputs(find('quantizedDense', 'zero-columns')).kernel as QTensor;
    expect(zeroColumns.scale.data[0]).toBe(2 ** -23);
    expect(zeroColumns.value.data.filter((_, i) => i % zeroColumns.shape[1]! === 0).every((v) => v === 0)).toBe(true);
    const large = buildConformanceInputs(find('dense', 'large-magnitude')).x as Tensor;
    expect(Math.max(...large.data.map(Math.abs))).toBeGreaterThanOrEqual(1e4);
    const zeroPoints = buildConformanceInputs(find('quantizedDense', 'nonzero-zero-points')).kernel as QTensor;
    expect(zeroPoints.zeroPoint.data.some((z) => z !== 0)).toBe(true);
  });
});
