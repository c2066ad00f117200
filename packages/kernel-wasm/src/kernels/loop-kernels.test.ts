import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { add, divide, multiply, randomNormal, reshape, runOp, subtract, tensor, type Handle, type Tensor } from '@qaxon/tensor';
import { referenceBackend } from '@qaxon/kernel-reference';
import { createWasmBackend, type WasmBackend } from '../index.js';
import { sameBits } from '../test-support/inputs.js';
import { outsideDeclaredPrecision } from '../test-support/within.js';

describe('loop kernels on the module memory', () => {
  let backend: WasmBackend;
  beforeAll(async () => {
    backend = await createWasmBackend();
  });
  afterAll(() => backend.dispose());

  const host = { add, subtract, multiply, divide } as const;
  const shapes: [number[], number[]][] = [
    [[3, 4], [3, 4]],
    [[3, 4], [4]],
    [[2, 1, 5], [3, 1]],
    [[4], []],
    [[], [2, 2]],
    [[0, 3], [3]],
    [[128, 768], [768]],
    [[7], [3, 7]],
    [[1, 6], [5, 1, 6]],
  ];
  for (const op of ['add', 'subtract', 'multiply', 'divide'] as const) {
    it(`${op} broadcasts and gives the bits of @qaxon/tensor's ${op}`, async () => {
      for (const [i, [aShape, bShape]] of shapes.entries()) {
        const a = randomNormal(aShape, { seed: i });
        const b = randomNormal(bShape, { seed: 100 + i });
        const y = await runOp(backend, op, { a, b }, {});
        const expected = host[op](a, b) as Tensor<'f32'>;
        expect(y.shape).toEqual(expected.shape);
        expect(sameBits(y.data as Float32Array, expected.data)).toBe(true);
      }
    });
  }

  it('every activation is within its declared precision of the reference (relu and leakyRelu: its bits), special values included', async () => {
    const special = tensor([Number.NaN, -0, 0, Infinity, -Infinity, 1e-40, -1e-40, 88.7, -103, 3.4e38, -3.4e38, 0.5, -0.5, 20, -20]);
    const x = concatenateData(special, randomNormal([200], { seed: 9, stddev: 4 }));
    for (const op of ['relu', 'sigmoid', 'tanh', 'gelu', 'geluTanh', 'silu', 'exp', 'leakyRelu'] as const) {
      const attrs = (op === 'leakyRelu' ? { alpha: 0.03 } : {}) as never;
      const y = await runOp(backend, op, { x }, attrs);
      const expected = await runOp(referenceBackend, op, { x }, attrs);
      const precision = backend.precision?.[op];
      if (precision === undefined) expect(sameBits(y.data as Float32Array, expected.data as Float32Array), op).toBe(true);
      else expect(outsideDeclaredPrecision(backend, op, { inputs: { x }, attrs }, y, expected), op).toBeUndefined();
    }
  });

  it('softmax and logSoftmax give the bits of the reference backend on inner axes, and are within their declared precision on the last', async () => {
    const x = randomNormal([4, 6, 3], { seed: 10, stddev: 5 });
    for (const op of ['softmax', 'logSoftmax'] as const) {
      for (const axis of [0, 1, 2, -1, -3]) {
        const y = await runOp(backend, op, { x }, { axis });
        const expected = await runOp(referenceBackend, op, { x }, { axis });
        if (axis === 2 || axis === -1) expect(outsideDeclaredPrecision(backend, op, { inputs: { x }, attrs: { axis } }, y, expected), `${op} axis ${axis}`).toBeUndefined();
        else expect(sameBits(y.data as Float32Array, expected.data as Float32Array), `${op} axis ${axis}`).toBe(true);
      }
    }
  });

  it('softmax and logSoftmax over vocabulary-sized rows (32000 logits) stay within their declared precision', async () => {
    const x = randomNormal([2, 32001], { seed: 11, stddev: 6 });
    for (const op of ['softmax', 'logSoftmax'] as const) {
      const y = await runOp(backend, op, { x }, { axis: -1 });
      const expected = await runOp(referenceBackend, op, { x }, { axis: -1 });
      expect(outsideDeclaredPrecision(backend, op, { inputs: { x }, attrs: { axis: -1 } }, y, expected), op).toBeUndefined();
    }
  });

  it('reshape keeps the data (any dtype) under the new shape', async () => {
    const x = randomNormal([2, 3, 4], { seed: 1 });
    const y = await runOp(backend, 'reshape', { x }, { shape: [6, -1] });
    expect(y.shape).toEqual([6, 4]);
    expect(sameBits(y.data as Float32Array, reshape(x, [6, 4]).data)).toBe(true);
    const s = await runOp(backend, 'reshape', { x: tensor([[1, 2], [3, 4]], { dtype: 's32' }) }, { shape: [4] });
    expect([s.dtype, Array.from(s.data)]).toEqual(['s32', [1, 2, 3, 4]]);
  });

  it('softmax rows sum to 1 on any axis, logSoftmax is its log', async () => {
    const x = randomNormal([3, 5, 2], { seed: 2 });
    for (const axis of [0, 1, -1]) {
      const y = await runOp(backend, 'softmax', { x }, { axis });
      const log = await runOp(backend, 'logSoftmax', { x }, { axis });
      for (let i = 0; i < y.size; i++) expect(Math.log(y.data[i]!)).toBeCloseTo(log.data[i]!, 5);
    }
    const rows = await runOp(backend, 'softmax', { x: tensor([[1, 2, 3], [1000, 1000, 1000]]) }, { axis: -1 });
    expect(Array.from(rows.data.subarray(3))).toEqual([1 / 3, 1 / 3, 1 / 3].map(Math.fround));
  });

  it('a chain of kernels stays on handles: nothing is downloaded until the end', () => {
    const x = backend.upload(randomNormal([2, 8], { seed: 3 }));
    const kernels = backend.kernels;
    const steps: Handle[] = [x];
    steps.push(kernels.relu!({ x }, {}) as Handle);
    steps.push(kernels.multiply!({ a: steps[1]!, b: x }, {}) as Handle);
    steps.push(kernels.softmax!({ x: steps[2]! }, { axis: -1 }) as Handle);
    expect(steps.every((handle) => backend.owns(handle))).toBe(true);
    const y = backend.download(steps[3]!);
    expect(y.shape).toEqual([2, 8]);
    for (const handle of steps) backend.release(handle);
    expect(backend.memory().handles).toBe(0);
  });
});

function concatenateData(a: Tensor, b: Tensor): Tensor<'f32'> {
  const data = new Float32Array(a.size + b.size);
  data.set(a.data as Float32Array);
  data.set(b.data as Float32Array, a.size);
  return tensor(data);
}
