import { describe, expect, it } from 'vitest';
import { DENSE_ACTIVATIONS, QTensor, denseActivationCall, randomNormal, type Handle, type OpName } from '@qaxon/tensor';
import { createWasmBackend } from '../wasm-backend.js';

describe('dense ops with an activation on the WASM backend', () => {
  it('give the bits of the dense op then the activation op, for every activation, odd sizes and each dense op', async () => {
    const backend = await createWasmBackend();
    const run = (op: OpName, inputs: unknown, attrs: unknown): Handle => (backend.kernels[op] as (i: unknown, a: unknown) => Handle)(inputs, attrs);
    try {
      for (const [rows, inner, units] of [[1, 13, 7], [3, 40, 17], [5, 9, 1]] as const) {
        const x = backend.upload(randomNormal([rows, inner], { seed: inner, stddev: 3 }));
        const f32 = backend.upload(randomNormal([inner, units], { seed: units }));
        const int8 = backend.upload(QTensor.fromTensor(randomNormal([inner, units], { seed: units + 1 })));
        const bias = backend.upload(randomNormal([units], { seed: 5 }));
        for (const [op, kernel] of [['dense', f32], ['quantizedDense', int8], ['dynamicQuantizedDense', int8]] as const) {
          for (const activation of DENSE_ACTIVATIONS) {
            const call = denseActivationCall(activation);
            const plain = run(op, { x, kernel, bias }, {});
            const unfused = backend.download(run(call.op, { x: plain }, call.attrs));
            const fused = backend.download(run(op, { x, kernel, bias }, { activation }));
            expect(new Uint32Array(fused.data.buffer), `${op} ${activation} ${rows}x${inner}x${units}`).toEqual(new Uint32Array(unfused.data.buffer));
          }
        }
      }
    } finally {
      backend.dispose();
    }
  });
});
