import type { MaybePromise } from '@qaxon/tensor';
import type { GpuJsInstance, GpuJsKernel } from './gpu-js.js';
import type { GpuJsTexture } from './handles/gpu-handle.js';
import { modeFamily, type GpuMode } from './modes.js';

/**
 * What a program of {@link DevicePrograms} returns: a texture that stays on the GPU on GL
 * modes, a fresh host array elsewhere.
 *
 * @example
 * ```ts
 * import type { DeviceOutput } from '@qaxon/kernel-gpu/internals';
 * const output: DeviceOutput = new Float32Array(4);
 * ```
 */
export type DeviceOutput = GpuJsTexture | Float32Array;

/**
 * The compiled gpu.js programs of one backend that carry no tensor (elementwise ops,
 * softmax, `matMul`, `attention`), one per source and output size, compiled on first use
 * and freed by {@link DevicePrograms.dispose}. On GL modes they are pipeline kernels
 * (their output stays a texture, read flat by the next program); one program per output
 * size, because gpu.js resizing a pipeline kernel's output (`setOutput`) leaves later
 * calls reading stale textures. Elsewhere they return host arrays.
 *
 * @example
 * ```ts
 * import { defaultGpuConstructor as GPU } from '@qaxon/kernel-gpu';
 * import { DevicePrograms, GL_COPY_SOURCE } from '@qaxon/kernel-gpu/internals';
 * const programs = new DevicePrograms(new GPU({ mode: 'cpu' }), 'cpu');
 * console.log(programs.run(GL_COPY_SOURCE, [2], [Float32Array.from([1, 2])])); // Float32Array [1, 2]
 * programs.dispose();
 * ```
 */
export class DevicePrograms {
  readonly #gpu: GpuJsInstance;
  readonly #gl: boolean;
  readonly #programs = new Map<string, GpuJsKernel>();

  constructor(gpu: GpuJsInstance, mode: GpuMode) {
    this.#gpu = gpu;
    this.#gl = modeFamily(mode) === 'gl';
  }

  /** Compiled programs held. */
  get size(): number {
    return this.#programs.size;
  }

  /** The compiled program of `source` for a 1D or 2D `output` (compiled on first use). */
  program(source: string, output: readonly number[]): GpuJsKernel {
    const key = `${output.join('x')}:${source}`;
    let kernel = this.#programs.get(key);
    if (kernel === undefined) {
      const settings: Record<string, unknown> = { output: [...output], dynamicArguments: true, precision: 'single', tactic: 'precision' };
      if (this.#gl) {
        settings['pipeline'] = true;
        settings['immutable'] = true;
      }
      kernel = this.#gpu.createKernel(source, settings);
      this.#programs.set(key, kernel);
    }
    return kernel;
  }

  /**
   * Runs `source` over `output` threads (`[length]`, or `[x, y]` read row by row) with
   * `args`: the output texture on GL modes, one flat host array elsewhere (a promise of it
   * where gpu.js kernels are asynchronous).
   */
  run(source: string, output: readonly number[], args: readonly unknown[]): MaybePromise<DeviceOutput> {
    const length = output.reduce((total, size) => total * size, 1);
    const result = this.program(source, output)(...args);
    if (result instanceof Promise) return result.then((value: unknown) => this.#output(value, length));
    return this.#output(result, length);
  }

  /** Frees an output of {@link DevicePrograms.run} that no handle took (a texture; host arrays are collected). */
  discard(output: DeviceOutput): void {
    if (output instanceof Float32Array) return;
    try {
      output.delete();
    } catch {
      // A texture whose context is already gone has nothing left to free.
    }
  }

  /** Frees every program. */
  dispose(): void {
    for (const kernel of this.#programs.values()) destroyKernel(kernel, this.#gl);
    this.#programs.clear();
  }

  #output(value: unknown, length: number): DeviceOutput {
    if (this.#gl) return value as GpuJsTexture;
    if (value instanceof Float32Array) return value.length === length ? value : value.slice(0, length);
    // A 2D output: one array per row.
    const out = new Float32Array(length);
    let offset = 0;
    for (const row of value as ArrayLike<number>[]) {
      out.set(row, offset);
      offset += row.length;
    }
    return out;
  }
}

function destroyKernel(kernel: GpuJsKernel, gl: boolean): void {
  try {
    if (gl) {
      // See UploadedWeights: keep the vertex buffer other kernels on the context point at.
      const inner = kernel.kernel as unknown as { buffer?: unknown };
      if (inner !== null && typeof inner === 'object' && 'buffer' in inner) inner.buffer = null;
    }
    kernel.destroy(true);
  } catch {
    // A kernel whose context is already gone has nothing left to free.
  }
}
