import { KernelUnsupportedError, QTensor, randomNormal, tensor, type Handle, type OpInputs } from '@qaxon/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWasmBackend, type WasmBackend } from '../index.js';

describe('gather kernel', () => {
  let backend: WasmBackend;
  beforeAll(async () => {
    backend = await createWasmBackend();
  });
  afterAll(() => backend.dispose());
  const gather = (inputs: OpInputs<'gather'>) => backend.kernels.gather!(inputs, {}) as Handle;

  it('copies the rows of a float32 table inside the module (no download of the table)', () => {
    const table = backend.upload(tensor([[1, 2], [3, 4], [5, 6]]));
    const indices = backend.upload(tensor([[2, 0]], { dtype: 's32' }));
    const rows = gather({ table, indices });
    expect(backend.download(rows).toArray()).toEqual([[[5, 6], [1, 2]]]);
  });

  it('names an index out of range, and leaves quantized tables to the reference backend', () => {
    const table = backend.upload(tensor([[1, 2], [3, 4]]));
    expect(() => gather({ table, indices: backend.upload(tensor([1, 2], { dtype: 's32' })) })).toThrow(
      'gather: expected every index in [0, 2) for the table [2, 2], got 2 at flat position 1 of indices [2]',
    );
    const quantized = backend.upload(QTensor.fromTensor(randomNormal([4, 3], { seed: 1 })));
    expect(() => gather({ table: quantized, indices: backend.upload(tensor([0], { dtype: 's32' })) })).toThrow(KernelUnsupportedError);
  });
});
