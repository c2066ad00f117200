import { ModelState } from '@qaxon/graph';
import { Prng, QTensor, randomNormal, tensor } from '@qaxon/tensor';
import { describe, expect, it } from 'vitest';
import { fromSafetensors, readSafetensors, SafetensorsError, toSafetensors, writeSafetensors } from './index.js';
import { entry, fileFromHeader, u64 } from './test-support/build-file.js';
import { mutate } from './test-support/mutate.js';

const q = QTensor.fromTensor(randomNormal([6, 3], { seed: 3 }));
const seeds: Uint8Array[] = [
  writeSafetensors(
    {
      'dense_0.kernel.value': q.value,
      'dense_0.kernel.scale': q.scale,
      'dense_0.kernel.zero_point': q.zeroPoint,
      'dense_0.bias': tensor([0.5, -1, 2]),
      'layer.with.dots.steps': tensor([1, 2, 3], { dtype: 's32' }),
    },
    { 'qaxon.format': '1', note: 'fuzz seed' },
  ),
  fileFromHeader(
    `{"h":${entry('F16', [2], 0, 4)},"b":${entry('BF16', [2], 4, 8)},"i":${entry('I64', [1], 8, 16)},"e":${entry('F32', [0], 16, 16)}}`,
    [0x00, 0x3c, 0x00, 0xc5, 0x49, 0x40, 0x00, 0xbf, ...u64(5)],
  ),
];

describe('fuzzing readSafetensors', () => {
  it('loads or throws SafetensorsError for 2000 seeded mutations of valid files, never anything else', () => {
    const random = new Prng(20240611);
    let loaded = 0;
    let refused = 0;
    for (let round = 0; round < 2000; round++) {
      const seed = seeds[round % seeds.length]!;
      const { bytes, how } = mutate(seed, random);
      try {
        readSafetensors(bytes);
        loaded++;
      } catch (error) {
        if (!(error instanceof SafetensorsError)) {
          throw new Error(`round ${round} (${how}): expected a SafetensorsError, got ${String(error)}`, { cause: error });
        }
        refused++;
      }
    }
    // Both outcomes happen: the mutations are neither all harmless nor all fatal.
    expect(loaded).toBeGreaterThan(50);
    expect(refused).toBeGreaterThan(500);
  });

  it('fromSafetensors also loads or throws SafetensorsError for 1000 mutated state files', () => {
    const state = ModelState.empty()
      .set('dense_0', 'kernel', q)
      .set('dense_0', 'bias', tensor([0.5, -1, 2]))
      .set('block.1', 'scale', tensor([2]))
      .freeze(([layer]) => layer === 'dense_0');
    const file = toSafetensors(state);
    const random = new Prng(99);
    let loaded = 0;
    for (let round = 0; round < 1000; round++) {
      const { bytes, how } = mutate(file, random);
      try {
        fromSafetensors(bytes);
        loaded++;
      } catch (error) {
        if (!(error instanceof SafetensorsError)) {
          throw new Error(`round ${round} (${how}): expected a SafetensorsError, got ${String(error)}`, { cause: error });
        }
      }
    }
    expect(loaded).toBeGreaterThan(20);
  });

  it('refuses every truncation of a valid file', () => {
    const file = seeds[0]!;
    for (let length = 0; length < file.length; length++) {
      expect(() => readSafetensors(file.subarray(0, length))).toThrow(SafetensorsError);
    }
  });
});
