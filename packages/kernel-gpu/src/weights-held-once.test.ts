import { referenceBackend } from '@qaxon/kernel-reference';
import { allClose, runOp, type Handle, type QTensor, type Tensor } from '@qaxon/tensor';
import { describe, expect, it } from 'vitest';
import { createGpuBackend, type GpuBackend } from './backend.js';
import { randomProblem } from './test-support/random-problem.js';

const INNER = 300;
const UNITS = 96;

/** Bytes the backend holds for its weights: everything but the kernels' input and output buffers. */
function heldBytes(backend: GpuBackend): number {
  const { deviceBytes, ioBytes } = backend.memory();
  return deviceBytes - ioBytes;
}

/** Runs `op` with `kernel` and checks it against the reference, releasing the output. */
async function runAndCheck(backend: GpuBackend, op: 'dense' | 'quantizedDense', x: Tensor, kernel: Handle, host: Tensor | QTensor): Promise<void> {
  const actual = await runOp(backend, op, { x, kernel }, {});
  const expected = await runOp(referenceBackend, op, { x, kernel: host }, {});
  expect(allClose(actual, expected, { rtol: 1e-5, atol: 1e-5 }).message).toBe('');
}

describe.each(['cpu', 'webasm'] as const)('an uploaded weight is held once in %s mode', (mode) => {
  it('f32: memory() reports about its own bytes, before and after dense runs (one batch size), and download still returns it', async () => {
    const backend = createGpuBackend({ mode });
    try {
      const { x, float } = randomProblem(3, INNER, UNITS, 11);
      const handle = backend.upload(float);
      const own = float.data.byteLength;
      expect(heldBytes(backend)).toBe(own);
      await runAndCheck(backend, 'dense', x, handle, float);
      await runAndCheck(backend, 'dense', x, handle, float);
      // Buffer modes hold the weights as columns padded to multiples of 4 (rows and columns).
      const padded = 4 * (4 * Math.ceil(INNER / 4)) * (4 * Math.ceil(UNITS / 4));
      const held = heldBytes(backend);
      expect(held).toBeGreaterThanOrEqual(own);
      expect(held).toBeLessThanOrEqual(mode === 'cpu' ? own : padded);
      expect(Array.from(backend.download(handle).data)).toEqual(Array.from(float.data));
      backend.release(handle);
      expect(backend.memory().deviceBytes).toBe(0);
    } finally {
      backend.dispose();
    }
  });

  it('int8: memory() reports about its int8 bytes (webasm packs 3 per float32 word), before and after a kernel runs', async () => {
    const backend = createGpuBackend({ mode });
    try {
      const { x, quantized } = randomProblem(1, INNER, UNITS, 21);
      const handle = backend.upload(quantized);
      const own = quantized.byteSize;
      // 3 int8 weights per float32 word, and a float32 offset and scale per column.
      const packed = 4 * INNER * Math.ceil(UNITS / 3) + 2 * 4 * 3 * Math.ceil(UNITS / 3);
      const limit = mode === 'cpu' ? own : packed;
      const before = heldBytes(backend);
      expect(before).toBeGreaterThanOrEqual(mode === 'cpu' ? own : INNER * UNITS);
      expect(before).toBeLessThanOrEqual(limit);
      await runAndCheck(backend, 'quantizedDense', x, handle, quantized);
      const after = heldBytes(backend);
      expect(after).toBeGreaterThanOrEqual(mode === 'cpu' ? own : INNER * UNITS);
      // The packed host copy is dropped once the WebAssembly kernel holds it; only the
      // per-column offsets and scales stay on the host as well.
      expect(after).toBeLessThanOrEqual(limit + (mode === 'cpu' ? 0 : 2 * 4 * 3 * Math.ceil(UNITS / 3)));
      backend.release(handle);
      expect(backend.memory().deviceBytes).toBe(0);
    } finally {
      backend.dispose();
    }
  });

  it('kernels built after the host copy was dropped (other batch sizes) read the same weights', async () => {
    const backend = createGpuBackend({ mode });
    try {
      const { x: block, float, quantized } = randomProblem(5, INNER, UNITS, 31);
      const { x: row } = randomProblem(1, INNER, UNITS, 41);
      const f32 = backend.upload(float);
      const int8 = backend.upload(quantized);
      for (const x of [block, row, block]) {
        await runAndCheck(backend, 'dense', x, f32, float);
        await runAndCheck(backend, 'quantizedDense', x, int8, quantized);
      }
      expect(Array.from(backend.download(f32).data)).toEqual(Array.from(float.data));
    } finally {
      backend.dispose();
    }
  });
});
