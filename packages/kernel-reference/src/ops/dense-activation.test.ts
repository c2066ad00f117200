import { describe, expect, it } from 'vitest';
import { DENSE_ACTIVATIONS, QTensor, denseActivationCall, randomNormal, type Handle, type OpName } from '@qaxon/tensor';
import { referenceBackend } from '../reference-backend.js';

const run = (op: OpName, inputs: unknown, attrs: unknown): Handle => (referenceBackend.kernels[op] as (i: unknown, a: unknown) => Handle)(inputs, attrs);

describe('dense ops with an activation', () => {
  const x = referenceBackend.upload(randomNormal([3, 8], { seed: 1 }));
  const f32 = referenceBackend.upload(randomNormal([8, 6], { seed: 2 }));
  const int8 = referenceBackend.upload(QTensor.fromTensor(randomNormal([8, 6], { seed: 2 })));
  const bias = referenceBackend.upload(randomNormal([6], { seed: 3 }));

  for (const [op, kernel] of [['dense', f32], ['quantizedDense', int8], ['dynamicQuantizedDense', int8]] as const) {
    it(`${op}: every activation gives the bits of the two ops in a row`, () => {
      const plain = run(op, { x, kernel, bias }, {});
      for (const activation of DENSE_ACTIVATIONS) {
        const call = denseActivationCall(activation);
        const unfused = referenceBackend.download(run(call.op, { x: plain }, call.attrs));
        const fused = referenceBackend.download(run(op, { x, kernel, bias }, { activation }));
        expect(fused.data, activation).toEqual(unfused.data);
      }
    });
  }
});
