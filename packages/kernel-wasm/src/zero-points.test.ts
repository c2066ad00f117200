import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomNormal, type QTensor, type RowSource, type Tensor } from '@qaxon/tensor';
import { referenceBackend } from '@qaxon/kernel-reference';
import { createWasmBackend, type WasmBackend } from './index.js';
import { denseOn, handBuiltQTensor, sameBits } from './test-support/inputs.js';

/** Largest |y - reference| allowed per output: `slack` float32 ulps of Σ |x| (|v| + |z|) * scale per k. */
function expectClose(y: Tensor, reference: Tensor, x: Tensor, q: QTensor, slack: number): void {
  const [inner, units] = q.shape as [number, number];
  const rows = x.size / inner;
  for (let m = 0; m < rows; m++) {
    let absX = 0;
    for (let k = 0; k < inner; k++) absX += Math.abs(x.data[m * inner + k]!);
    for (let n = 0; n < units; n++) {
      const bound = slack * 2 ** -23 * (inner + 2) * q.scale.data[n]! * absX * 256 + 2 ** -126;
      expect(Math.abs(y.data[m * units + n]! - reference.data[m * units + n]!)).toBeLessThanOrEqual(bound);
    }
  }
}

function rowsOf(values: Int8Array, shape: [number, number]): RowSource {
  return {
    shape,
    dtype: 's8',
    async read(firstRow, rowCount, into) {
      into.set(values.subarray(firstRow * shape[1], (firstRow + rowCount) * shape[1]));
    },
  };
}

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

  it('folds zero points into the int8 values when value - zeroPoint fits', () => {
    const q = handBuiltQTensor(40, 21, 1, [-100, 100], [-20, 20]);
    const x = randomNormal([3, 40], { seed: 2 });
    expectClose(denseOn(one, x, q, 0.5), denseOn(referenceBackend, x, q, 0.5), x, q, 1);
  });

  it('subtracts zero points after the sum when value - zeroPoint overflows int8, on every thread count', () => {
    const q = handBuiltQTensor(300, 37, 3, [-128, 127], [-128, 127]);
    const x = randomNormal([5, 300], { seed: 4 });
    const y = denseOn(one, x, q);
    // scale * (Σ x·v - z Σ x): one more product and difference; allow 4 ulps per k.
    expectClose(y, denseOn(referenceBackend, x, q), x, q, 4);
    expect(sameBits(denseOn(two, x, q).data, y.data)).toBe(true);
  });

  it('a streamed weight with zero points gives the same results as its upload within float32 sums', async () => {
    const q = handBuiltQTensor(70, 19, 5, [-100, 100], [-20, 20]);
    const x = randomNormal([2, 70], { seed: 6 });
    const kernel = await one.uploadStreamed({ values: rowsOf(q.value.data, [70, 19]), scale: q.scale, zeroPoint: q.zeroPoint });
    expect(kernel.quantization).toEqual(q.quantization);
    const xHandle = one.upload(x);
    const output = one.kernels.quantizedDense!({ x: xHandle, kernel }, {});
    const y = one.download(output as never);
    expectClose(y, denseOn(referenceBackend, x, q), x, q, 4);
    for (const handle of [kernel, xHandle, output]) one.release(handle as never);
    expect(one.memory().handles).toBe(0);
  });
});
