import { describe, expect, it } from 'vitest';
import { QTensor } from '@qaxon/tensor';
import { matmulNBitsWeights } from '../onnx/matmul-nbits-weights.js';
import { s4Kernel } from './s4-kernel.js';
import { qaxonRunner } from './qaxon-runner.js';

const weight = (() => {
  const k = 70;
  const n = 5;
  const values = new Int8Array(k * n).map((_, i) => ((i * 37) % 255) - 127);
  const scales = new Float32Array(n).map((_, i) => 0.01 * (i + 1));
  return { kind: 'int8' as const, k, n, values, scales };
})();

describe('s4Kernel', () => {
  it("holds the q4 graph's weights: 4 bits in blocks of 32, the last one shorter", () => {
    const q = s4Kernel(weight);
    expect(q).toBeInstanceOf(QTensor);
    expect(q.quantization).toMatchObject({ bits: 4, groupSize: 32, symmetric: true });
    // Equal up to the sign of zero (matmulNBitsWeights writes -0 for a negative w that rounds to 0).
    const unsigned = (values: Float32Array) => [...values].map((value) => value + 0);
    expect(unsigned(q.dequantize().data)).toEqual(unsigned(matmulNBitsWeights(weight, 4).values));
  });

  it('runs on the s4 WebAssembly configuration with the q4 weights', async () => {
    const runner = await qaxonRunner({ kind: 'wasm', threads: 1, weights: 's4' });
    const model = await runner.prepareKernel(weight);
    const x = new Float32Array(weight.k).map((_, i) => Math.sin(i));
    const y = await model.run(x, 1);
    const values = matmulNBitsWeights(weight, 4).values;
    for (let n = 0; n < weight.n; n++) {
      let exact = 0;
      for (let k = 0; k < weight.k; k++) exact += x[k]! * values[k * weight.n + n]!;
      expect(y[n]).toBeCloseTo(exact, 3);
    }
    await model.dispose();
  });
});
