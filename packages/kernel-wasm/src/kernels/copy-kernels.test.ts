import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomNormal, runOp, tensor, type OpAttrs, type OpName, type Tensor } from '@qaxon/tensor';
import { referenceBackend } from '@qaxon/kernel-reference';
import { createWasmBackend, type WasmBackend } from '../index.js';
import { sameBits } from '../test-support/inputs.js';

describe('copy kernels (concatenate, slice, transpose in the module memory)', () => {
  let backend: WasmBackend;
  beforeAll(async () => {
    backend = await createWasmBackend();
  });
  afterAll(() => backend.dispose());

  async function sameAsReference<O extends OpName>(op: O, inputs: object, attrs: OpAttrs<O>): Promise<boolean> {
    const y = await runOp(backend, op, inputs as never, attrs);
    const expected = await runOp(referenceBackend, op, inputs as never, attrs);
    return y.dtype === expected.dtype && y.shape.join() === expected.shape.join() && (y.dtype === 'f32' ? sameBits(y.data as Float32Array, expected.data as Float32Array) : Array.from(y.data).join() === Array.from(expected.data).join());
  }

  it('concatenate grows a KV cache [2, 128, 256] + [2, 1, 256] along the tokens', async () => {
    expect(await sameAsReference('concatenate', { xs: [randomNormal([2, 128, 256], { seed: 1 }), randomNormal([2, 1, 256], { seed: 2 })] }, { axis: 1 })).toBe(true);
    expect(await sameAsReference('concatenate', { xs: [tensor([[1], [2]], { dtype: 's32' }), tensor([[3, 4], [5, 6]], { dtype: 's32' })] }, { axis: -1 })).toBe(true);
  });

  it('slice takes a block from the middle of every axis, and q/k/v column blocks', async () => {
    const x: Tensor = randomNormal([3, 5, 7], { seed: 3 });
    expect(await sameAsReference('slice', { x }, { begin: [1, 2, 3], size: [2, -1, 3] })).toBe(true);
    expect(await sameAsReference('slice', { x: randomNormal([1, 128, 2304], { seed: 4 }) }, { begin: [0, 0, 768], size: [1, 128, 768] })).toBe(true);
  });

  it('transpose splits heads ([1, 128, 12, 64] -> [1, 12, 128, 64]) and moves the last axis', async () => {
    expect(await sameAsReference('transpose', { x: randomNormal([1, 128, 12, 64], { seed: 5 }) }, { permutation: [0, 2, 1, 3] })).toBe(true);
    expect(await sameAsReference('transpose', { x: randomNormal([3, 4, 5], { seed: 6 }) }, { permutation: [2, 0, 1] })).toBe(true);
    expect(await sameAsReference('transpose', { x: tensor(2.5) }, { permutation: [] })).toBe(true);
  });
});
