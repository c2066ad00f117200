import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomNormal } from '@qaxon/tensor';
import { referenceBackend } from '@qaxon/kernel-reference';
import { compareWithReference, FLOAT32_ACCUMULATION } from '@qaxon/kernel-reference/conformance';
import { createWasmBackend, type WasmBackend } from './index.js';
import { handBuiltQTensor, sameBits } from './test-support/inputs.js';

describe('non-zero zero points', () => {
  let one: WasmBackend;
  let two: WasmBackend;
  beforeAll(async () => {
    one = await createWasmBackend();
    two = await createWasmBackend({ threads: 2, parallelThreshold: 0 });
  });
  afterAll(() => {
    one.dispose();
    two.dispose();
  });

  it('folds zero points into the int8 values when value - zeroPoint fits (exact: same sums as zero points 0)', () => {
    const q = handBuiltQTensor(40, 21, 1, [-100, 100], [-20, 20]);
    const x = randomNormal([3, 40], { seed: 2 });
    const y = one.quantizedDense(x, q, 0.5);
    const verdict = compareWithReference({ kernelName: 'quantizedDense', x, kernel: q, bias: 0.5, actual: y, precision: FLOAT32_ACCUMULATION });
    expect(verdict.ok, verdict.message).toBe(true);
    expect(one.memory().deviceBytes).toBeGreaterThan(0);
  });

  it('subtracts zero points after the sum when value - zeroPoint overflows int8, on every thread count', () => {
    const q = handBuiltQTensor(300, 37, 3, [-128, 127], [-128, 127]);
    const x = randomNormal([5, 300], { seed: 4 });
    const y = one.quantizedDense(x, q);
    const reference = referenceBackend.quantizedDense(x, q);
    // scale * (Σ x·v - z Σ x): one more product and difference, each bounded by the
    // magnitude of Σ |x| (|v| + |z|) <= 2 Σ |x| * 128; allow 4 f32 ulps of that per k.
    for (let m = 0; m < 5; m++) {
      let absX = 0;
      for (let k = 0; k < 300; k++) absX += Math.abs(x.data[m * 300 + k]!);
      for (let n = 0; n < 37; n++) {
        const bound = 4 * 2 ** -23 * 302 * q.scale.data[n]! * absX * 256;
        expect(Math.abs(y.data[m * 37 + n]! - reference.data[m * 37 + n]!)).toBeLessThanOrEqual(bound);
      }
    }
    expect(sameBits(two.quantizedDense(x, q).data, y.data)).toBe(true);
  });
});
