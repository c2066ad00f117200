import { randomNormal, tensor, type Tensor } from '@qaxon/tensor';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACTIVATION_NAMES, LayerError, LayerOptionError, ModelState, activation, build, input, layerNorm, type ActivationName } from '../index.js';
import { erf, oracleActivation, oracleLayerNorm } from '../test-support/activation-oracle.js';

const values = (t: { data: ArrayLike<number> }) => Array.from(t.data);
const bits = (t: Tensor) => Array.from(new Uint32Array(Float32Array.from(t.data).buffer));

/** Runs one activation layer on the reference backend (through its op). */
function activate(name: ActivationName, x: Tensor, alpha?: number): Promise<Tensor> {
  const model = activation(input('x'), name, alpha === undefined ? {} : { alpha });
  return build(model).predict(ModelState.empty(), x);
}

describe('activation layers as ops (float32, on the reference backend)', () => {
  it('relu zeroes negatives and keeps NaN visible', async () => {
    expect(values(await activate('relu', tensor([-2, -0.5, 0, 0.5, 3])))).toEqual([0, 0, 0, 0.5, 3]);
    expect(Number.isNaN((await activate('relu', tensor([Number.NaN]))).data[0]!)).toBe(true);
  });

  it('leakyRelu keeps a slope alpha for negatives (default 0.01)', async () => {
    expect(values(await activate('leakyRelu', tensor([-2, 4]), 0.5))).toEqual([-1, 4]);
    expect(values(await activate('leakyRelu', tensor([-100])))).toEqual([Math.fround(-1)]);
  });

  it('sigmoid is stable for large magnitudes and symmetric', async () => {
    const y = values(await activate('sigmoid', tensor([-1000, -1, 0, 1, 1000])));
    expect(y[0]).toBe(0);
    expect(y[2]).toBe(0.5);
    expect(y[4]).toBe(1);
    expect(y[1]! + y[3]!).toBeCloseTo(1, 6);
    expect(y[3]).toBeCloseTo(0.7310585786, 6);
  });

  it('tanh and silu match their definitions', async () => {
    expect(values(await activate('tanh', tensor([0, 1, -50])))).toEqual([0, Math.fround(Math.tanh(1)), -1]);
    expect(values(await activate('silu', tensor([0, 2])))[1]).toBeCloseTo(2 / (1 + Math.exp(-2)), 6);
  });

  it('the oracle erf matches reference values to ~1e-7', () => {
    const reference: [number, number][] = [
      [0, 0],
      [0.1, 0.1124629160182849],
      [0.5, 0.5204998778130465],
      [1, 0.8427007929497149],
      [2, 0.9953222650189527],
      [3, 0.9999779095030014],
      [-1, -0.8427007929497149],
    ];
    for (const [x, expected] of reference) expect(Math.abs(erf(x) - expected)).toBeLessThan(2e-7);
  });

  it('gelu is the exact erf form x·Φ(x)', async () => {
    const y = values(await activate('gelu', tensor([-3, -1, 0, 1, 3])));
    const expected = [-0.0040496965154605, -0.15865525393145707, 0, 0.8413447460685429, 2.99595030348454];
    y.forEach((v, i) => expect(Math.abs(v - expected[i]!)).toBeLessThan(3e-7));
  });

  it('softmax runs along the last axis, rows sum to 1, and is stable for huge logits', async () => {
    const y = await activate('softmax', tensor([[1, 2, 3], [1000, 1000, 1000]]));
    expect(y.shape).toEqual([2, 3]);
    const rows = y.toArray() as number[][];
    expect(rows[0]![0]).toBeCloseTo(0.09003057, 6);
    expect(rows[1]).toEqual([1 / 3, 1 / 3, 1 / 3].map(Math.fround));
    await expect(activate('softmax', tensor(3))).rejects.toThrow(LayerError);
  });

  it('softmax rows always sum to 1 within float32 precision (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 0, max: 1000 }), fc.double({ min: 0.1, max: 100, noNaN: true }), async (width, seed, scale) => {
        const x = randomNormal([3, width], { seed, stddev: scale });
        const y = (await activate('softmax', x)).data;
        for (let row = 0; row < 3; row++) {
          let total = 0;
          for (let i = 0; i < width; i++) {
            expect(y[row * width + i]!).toBeGreaterThanOrEqual(0);
            total += y[row * width + i]!;
          }
          expect(Math.abs(total - 1)).toBeLessThan(1e-5);
        }
      }),
      { numRuns: 50 },
    );
  });

  it('every activation gives the bits of graph 0.1 plain-JS maths (the oracle), NaN, infinities and extremes included', async () => {
    const specials = tensor([Number.NaN, Infinity, -Infinity, 0, -0, 1e-30, -1e-30, 88.7, -88.7, 3.4e38, -3.4e38, 20, -20, 1e-7]);
    for (const name of ACTIVATION_NAMES.filter((activationName) => activationName !== 'geluTanh' && activationName !== 'logSoftmax')) {
      for (const x of [randomNormal([4, 7], { seed: 3, stddev: 4 }), randomNormal([2, 3, 5], { seed: 4, stddev: 30 }), name === 'softmax' ? tensor([[1, 2], [3, 4]]) : specials]) {
        const alpha = name === 'leakyRelu' ? 0.2 : undefined;
        expect(bits(await activate(name, x, alpha)), name).toEqual(bits(oracleActivation(name, x, alpha ?? 0.01)));
      }
    }
  });

  it("layerNorm gives the bits of graph 0.1's plain-JS layer norm", async () => {
    const x = randomNormal([3, 4, 6], { seed: 8, stddev: 3 });
    const gamma = randomNormal([6], { seed: 9 });
    const beta = randomNormal([6], { seed: 10 });
    const model = layerNorm(input('x'), { name: 'ln', epsilon: 1e-3 });
    const state = ModelState.empty().set('ln', 'gamma', gamma).set('ln', 'beta', beta);
    const y = await build(model).predict(state, x);
    expect(bits(y)).toEqual(bits(oracleLayerNorm(x, gamma, beta, 1e-3)));
  });

  it('every activation keeps the shape, and non-f32 input or a bad alpha is refused naming the layer', async () => {
    for (const name of ACTIVATION_NAMES) expect((await activate(name, tensor([[0.5, -0.5]]))).shape).toEqual([1, 2]);
    await expect(activate('relu', tensor([1], { dtype: 's8' }))).rejects.toThrow(/layer relu_0 \(op relu\): .*'f32'/);
    await expect(activate('leakyRelu', tensor([1]), Number.NaN)).rejects.toThrow(LayerOptionError);
    await expect(activate('leakyRelu', tensor([1]), Number.NaN)).rejects.toThrow(/finite alpha/);
  });
});
