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

describe('uploadStreamed in webasm mode packs straight into the kernels', () => {
  it.each([false, true])('across row blocks and tiles, held once (threads: %s)', async (threads) => {
    const backend = createGpuBackend({ mode: 'webasm', threads, limits: { maxTileElements: 2 ** 19 } });
    await backend.ready;
    try {
      // 4096 columns: 256 rows per 1 MiB block, so 300 rows take two blocks; 2^19 weights per tile.
      const [inner, units] = [301, 4096];
      const float = randomNormal([inner, units], { seed: 3 }) as Tensor<'f32'>;
      const q = QTensor.fromTensor(float);
      const quantized = await backend.uploadStreamed({ values: rowSource(q.value.data, [inner, units], 's8'), scale: q.scale, zeroPoint: q.zeroPoint });
      const int8Bytes = backend.memory().deviceBytes - backend.memory().ioBytes;
      const plain = await backend.uploadStreamed({ values: rowSource(float.data, [inner, units], 'f32') });
      const floatBytes = backend.memory().deviceBytes - backend.memory().ioBytes - int8Bytes;
      // The weights went straight into the memories of their single-row kernels.
      // (on the host: only the int8 per-column offsets and scales).
      expect(backend.memory().tensorBytes).toBeLessThan(0.1 * int8Bytes);
      expect(backend.memory().ioBytes).toBeGreaterThan(0);
      // One copy: 3 int8 weights per float32 word, padded per tile (rows to 4, column groups
      // to 4), plus per-column offsets and scales (in the kernel and on the host).
      expect(int8Bytes).toBeLessThanOrEqual(1.15 * ((4 * inner * units) / 3) + 4 * 4 * units);
      expect(int8Bytes).toBeGreaterThanOrEqual((4 * inner * units) / 3);
      expect(floatBytes).toBeLessThanOrEqual(1.05 * 4 * inner * units);
      expect(floatBytes).toBeGreaterThanOrEqual(4 * inner * units);
      for (const rows of [1, 3]) {
        const x = randomNormal([rows, inner], { seed: 4 + rows });
        for (const [kernel, op, host] of [
          [quantized, 'quantizedDense', q],
          [plain, 'dense', float],
        ] as const) {
          const actual = await runOp(backend, op, { x, kernel }, {});
          const expected = await runOp(referenceBackend, op, { x, kernel: host }, {});
          expect(allClose(actual, expected, { rtol: 1e-4, atol: 1e-4 }).message).toBe('');
        }
      }
      expect(Array.from((await backend.download(plain)).data)).toEqual(Array.from(float.data));
    } finally {
      backend.dispose();
    }
  }, 30_000);
});
