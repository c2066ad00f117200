import { ModelState } from '@qaxon/graph';
import { Prng, QTensor, randomNormal, tensor } from '@qaxon/tensor';
import { describe, expect, it } from 'vitest';
import { fromSafetensors, readSafetensors, SafetensorsError, toSafetensors, writeSafetensors } from './index.js';
import { entry, fileFromHeader, u64 } from './test-support/build-file.js';
import { HOSTILE_CLASSES, hostileHeader } from './test-support/hostile-header.js';
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

/** Per-file budgets: generous, so a busy shared machine cannot make them flaky. */
const TIME_BUDGET_MS = 5000;
const memoryBudget = (file: Uint8Array) => 256 * 1024 ** 2 + 64 * file.length;
const memoryInUse = () => {
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
};

/** Loads or refuses one file within the budgets; anything but a SafetensorsError fails the test. */
function loadsOrRefuses(read: (bytes: Uint8Array) => unknown, bytes: Uint8Array, what: string): boolean {
  const memoryBefore = memoryInUse();
  const started = performance.now();
  let loaded = true;
  try {
    read(bytes);
  } catch (error) {
    if (!(error instanceof SafetensorsError)) throw new Error(`${what}: expected a SafetensorsError, got ${String(error)}`, { cause: error });
    loaded = false;
  }
  const elapsed = performance.now() - started;
  const grown = memoryInUse() - memoryBefore;
  if (elapsed > TIME_BUDGET_MS) throw new Error(`${what}: took ${elapsed.toFixed(0)} ms, over the ${TIME_BUDGET_MS} ms budget`);
  if (grown > memoryBudget(bytes)) throw new Error(`${what}: memory grew by ${grown} bytes, over the ${memoryBudget(bytes)}-byte budget`);
  return loaded;
}

/** Reads a file and turns every tensor into nested arrays: what loads must also be usable in bounded time. */
const readAndUse = (bytes: Uint8Array) => {
  for (const loaded of Object.values(readSafetensors(bytes).tensors)) loaded.toArray();
};

describe('fuzzing readSafetensors', () => {
  it('loads or throws SafetensorsError for 10,000 seeded mutations of valid files, within a time and memory budget each', () => {
    const random = new Prng(20240611);
    let loaded = 0;
    let refused = 0;
    for (let round = 0; round < 10_000; round++) {
      const seed = seeds[round % seeds.length]!;
      // Every fourth file is a hostile header by size class; two of them pass the limits.
      const { bytes, how } = round % 4 === 3 ? hostileHeader(seed, random, round % 5000 === 4999) : mutate(seed, random);
      if (loadsOrRefuses(readAndUse, bytes, `round ${round} (${how})`)) loaded++;
      else refused++;
    }
    // Both outcomes happen: the mutations are neither all harmless nor all fatal.
    expect(loaded).toBeGreaterThan(500);
    expect(refused).toBeGreaterThan(2500);
  }, 120_000); // the budgets per file are the check; the whole run takes a few seconds

  it('refuses (or loads) each hostile header class at its largest, within the budgets', () => {
    const random = new Prng(7);
    for (let sizeClass = 0; sizeClass < HOSTILE_CLASSES; sizeClass++) {
      const { bytes, how } = hostileHeader(seeds[0]!, random, true, sizeClass);
      loadsOrRefuses(readAndUse, bytes, `class ${sizeClass} (${how})`);
    }
  }, 120_000);

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
      const { bytes, how } = round % 4 === 3 ? hostileHeader(file, random, false) : mutate(file, random);
      if (loadsOrRefuses(fromSafetensors, bytes, `round ${round} (${how})`)) loaded++;
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
