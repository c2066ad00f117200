import { validateDenseInputs, type DenseDimensions } from '@qaxon/kernel-reference';
import { Tensor, kernelStamp, type DenseBias, type MaybePromise, type QTensor } from '@qaxon/tensor';
import type { GpuBackend, GpuBackendMemory, GpuBackendOptions, SkippedMode } from './backend.js';
import { GpuBackendError, GpuModeUnavailableError, GpuSelfTestError } from './errors.js';
import type { GpuJsConstructor, GpuJsInstance } from './gpu-js.js';
import { kernelProgram, type TexelRowOrder, type TileUpload } from './kernel-programs.js';
import { addKernelOutput } from './kernel-output.js';
import { availableGpuModes, modeFamily, type GpuMode } from './modes.js';
import { runSequence } from './run-sequence.js';
import { describeMismatch, selfTestProblem } from './self-test.js';
import { webGlRenderer } from './renderer.js';
import { planTiles, rowChunks, type GpuTileLimits } from './tiling.js';
import { UploadCache } from './upload-cache.js';
import { UploadedWeights } from './uploaded-weights.js';

type KernelName = 'dense' | 'quantizedDense';

/** Threads a GL call aims for (split K reaches it for small batches). */
const GL_TARGET_THREADS = 16384;
/** Threads a WebAssembly call needs before gpu.js hands it to its worker pool. */
const WASM_THREADED_CELLS = 4096;
/** Shortest K chunk a thread sums when K is split. */
const MIN_CHUNK = 64;

/**
 * The {@link GpuBackend} over one gpu.js `GPU` instance; {@link createGpuBackend} picks its
 * mode and builds it.
 */
export class GpuJsBackend implements GpuBackend {
  readonly name: string;
  readonly mode: GpuMode;
  readonly skippedModes: readonly SkippedMode[];
  readonly limits: Readonly<GpuTileLimits>;
  readonly ready: Promise<void>;
  #renderer: string | undefined | null = null;
  readonly #gpu: GpuJsInstance;
  readonly #cache = new UploadCache<UploadedWeights>();
  #rowOrder: TexelRowOrder = 'flipped';
  readonly #threads: boolean;
  #pending: Promise<void> | undefined;
  #disposed = false;

  constructor(GPU: GpuJsConstructor, mode: GpuMode, options: GpuBackendOptions, skipped: readonly SkippedMode[]) {
    this.mode = mode;
    this.name = `gpu.js:${mode}`;
    this.skippedModes = [...skipped];
    this.#threads = mode === 'webasm' && options.threads === true;
    try {
      this.#gpu = new GPU({ mode });
    } catch (error) {
      throw new GpuModeUnavailableError(mode, availableGpuModes(GPU), `gpu.js refused it: ${error instanceof Error ? error.message : String(error)}`);
    }
    this.limits = Object.freeze(resolveLimits(mode, this.#gpu, options.limits));
    if (options.verify === false) {
      this.ready = Promise.resolve();
      return;
    }
    if (mode === 'webgpu' || this.#threads) {
      this.#pending = this.#selfTestAsync().finally(() => {
        this.#pending = undefined;
      });
      this.ready = this.#pending;
      this.ready.catch(() => {});
      return;
    }
    try {
      this.#selfTestSync();
    } catch (error) {
      this.dispose();
      throw error;
    }
    this.ready = Promise.resolve();
  }

  get renderer(): string | undefined {
    if (this.#renderer === null) {
      // The context exists once a kernel was built (the self-test builds one).
      if (modeFamily(this.mode) !== 'gl' || this.#gpu.context === undefined || this.#gpu.context === null) return undefined;
      this.#renderer = webGlRenderer(this.#gpu.context);
    }
    return this.#renderer;
  }

  dense(x: Tensor<'f32'>, kernel: Tensor<'f32'>, bias?: DenseBias): MaybePromise<Tensor<'f32'>> {
    return this.#run('dense', x, kernel, bias);
  }

  quantizedDense(x: Tensor<'f32'>, kernel: QTensor, bias?: DenseBias): MaybePromise<Tensor<'f32'>> {
    return this.#run('quantizedDense', x, kernel, bias);
  }

  release(kernel: Tensor | QTensor): boolean {
    return this.#cache.delete(kernel);
  }

  memory(): GpuBackendMemory {
    let weightBytes = 0;
    let ioBytes = 0;
    for (const uploaded of this.#cache.values()) {
      weightBytes += uploaded.weightBytes;
      ioBytes += uploaded.ioBytes;
    }
    return { deviceBytes: weightBytes + ioBytes, weightBytes, ioBytes, cachedKernels: this.#cache.size };
  }

  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#cache.clear();
    try {
      Promise.resolve(this.#gpu.destroy()).catch(() => {});
    } catch {
      // gpu.js may fail to tear down a context that is already lost; nothing is left to free.
    }
  }

  #run(kernelName: KernelName, x: Tensor<'f32'>, weights: Tensor<'f32'> | QTensor, bias: DenseBias): MaybePromise<Tensor<'f32'>> {
    if (this.#disposed) throw new GpuBackendError(`${kernelName}: the ${this.name} backend was disposed; create a new one`);
    const dimensions = validateDenseInputs(kernelName, x, weights, bias);
    if (this.#pending !== undefined) return this.#pending.then(() => this.#compute(kernelName, x, weights, bias, dimensions));
    return this.#compute(kernelName, x, weights, bias, dimensions);
  }

  #compute(
    kernelName: KernelName,
    x: Tensor<'f32'>,
    weights: Tensor<'f32'> | QTensor,
    bias: DenseBias,
    { rows, inner, units, outputShape }: DenseDimensions,
  ): MaybePromise<Tensor<'f32'>> {
    const out = new Float32Array(rows * units);
    const finish = (): Tensor<'f32'> => {
      addBias(out, units, bias);
      return new Tensor(out, outputShape, 'f32');
    };
    if (rows === 0 || units === 0 || inner === 0) return finish();

    const program = kernelProgram(kernelName, this.mode);
    const stride = Math.ceil(inner / program.innerAlign) * program.innerAlign;
    const uploaded = this.#upload(kernelName, weights, inner, units);
    const blockRows = this.#blockRows(stride);
    const jobs: { start: number; end: number; tile: number }[] = [];
    for (const [start, end] of rowChunks(rows, blockRows)) {
      for (let tile = 0; tile < uploaded.tiles.length; tile++) jobs.push({ start, end, tile });
    }
    const splits = jobs.map(({ start, end, tile }) => this.#split(program.splitsInner, uploaded.tiles[tile]!, end - start, program.innerAlign));
    const done = runSequence(
      jobs.length,
      (index) => {
        const { start, end, tile } = jobs[index]!;
        const { parts, chunk } = splits[index]!;
        const { kernel, callRows } = uploaded.kernelFor(tile, end - start, blockRows, parts);
        const xRows = rowsOf(x.data, inner, stride, start, end, callRows);
        return program.splitsInner ? kernel(xRows, parts, chunk) : kernel(xRows);
      },
      (index, result) => {
        const { start, end, tile } = jobs[index]!;
        addKernelOutput(result, out, units, start, end - start, uploaded.tiles[tile]!.tile, program.unitsPerGroup, splits[index]!.parts);
      },
    );
    return done === undefined ? finish() : done.then(finish);
  }

  #upload(kernelName: KernelName, weights: Tensor<'f32'> | QTensor, inner: number, units: number): UploadedWeights {
    const stamp = kernelStamp(weights);
    const cached = this.#cache.current(weights, stamp);
    if (cached !== undefined) return cached;
    const program = kernelProgram(kernelName, this.mode);
    const tiles = planTiles(inner, units, program.constraints(this.limits)).map((tile) => program.upload(weights, tile, this.#rowOrder));
    const stride = Math.ceil(inner / program.innerAlign) * program.innerAlign;
    const uploaded = new UploadedWeights(this.#gpu, this.mode, program, stride, tiles, this.#threads);
    this.#cache.set(weights, uploaded, stamp);
    return uploaded;
  }

  /**
   * How a call splits K into partial sums: on GL modes, enough that `groups * rows * parts`
   * reaches {@link GL_TARGET_THREADS} (a GEMV has few outputs) within the texture size; with
   * WebAssembly threads, enough that a single-row call reaches {@link WASM_THREADED_CELLS}.
   * Chunks are at least {@link MIN_CHUNK} long and a multiple of the program's alignment.
   */
  #split(splitsInner: boolean, upload: TileUpload, rows: number, align: number): { parts: number; chunk: number } {
    const inner = upload.innerLength;
    const family = modeFamily(this.mode);
    let wanted = 1;
    let limit = Math.floor(inner / MIN_CHUNK);
    if (family === 'gl') {
      wanted = Math.ceil(GL_TARGET_THREADS / (upload.groups * rows));
      limit = Math.min(limit, Math.floor(this.limits.maxTextureSize / rows));
    } else if (this.#threads && rows === 1) {
      wanted = Math.ceil(WASM_THREADED_CELLS / upload.groups);
    }
    if (!splitsInner || wanted <= 1 || limit <= 1) return { parts: 1, chunk: inner };
    const parts = Math.min(wanted, limit);
    const chunk = Math.ceil(inner / parts / align) * align;
    return { parts: Math.ceil(inner / chunk), chunk };
  }

  #blockRows(inner: number): number {
    const { maxRowsPerCall, maxTextureSize, maxTileElements } = this.limits;
    const textureRows = modeFamily(this.mode) === 'gl' ? maxTextureSize : Number.POSITIVE_INFINITY;
    return Math.max(1, Math.min(maxRowsPerCall, textureRows, Math.floor(maxTileElements / inner)));
  }

  #selfTestSync(): void {
    try {
      this.#selfTestSteps();
    } catch (error) {
      if (error instanceof GpuSelfTestError) throw error;
      throw new GpuSelfTestError(this.mode, `a kernel threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    }
  }

  #selfTestSteps(): void {
    const problem = selfTestProblem();
    const orders: TexelRowOrder[] = modeFamily(this.mode) === 'gl' ? ['flipped', 'upright'] : ['flipped'];
    const failures: string[] = [];
    for (const order of orders) {
      this.#rowOrder = order;
      const detail = this.#checkSelfTest('quantizedDense', problem, this.quantizedDense(problem.x, problem.quantized) as Tensor<'f32'>);
      this.#cache.delete(problem.quantized);
      if (detail === undefined) {
        failures.length = 0;
        break;
      }
      failures.push(orders.length > 1 ? `quantizedDense (${order} texture rows): ${detail}` : `quantizedDense: ${detail}`);
    }
    if (failures.length > 0) throw new GpuSelfTestError(this.mode, failures.join('; '));
    const detail = this.#checkSelfTest('dense', problem, this.dense(problem.x, problem.float) as Tensor<'f32'>);
    this.#cache.delete(problem.float);
    if (detail !== undefined) throw new GpuSelfTestError(this.mode, `dense: ${detail}`);
  }

  async #selfTestAsync(): Promise<void> {
    try {
      await this.#selfTestStepsAsync();
    } catch (error) {
      if (error instanceof GpuSelfTestError) throw error;
      throw new GpuSelfTestError(this.mode, `a kernel threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    }
  }

  async #selfTestStepsAsync(): Promise<void> {
    const problem = selfTestProblem();
    const dimensions = validateDenseInputs('quantizedDense', problem.x, problem.quantized, undefined);
    const quantized = await this.#compute('quantizedDense', problem.x, problem.quantized, undefined, dimensions);
    const quantizedDetail = this.#checkSelfTest('quantizedDense', problem, quantized);
    this.#cache.delete(problem.quantized);
    if (quantizedDetail !== undefined) throw new GpuSelfTestError(this.mode, `quantizedDense: ${quantizedDetail}`);
    const dense = await this.#compute('dense', problem.x, problem.float, undefined, dimensions);
    const denseDetail = this.#checkSelfTest('dense', problem, dense);
    this.#cache.delete(problem.float);
    if (denseDetail !== undefined) throw new GpuSelfTestError(this.mode, `dense: ${denseDetail}`);
  }

  /** A mismatch or a gpu.js fallback to another mode, described; `undefined` when all is well. */
  #checkSelfTest(kernelName: KernelName, problem: ReturnType<typeof selfTestProblem>, result: Tensor<'f32'>): string | undefined {
    const weights = kernelName === 'dense' ? problem.float : problem.quantized;
    const expectedKernelMode = modeFamily(this.mode) === 'gl' ? 'gpu' : this.mode;
    const running = this.#cache.get(weights)?.runningModes ?? [];
    const fallback = running.find((mode) => mode !== expectedKernelMode);
    if (fallback !== undefined) return `gpu.js ran the kernel in '${fallback}' mode instead of '${this.mode}'`;
    return describeMismatch(result.data, problem.expected, problem.quantized.shape[1]!);
  }
}

function resolveLimits(mode: GpuMode, gpu: GpuJsInstance, overrides: Partial<GpuTileLimits> = {}): GpuTileLimits {
  const family = modeFamily(mode);
  const reported = gpu.Kernel?.features?.maxTextureSize;
  const maxTextureSize = family === 'gl' ? (typeof reported === 'number' && reported > 0 ? reported : 4096) : Number.POSITIVE_INFINITY;
  return {
    maxTextureSize: overrides.maxTextureSize ?? maxTextureSize,
    maxTileElements: overrides.maxTileElements ?? (family === 'host' ? Number.POSITIVE_INFINITY : 2 ** 24),
    maxRowsPerCall: overrides.maxRowsPerCall ?? (family === 'buffer' ? 16 : 4096),
  };
}

/**
 * Rows `[start, end)` of `x` (`inner` wide) as `callRows` rows of `stride` floats: a view
 * when nothing needs padding, else a zero-padded copy.
 */
function rowsOf(data: Float32Array, inner: number, stride: number, start: number, end: number, callRows: number): Float32Array {
  if (stride === inner && end - start === callRows) return data.subarray(start * inner, end * inner);
  const padded = new Float32Array(callRows * stride);
  if (stride === inner) {
    padded.set(data.subarray(start * inner, end * inner));
    return padded;
  }
  for (let m = start; m < end; m++) padded.set(data.subarray(m * inner, (m + 1) * inner), (m - start) * stride);
  return padded;
}

function addBias(out: Float32Array, units: number, bias: DenseBias): void {
  if (bias === undefined) return;
  if (typeof bias === 'number') {
    if (bias !== 0) for (let i = 0; i < out.length; i++) out[i] = out[i]! + bias;
    return;
  }
  const values = bias.data;
  for (let i = 0; i < out.length; i++) out[i] = out[i]! + values[i % units]!;
}
