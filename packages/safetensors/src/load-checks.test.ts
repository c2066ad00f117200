import { ModelState } from '@qaxon/graph';
import { QTensor, randomNormal } from '@qaxon/tensor';
import { describe, expect, it } from 'vitest';
import { fromSafetensors, readSafetensors, SafetensorsError, toSafetensors } from './index.js';

// Values that parse but cannot be right are refused where they enter, naming the tensor and index.
describe('loading checks the values a file gives', () => {
  const state = ModelState.empty().set('dense_0', 'kernel', QTensor.fromTensor(randomNormal([4, 3], { seed: 1 })));

  it.each([Number.NaN, -0.25, Infinity, -Infinity])('refuses a QTensor scale of %s, naming the tensor and index', (bad) => {
    const file = toSafetensors(state);
    // F32 tensors are views of the file: writing into the scale writes into the file.
    readSafetensors(file).tensors['dense_0.kernel.scale']!.data[1] = bad;
    const error = (() => {
      try {
        fromSafetensors(file);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(SafetensorsError);
    expect((error as SafetensorsError).tensorName).toBe('dense_0.kernel.scale');
    expect((error as Error).message).toBe(
      `QTensor "dense_0.kernel": tensor "dense_0.kernel.scale": expected every scale to be finite and >= 0, got ${bad} at scale index 1 (output column 1)`,
    );
  });
});
