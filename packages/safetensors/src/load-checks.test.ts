import { ModelState } from '@qaxon/graph';
import { QTensor, randomNormal } from '@qaxon/tensor';
import { describe, expect, it } from 'vitest';
import { fromSafetensors, MAX_HEADER_ENTRIES, readSafetensors, SafetensorsError, toSafetensors } from './index.js';
import { entry, fileFromHeader } from './test-support/build-file.js';

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

describe('loading bounds shapes where they enter', () => {
  it('refuses an empty tensor with a huge leading dimension, naming it', () => {
    const file = fileFromHeader(`{"e":${entry('F32', [2e7, 0], 0, 0)}}`, []);
    expect(() => readSafetensors(file)).toThrow(SafetensorsError);
    expect(() => readSafetensors(file)).toThrow(
      'tensor "e" (header byte 9): empty shape [20000000, 0] has 20000000 positions before its first zero axis; expected at most 1048576 (MAX_EMPTY_OUTER_SIZE)',
    );
    const fine = readSafetensors(fileFromHeader(`{"e":${entry('F32', [0, 2e7], 0, 0)}}`, [])).tensors['e']!;
    expect(fine.toArray()).toEqual([]);
  });

  it('refuses a shape of more axes than MAX_RANK before parsing the header', () => {
    const file = fileFromHeader(`{"r":${entry('F32', new Array(1_000_000).fill(1), 0, 4)}}`, [0, 0, 0, 0]);
    expect(() => readSafetensors(file)).toThrow(/^header array has more than 64 items at byte \d+: expected "shape" arrays of at most 64 axes/);
    expect(readSafetensors(fileFromHeader(`{"r":${entry('F32', new Array(64).fill(1), 0, 4)}}`, [0, 0, 0, 0])).tensors['r']!.rank).toBe(64);
  });
});

describe('loading bounds the work a header can cause', () => {
  it('refuses a header of more than MAX_HEADER_ENTRIES zero-size tensors, in bounded time, before parsing it', () => {
    expect(MAX_HEADER_ENTRIES).toBe(100_000);
    const entries = Array.from({ length: 200_000 }, (_, i) => `"l${i}.p":${entry('F32', [0], 0, 0)}`);
    const file = fileFromHeader(`{${entries.join(',')}}`);
    const started = performance.now();
    expect(() => readSafetensors(file)).toThrow(/^header object has more than 100000 keys \(MAX_HEADER_ENTRIES\): key 100001 is at byte \d+/);
    expect(performance.now() - started).toBeLessThan(10_000); // 1.6 million such entries took minutes and gigabytes; this takes about a second
  });

  it('still loads MAX_HEADER_ENTRIES metadata entries or tensors', () => {
    const metadata = Array.from({ length: MAX_HEADER_ENTRIES }, (_, i) => `"k${i}":""`);
    const { metadata: loaded } = readSafetensors(fileFromHeader(`{"__metadata__":{${metadata.join(',')}}}`));
    expect(Object.keys(loaded)).toHaveLength(MAX_HEADER_ENTRIES);
  });
});
