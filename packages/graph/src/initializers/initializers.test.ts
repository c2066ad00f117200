import { QTensor, Tensor, ones, randomNormal } from '@qaxon/tensor';
import { describe, expect, it } from 'vitest';
import {
  INITIALIZER_NAMES,
  LayerOptionError,
  TRUNCATED_NORMAL_STDDEV,
  UnknownInitializerError,
  computeFans,
  initializers,
  resolveInitializer,
  truncatedNormal,
  varianceScaling,
} from '../index.js';

function stats(value: Tensor | QTensor): { mean: number; stddev: number; min: number; max: number } {
  const data = (value as Tensor).data;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const v of data) {
    sum += v;
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  const mean = sum / data.length;
  let squares = 0;
  for (const v of data) squares += (v - mean) ** 2;
  return { mean, stddev: Math.sqrt(squares / data.length), min, max };
}

const SHAPE = [400, 300] as const; // fanIn 400, fanOut 300: 120000 samples

describe('initializers (Axon/Keras definitions, statistics within tolerance)', () => {
  const cases: { name: (typeof INITIALIZER_NAMES)[number]; stddev: number; bound: number }[] = [
    { name: 'glorotUniform', stddev: Math.sqrt(2 / 700), bound: Math.sqrt(6 / 700) },
    { name: 'glorotNormal', stddev: Math.sqrt(2 / 700), bound: (2 * Math.sqrt(2 / 700)) / TRUNCATED_NORMAL_STDDEV },
    { name: 'heUniform', stddev: Math.sqrt(2 / 400), bound: Math.sqrt(6 / 400) },
    { name: 'heNormal', stddev: Math.sqrt(2 / 400), bound: (2 * Math.sqrt(2 / 400)) / TRUNCATED_NORMAL_STDDEV },
    { name: 'lecunUniform', stddev: Math.sqrt(1 / 400), bound: Math.sqrt(3 / 400) },
    { name: 'lecunNormal', stddev: Math.sqrt(1 / 400), bound: (2 * Math.sqrt(1 / 400)) / TRUNCATED_NORMAL_STDDEV },
    { name: 'uniform', stddev: 0.01 / Math.sqrt(3), bound: 0.01 },
    { name: 'normal', stddev: 0.01, bound: 0.01 * 6 },
  ];
  for (const { name, stddev, bound } of cases) {
    it(`${name}: mean ~0, stddev ~${stddev.toPrecision(3)}, every value within ${bound.toPrecision(3)}`, () => {
      const value = resolveInitializer(name, 'test')([...SHAPE], 'f32', 1234);
      expect(value).toBeInstanceOf(Tensor);
      expect(value.shape).toEqual([...SHAPE]);
      const s = stats(value);
      expect(Math.abs(s.mean)).toBeLessThan(0.02 * stddev + 1e-4);
      expect(Math.abs(s.stddev / stddev - 1)).toBeLessThan(0.02);
      expect(s.max).toBeLessThanOrEqual(bound * (1 + 1e-6));
      expect(s.min).toBeGreaterThanOrEqual(-bound * (1 + 1e-6));
      // uniform ones really reach close to their limits
      if (name.endsWith('niform')) expect(s.max).toBeGreaterThan(bound * 0.99);
    });
  }

  it('zeros, ones and full fill constants', () => {
    expect([...(resolveInitializer('zeros', 't')([2, 2], 'f32', 0) as Tensor).data]).toEqual([0, 0, 0, 0]);
    expect([...(resolveInitializer('ones', 't')([3], 'f32', 0) as Tensor).data]).toEqual([1, 1, 1]);
    expect([...(initializers.full(0.25)([2], 'f32', 0) as Tensor).data]).toEqual([0.25, 0.25]);
    expect(() => initializers.full(Number.NaN)).toThrow(LayerOptionError);
  });

  it('is deterministic for a key and differs between keys', () => {
    for (const name of INITIALIZER_NAMES) {
      const init = resolveInitializer(name, 't');
      expect([...(init([8, 8], 'f32', 7) as Tensor).data]).toEqual([...(init([8, 8], 'f32', 7) as Tensor).data]);
      if (name !== 'zeros' && name !== 'ones') {
        expect([...(init([8, 8], 'f32', 7) as Tensor).data]).not.toEqual([...(init([8, 8], 'f32', 8) as Tensor).data]);
      }
    }
  });

  it('honours options: scale and mean', () => {
    const wide = stats(initializers.glorotUniform({ scale: 4 })([...SHAPE], 'f32', 3));
    expect(wide.stddev / Math.sqrt(8 / 700)).toBeCloseTo(1, 1);
    const shifted = stats(initializers.normal({ mean: 2, scale: 0.5 })([...SHAPE], 'f32', 3));
    expect(shifted.mean).toBeCloseTo(2, 2);
    expect(shifted.stddev).toBeCloseTo(0.5, 2);
    const fanOut = stats(varianceScaling({ mode: 'fanOut', distribution: 'normal', scale: 1 })([...SHAPE], 'f32', 3));
    expect(fanOut.stddev / Math.sqrt(1 / 300)).toBeCloseTo(1, 1);
  });

  it('computes fans as Axon does', () => {
    expect(computeFans([])).toEqual({ fanIn: 1, fanOut: 1 });
    expect(computeFans([7])).toEqual({ fanIn: 7, fanOut: 7 });
    expect(computeFans([784, 128])).toEqual({ fanIn: 784, fanOut: 128 });
    expect(computeFans([3, 3, 16, 32])).toEqual({ fanIn: 144, fanOut: 288 });
  });

  it('truncates the normal at two standard deviations, rescaled to the named stddev', () => {
    const s = stats(truncatedNormal([50000], 1, 5));
    expect(s.max).toBeLessThanOrEqual(2 / TRUNCATED_NORMAL_STDDEV + 1e-6);
    expect(s.stddev).toBeCloseTo(1, 1);
  });

  it('accepts functions, including ones returning a QTensor', () => {
    const quantized = resolveInitializer((shape, _dtype, key) => QTensor.fromTensor(randomNormal(shape, { seed: key })), 't');
    expect(quantized([4, 3], 'f32', 1)).toBeInstanceOf(QTensor);
    const own = resolveInitializer((shape) => ones(shape), 't');
    expect(own([2], 'f32', 0).shape).toEqual([2]);
  });

  it('refuses unknown names and bad options, naming what was given', () => {
    expect(() => resolveInitializer('xavier' as never, 'layer d parameter kernel')).toThrow(UnknownInitializerError);
    expect(() => resolveInitializer('xavier' as never, 'layer d parameter kernel')).toThrow(
      'layer d parameter kernel: unknown initializer "xavier"; expected one of zeros, ones, uniform, normal, glorotUniform, glorotNormal, heUniform, heNormal, lecunUniform, lecunNormal or a function (shape, dtype, key) => Tensor',
    );
    expect(() => initializers.uniform({ scale: -1 })).toThrow(/expected a finite scale > 0, got -1/);
    expect(() => varianceScaling({ mode: 'fanMiddle' as never })).toThrow(LayerOptionError);
    expect(() => varianceScaling({ distribution: 'cauchy' as never })).toThrow(/distribution/);
  });
});
