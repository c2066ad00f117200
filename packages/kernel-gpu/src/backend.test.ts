import { QTensor, ShapeError, Tensor, ones, runOp, tensor, zeros } from '@qaxon/tensor';
import { GPU } from 'gpu.js';
import { afterEach, describe, expect, it } from 'vitest';
import { createGpuBackend, type GpuBackend } from './backend.js';
import { GpuBackendError, GpuModeUnavailableError, GpuSelfTestError } from './errors.js';
import type { GpuJsConstructor } from './gpu-js.js';
import { availableGpuModes, AUTO_MODE_ORDER } from './modes.js';
import { expectMatchesReference } from './test-support/match-reference.js';
import { randomProblem } from './test-support/random-problem.js';

const created: GpuBackend[] = [];
function backend(options: Parameters<typeof createGpuBackend>[0]): GpuBackend {
  const made = createGpuBackend(options);
  created.push(made);
  return made;
}
afterEach(() => {
  for (const made of created.splice(0)) made.dispose();
});

/** Claims `pretended` exists but hands gpu.js `actual` instead: the self-test must notice. */
function gpuPretending(pretended: string, actual: string, support: Record<string, boolean>): GpuJsConstructor {
  const Pretend = function (settings?: { mode?: string }) {
    return new GPU({ mode: (settings?.mode === pretended ? actual : settings?.mode) as 'cpu' });
  } as unknown as GpuJsConstructor;
  Object.assign(Pretend, support);
  return Pretend;
}

/** A GPU whose every kernel returns zeros: wrong numbers the self-test must catch. */
function gpuReturningZeros(): GpuJsConstructor {
  const Zeros = function (settings?: { mode?: string }) {
    const gpu = new GPU({ mode: settings?.mode as 'cpu' });
    const createKernel = gpu.createKernel.bind(gpu) as (source: string, options: Record<string, unknown>) => unknown;
    return Object.assign(Object.create(gpu) as object, {
      createKernel(source: string, options: Record<string, unknown>) {
        const real = createKernel(source, options) as { kernel: unknown };
        const [width, rows] = options.output as [number, number];
        const zeroRow = (): unknown => (options.returnType === 'Number' ? new Float32Array(width) : Array.from({ length: width }, () => new Float32Array(4)));
        return Object.assign(() => Array.from({ length: rows }, zeroRow), real, { kernel: real.kernel });
      },
    });
  } as unknown as GpuJsConstructor;
  Object.assign(Zeros, { isWebAssemblySupported: true });
  return Zeros;
}

describe('createGpuBackend: modes', () => {
  it('auto picks the first available mode that passes the self-test, and it computes right', async () => {
    const made = backend({ mode: 'auto' });
    const available = availableGpuModes(GPU);
    expect(made.mode).toBe(AUTO_MODE_ORDER.find((mode) => available.includes(mode)));
    expect(made.name).toBe(`gpu.js:${made.mode}`);
    await expect(made.ready).resolves.toBeUndefined();
    const { x, quantized, float, bias } = randomProblem(3, 40, 9, 11);
    await expectMatchesReference(made, 'quantizedDense', { x, kernel: quantized, bias }, {});
    await expectMatchesReference(made, 'dense', { x, kernel: float }, {});
  });

  it('the default mode is auto', () => {
    expect(backend({}).mode).toBe(backend({ mode: 'auto' }).mode);
  });

  it('refuses a mode that is not available, listing the modes that are', () => {
    const attempt = () => createGpuBackend({ mode: 'webgl2' });
    expect(attempt).toThrow(GpuModeUnavailableError);
    try {
      attempt();
    } catch (error) {
      const unavailable = error as GpuModeUnavailableError;
      expect(unavailable.requested).toBe('webgl2');
      expect(unavailable.available).toContain('cpu');
      expect(unavailable.message).toMatch(/mode 'webgl2' is not available here \(gpu\.js reports no WebGL2 context.*available modes: .*webasm, cpu/);
    }
    expect(() => createGpuBackend({ mode: 'webgpu' })).toThrow(/mode 'webgpu' is not available here \(navigator\.gpu does not exist/);
  });

  it('refuses a string that is not a mode', () => {
    expect(() => createGpuBackend({ mode: 'gpu' as 'cpu' })).toThrow(
      /mode 'gpu' is not available here \(not a mode: expected 'auto' or one of webgl2, webgl, headlessgl, webgpu, webasm, cpu\)/,
    );
  });

  it('takes an injected GPU constructor, and auto skips a mode gpu.js secretly runs elsewhere', () => {
    const Pretend = gpuPretending('webasm', 'cpu', { isWebAssemblySupported: true });
    expect(() => createGpuBackend({ mode: 'webasm', GPU: Pretend })).toThrow(GpuSelfTestError);
    expect(() => createGpuBackend({ mode: 'webasm', GPU: Pretend })).toThrow(/gpu\.js ran the kernel in 'cpu' mode instead of 'webasm'/);
    const made = backend({ GPU: Pretend });
    expect(made.mode).toBe('cpu');
    expect(made.skippedModes.map(({ mode }) => mode)).toEqual(['webasm']);
    expect(made.skippedModes[0]!.reason).toMatch(/failed the self-test/);
  });

  it('turns a kernel that throws during the self-test into a GpuSelfTestError', () => {
    // gpu.js's cpu backend cannot read the RGBA8 weight image of the GL program.
    const Pretend = gpuPretending('webgl2', 'cpu', { isWebGL2Supported: true, isWebAssemblySupported: true });
    expect(() => createGpuBackend({ mode: 'webgl2', GPU: Pretend })).toThrow(/gpu\.js mode 'webgl2' failed the self-test: a kernel threw/);
    expect(backend({ GPU: Pretend }).mode).toBe('webasm');
  });

  it('refuses a mode whose kernels compute wrong numbers', () => {
    expect(() => createGpuBackend({ mode: 'webasm', GPU: gpuReturningZeros() })).toThrow(
      /gpu\.js mode 'webasm' failed the self-test: quantizedDense: expected 38 at \[0, 0\], got 0/,
    );
    expect(() => createGpuBackend({ mode: 'auto', GPU: gpuReturningZeros() })).toThrow(GpuBackendError);
  });
});

describe.each(['webasm', 'cpu'] as const)('createGpuBackend({ mode: %s })', (mode) => {
  it('reports the mode and computes every rank, with and without bias', async () => {
    const made = backend({ mode });
    expect(made.mode).toBe(mode);
    const q = QTensor.fromTensor(new Tensor(Float32Array.from([1, -2, 0.5, 4, -1, 3]), [3, 2], 'f32'));
    for (const x of [ones([3]), ones([2, 3]), ones([2, 2, 3])]) {
      for (const bias of [undefined, tensor([1, -1])]) {
        await expectMatchesReference(made, 'quantizedDense', { x, kernel: q, ...(bias === undefined ? {} : { bias }) }, {});
      }
    }
  });

  it('handles empty batches and K = 0', async () => {
    const made = backend({ mode });
    const empty = await runOp(made, 'quantizedDense', { x: zeros([0, 4]), kernel: QTensor.fromTensor(ones([4, 3])) }, {});
    expect(empty.shape).toEqual([0, 3]);
    const noInner = await runOp(made, 'dense', { x: zeros([2, 0]), kernel: zeros([0, 3]), bias: tensor([1.5, 1.5, 1.5]) }, {});
    expect(noInner.toArray()).toEqual([
      [1.5, 1.5, 1.5],
      [1.5, 1.5, 1.5],
    ]);
  });

  it('packs a weight once, counts handles and bytes, and frees them on release and dispose', async () => {
    const made = backend({ mode });
    const { x, quantized, float } = randomProblem(2, 64, 12, 3);
    expect(made.memory()).toEqual({ deviceBytes: 0, handles: 0, weightBytes: 0, ioBytes: 0, tensorBytes: 0 });
    const kernel = made.upload(quantized);
    const input = made.upload(x);
    expect(made.memory().handles).toBe(2);
    const first = await made.kernels.quantizedDense!({ x: input, kernel }, {});
    made.release(first);
    const once = made.memory();
    const second = await made.kernels.quantizedDense!({ x: input, kernel }, {});
    made.release(second);
    expect(made.memory()).toEqual(once);
    const floatKernel = made.upload(float);
    made.release(await made.kernels.dense!({ x: input, kernel: floatKernel }, {}));
    expect(made.memory().handles).toBe(3);
    made.release(kernel);
    made.release(kernel);
    expect(made.owns(kernel)).toBe(false);
    expect(made.memory().handles).toBe(2);
    expect(made.transfers()).toEqual({ uploads: 3, downloads: 0 });
    made.dispose();
    expect(made.memory()).toEqual({ deviceBytes: 0, handles: 0, weightBytes: 0, ioBytes: 0, tensorBytes: 0 });
    expect(() => made.upload(x)).toThrow(/the gpu\.js:.* backend was disposed/);
    expect(() => made.kernels.dense!({ x: input, kernel: floatKernel }, {})).toThrow(/the gpu\.js:.* backend was disposed/);
  });

  it('refuses a released handle and a handle of another backend', async () => {
    const made = backend({ mode });
    const other = backend({ mode });
    const x = made.upload(ones([2, 2]));
    made.release(x);
    expect(() => made.download(x)).toThrow(/expected a live handle of this backend, got a released handle of shape \[2, 2\]/);
    expect(() => made.download(other.upload(ones([1])))).toThrow(/got a handle of another gpu\.js backend instance/);
    await expect(runOp(made, 'relu', { x }, {})).rejects.toThrow(/expected input 'x' to be a Tensor, a QTensor or a live handle/);
  });

  it('refuses a quantized weight as a download', () => {
    const made = backend({ mode });
    const kernel = made.upload(QTensor.fromTensor(ones([4, 2])));
    expect(kernel.quantization).toEqual({ bits: 8, axis: 1, groupSize: undefined, symmetric: true });
    expect(() => made.download(kernel)).toThrow(/got a quantized weight of shape \[4, 2\]/);
  });

  it('the core checks shapes before a kernel runs', async () => {
    const made = backend({ mode });
    const q = QTensor.fromTensor(ones([4, 2]));
    await expect(runOp(made, 'quantizedDense', { x: ones([2, 3]), kernel: q }, {})).rejects.toThrow(ShapeError);
  });
});

describe('createGpuBackend({ mode: webasm, threads: true })', () => {
  it('runs on the worker pool: promises, split K for a GEMV, and the reference results', async () => {
    const made = backend({ mode: 'webasm', threads: true });
    await expect(made.ready).resolves.toBeUndefined();
    // 1200 units: 400 column groups; a single row is split into 11 parts of K (4400 threads).
    for (const [rows, inner, units] of [
      [1, 1024, 1200],
      [17, 256, 1200],
    ] as const) {
      const { x, quantized, float, bias } = randomProblem(rows, inner, units, 21);
      const handles = { x: made.upload(x), kernel: made.upload(quantized), bias: made.upload(bias) };
      expect(made.kernels.quantizedDense!(handles, {})).toBeInstanceOf(Promise);
      await expectMatchesReference(made, 'quantizedDense', { x, kernel: quantized, bias }, {});
      await expectMatchesReference(made, 'dense', { x, kernel: float, bias }, {});
    }
  }, 30_000);

  it('other modes ignore the threads option', () => {
    const made = backend({ mode: 'cpu', threads: true });
    const { x, quantized } = randomProblem(1, 8, 3, 1);
    expect(made.kernels.quantizedDense!({ x: made.upload(x), kernel: made.upload(quantized) }, {})).not.toBeInstanceOf(Promise);
  });
});

describe('device memory', () => {
  it('webasm holds int8 weights packed 3 per float32 word (a third of a float kernel)', async () => {
    const made = backend({ mode: 'webasm' });
    const { x, quantized, float } = randomProblem(1, 300, 96, 5);
    const input = made.upload(x);
    const q = made.upload(quantized);
    made.release(await made.kernels.quantizedDense!({ x: input, kernel: q }, {}));
    const int8 = made.memory().weightBytes;
    made.release(q);
    const w = made.upload(float);
    made.release(await made.kernels.dense!({ x: input, kernel: w }, {}));
    const f32 = made.memory().weightBytes;
    expect(int8).toBe(4 * 300 * 32 + 4 * 6 * 32); // 32 words per row + offsets and scales
    expect(f32).toBe(4 * 300 * 96);
    expect(int8 / f32).toBeLessThan(0.35);
  });

  it('cpu mode reads the QTensor in place: no packed copy', async () => {
    const made = backend({ mode: 'cpu' });
    const { x, quantized } = randomProblem(2, 30, 7, 9);
    made.release(await made.kernels.quantizedDense!({ x: made.upload(x), kernel: made.upload(quantized) }, {}));
    expect(made.memory().weightBytes).toBe(0);
  });
});
