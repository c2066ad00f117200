import { referenceBackend } from '@qaxon/kernel-reference';
import { QTensor, allClose, randomNormal, runOp, type RowSource, type StreamedWeight, type Tensor } from '@qaxon/tensor';
import { describe, expect, it } from 'vitest';
import { createGpuBackend } from './backend.js';

/** A row source over a host array, counting the reads. */
function rowSource(data: Float32Array | Int8Array, shape: [number, number], dtype: 'f32' | 's8'): RowSource & { reads: number } {
  const source = {
    shape,
    dtype,
    reads: 0,
    read(firstRow: number, rowCount: number, into: Float32Array | Int8Array): Promise<void> {
      source.reads++;
      into.set(data.subarray(firstRow * shape[1], (firstRow + rowCount) * shape[1]));
      return Promise.resolve();
    },
  };
  return source;
}

describe.each(['cpu', 'webasm'] as const)('uploadStreamed in %s mode', (mode) => {
  it('places a quantized and a float weight that compute like their uploads', async () => {
    const backend = createGpuBackend({ mode });
    try {
      const float = randomNormal([40, 12], { seed: 1 }) as Tensor<'f32'>;
      const q = QTensor.fromTensor(float);
      const x = randomNormal([3, 40], { seed: 2 });
      const streamedQ: StreamedWeight = { values: rowSource(q.value.data, [40, 12], 's8'), scale: q.scale, zeroPoint: q.zeroPoint };
      const quantized = await backend.uploadStreamed(streamedQ);
      expect(quantized.quantization).toEqual(q.quantization);
      const streamedF: StreamedWeight = { values: rowSource(float.data, [40, 12], 'f32') };
      const plain = await backend.uploadStreamed(streamedF);
      for (const [kernel, op, host] of [
        [quantized, 'quantizedDense', q],
        [plain, 'dense', float],
      ] as const) {
        const actual = await runOp(backend, op, { x, kernel }, {});
        const expected = await runOp(referenceBackend, op, { x, kernel: host }, {});
        expect(allClose(actual, expected, { rtol: 1e-5, atol: 1e-5 }).message).toBe('');
      }
      expect(backend.transfers().uploads).toBeGreaterThanOrEqual(2);
    } finally {
      backend.dispose();
    }
  });
});
