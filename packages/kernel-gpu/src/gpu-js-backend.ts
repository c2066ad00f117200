import {
  KernelUnsupportedError,
  QTensor,
  Tensor,
  ValueError,
  describeValue,
  inferOpOutput,
  sizeOf,
  type BackendPrecision,
  type DType,
  type Handle,
  type KernelTable,
  type MaybePromise,
  type OpAttrs,
  type OpInputs,
  type OpName,
  type Shape,
  type StreamedWeight,
  type TypedArrayFor,
} from '@qaxon/tensor';
import type { BackendContext } from './backend-context.js';
import { contextRunner } from './context-runner.js';
import type { GpuBackend, GpuBackendMemory, GpuBackendOptions, GpuTransfers, SkippedMode } from './backend.js';
import { uploadQuantized } from './dense-weights.js';
import { GpuBackendError, GpuModeUnavailableError } from './errors.js';
import { flattenTextureArray } from './flatten-texture-array.js';
import type { GpuJsConstructor, GpuJsInstance } from './gpu-js.js';
import { describeHandle } from './handles/describe-handle.js';
import { GpuHandle, type GpuJsTexture, type GpuStorage, type StorageCell } from './handles/gpu-handle.js';
import type { TexelRowOrder } from './kernel-programs.js';
import { GL_COPY_SOURCE } from './kernels/gl-elementwise.js';
import { withDenseActivations } from './kernels/dense-activation.js';
import { availableGpuModes, modeFamily, type GpuMode } from './modes.js';
import { BINARY_OPS, GL_UNARY_OPS, HOST_UNARY_OPS, gpuOpPrecision } from './op-precision.js';
import { DevicePrograms } from './device-programs.js';
import type { DeviceRunner } from './device-runner.js';
import { PlaceholderZeros } from './placeholder-zeros.js';
import { resolveLimits } from './resolve-limits.js';
import { storageBytes } from './storage-bytes.js';
import { runAttention } from './run-attention.js';
import { runDense } from './run-dense.js';
import { runDynamicDense } from './run-dynamic-dense.js';
import { runBinary, runSoftmax, runUnary } from './run-elementwise.js';
import { runMatMul } from './run-mat-mul.js';
import { runNorm } from './run-norms.js';
import { runRope } from './run-rope.js';
import { runSelfTest } from './run-self-test.js';
import { webGlRenderer } from './renderer.js';
import type { GpuTileLimits } from './tiling.js';
import { readStreamedWeight, uploadStreamedInPlace } from './upload-streamed.js';

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
  readonly kernels: KernelTable;
  readonly precision: BackendPrecision;
  #renderer: string | undefined | null = null;
  readonly #gpu: GpuJsInstance;
  readonly #gl: boolean;
  readonly #cells = new Set<StorageCell>();
  /** Compiled programs that hold no tensor (elementwise, softmax, matMul, attention). */
  readonly #programs: DevicePrograms;
  #rowOrder: TexelRowOrder = 'flipped';
  readonly #threads: boolean;
  #pending: Promise<void> | undefined;
  /** Zeros that `uploadStreamed` hands gpu.js as the placeholder weights of WebAssembly kernels. */
  readonly #placeholder = new PlaceholderZeros();
  /** See {@link BackendContext}. */
  readonly #context: BackendContext;
  /** What the `matMul`, `attention`, norm and `rope` kernels use of this backend. */
  readonly #runner: DeviceRunner;
  #disposed = false;
  #handles = 0;
  #uploads = 0;
  #downloads = 0;

  constructor(GPU: GpuJsConstructor, mode: GpuMode, options: GpuBackendOptions, skipped: readonly SkippedMode[]) {
    this.mode = mode;
    this.name = `gpu.js:${mode}`;
    this.skippedModes = [...skipped];
    this.#gl = modeFamily(mode) === 'gl';
    this.#threads = mode === 'webasm' && options.threads === true;
    this.kernels = this.#kernelTable();
    this.precision = Object.freeze(gpuOpPrecision(this.#gl));
    try {
      this.#gpu = new GPU({ mode });
    } catch (error) {
      throw new GpuModeUnavailableError(mode, availableGpuModes(GPU), `gpu.js refused it: ${error instanceof Error ? error.message : String(error)}`);
    }
    this.#programs = new DevicePrograms(this.#gpu, mode);
    this.limits = Object.freeze(resolveLimits(mode, this.#gpu, options.limits));
    this.#context = this.#makeContext();
    this.#runner = contextRunner(this.#context);
    if (options.verify === false) {
      this.ready = Promise.resolve();
      return;
    }
    let result: MaybePromise<void>;
    try {
      result = runSelfTest({
        mode,
        gl: this.#gl,
        useRowOrder: (order) => {
          this.#rowOrder = order;
        },
        upload: (value) => this.upload(value),
        download: (handle) => this.download(handle),
        release: (handle) => this.release(handle),
        dense: (op, inputs) => runDense(this.#context, op, inputs),
        resetTransfers: () => this.resetTransfers(),
      });
    } catch (error) {
      this.dispose();
      throw error;
    }
    if (result instanceof Promise) {
      // WebGPU and threaded WebAssembly: kernels wait for the self-test.
      this.#pending = result.finally(() => {
        this.#pending = undefined;
      });
      this.ready = this.#pending;
      this.ready.catch(() => {});
      return;
    }
    this.ready = Promise.resolve();
  }

  get renderer(): string | undefined {
    if (this.#renderer === null) {
      // The context exists once a kernel was built (the self-test builds one).
      if (!this.#gl || this.#gpu.context === undefined || this.#gpu.context === null) return undefined;
      this.#renderer = webGlRenderer(this.#gpu.context);
    }
    return this.#renderer;
  }

  upload(value: Tensor | QTensor): GpuHandle {
    this.#assertLive('upload');
    let handle: GpuHandle;
    if (value instanceof QTensor) handle = uploadQuantized(this.#context, value);
    else if (value instanceof Tensor) handle = this.#make({ kind: 'array', data: value.data }, value.shape, value.dtype);
    else throw new ValueError(`${this.name} backend: upload expected a Tensor or a QTensor, got ${describeValue(value)}`);
    this.#uploads++;
    return handle;
  }

  async uploadStreamed(weight: StreamedWeight): Promise<GpuHandle> {
    this.#assertLive('uploadStreamed');
    const placed = await uploadStreamedInPlace(this.#context, weight);
    if (placed !== undefined) {
      this.#uploads++;
      return placed;
    }
    return this.upload(await readStreamedWeight(this.#context, weight));
  }

  download(handle: Handle): Tensor {
    this.#assertLive('download');
    const own = this.#own(handle, 'download');
    const storage = own.cell.storage;
    this.#downloads++;
    const size = sizeOf(own.shape);
    if (storage.kind === 'array') return new Tensor(storage.data.slice(0, size) as TypedArrayFor<DType>, own.shape, own.dtype);
    if (storage.kind === 'texture') return new Tensor(flattenTextureArray(storage.texture.toArray(), size), own.shape, 'f32');
    if (storage.kind === 'weights' && storage.float !== undefined) {
      return new Tensor(storage.weights.unpackColumns(storage.float.inner, storage.float.units), own.shape, 'f32');
    }
    throw new ValueError(
      `${this.name} backend: download expected a plain tensor handle, got a quantized weight of shape [${own.shape.join(', ')}] (keep the host QTensor to read it)`,
    );
  }

  release(handle: Handle): void {
    if (this.#disposed || !(handle instanceof GpuHandle) || handle.owner !== this) return;
    const cell = handle.detach();
    if (cell === undefined) return;
    this.#handles--;
    cell.refs--;
    if (cell.refs === 0) this.#free(cell);
  }

  owns(handle: unknown): handle is GpuHandle {
    return !this.#disposed && handle instanceof GpuHandle && handle.owner === this && handle.live;
  }

  transfers(): GpuTransfers {
    return { uploads: this.#uploads, downloads: this.#downloads };
  }

  resetTransfers(): void {
    this.#uploads = 0;
    this.#downloads = 0;
  }

  memory(): GpuBackendMemory {
    const { weightBytes, ioBytes, tensorBytes } = storageBytes(this.#cells);
    return { deviceBytes: weightBytes + ioBytes + tensorBytes, handles: this.#handles, weightBytes, ioBytes, tensorBytes };
  }

  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#placeholder.drop();
    for (const cell of [...this.#cells]) this.#free(cell);
    this.#handles = 0;
    this.#programs.dispose();
    try {
      Promise.resolve(this.#gpu.destroy()).catch(() => {});
    } catch {
      // gpu.js may fail to tear down a context that is already lost; nothing is left to free.
    }
  }

  // ---- kernels -------------------------------------------------------------------------

  #kernelTable(): KernelTable {
    const table: Record<string, (inputs: never, attrs: never) => MaybePromise<Handle>> = {
      dense: (inputs: OpInputs<'dense'>) => runDense(this.#context, 'dense', inputs),
      quantizedDense: (inputs: OpInputs<'quantizedDense'>) => runDense(this.#context, 'quantizedDense', inputs),
      dynamicQuantizedDense: (inputs: OpInputs<'dynamicQuantizedDense'>) => runDynamicDense(this.#context, inputs),
      softmax: ({ x }: OpInputs<'softmax'>, { axis }: OpAttrs<'softmax'>) => runSoftmax(this.#context, 'softmax', x, axis),
      logSoftmax: ({ x }: OpInputs<'logSoftmax'>, { axis }: OpAttrs<'logSoftmax'>) => runSoftmax(this.#context, 'logSoftmax', x, axis),
      reshape: ({ x }: OpInputs<'reshape'>, attrs: OpAttrs<'reshape'>) => this.#reshape(x, attrs),
      matMul: (inputs: OpInputs<'matMul'>, attrs: OpAttrs<'matMul'>) => runMatMul(this.#runner, inputs, attrs),
      attention: (inputs: OpInputs<'attention'>, attrs: OpAttrs<'attention'>) => runAttention(this.#runner, inputs, attrs),
      rmsNorm: (inputs: OpInputs<'rmsNorm'>, attrs: OpAttrs<'rmsNorm'>) => runNorm(this.#runner, 'rmsNorm', inputs, attrs),
      layerNorm: (inputs: OpInputs<'layerNorm'>, attrs: OpAttrs<'layerNorm'>) => runNorm(this.#runner, 'layerNorm', inputs, attrs),
      rope: (inputs: OpInputs<'rope'>, attrs: OpAttrs<'rope'>) => runRope(this.#runner, inputs, attrs),
    };
    for (const op of this.#gl ? GL_UNARY_OPS : HOST_UNARY_OPS) {
      table[op] = ({ x }: { x: Handle }, attrs: { alpha?: number }) => runUnary(this.#context, op, x, attrs.alpha ?? 0);
    }
    for (const op of BINARY_OPS) table[op] = ({ a, b }: { a: Handle; b: Handle }) => runBinary(this.#context, op, a, b);
    withDenseActivations(table, (handle) => this.release(handle));
    for (const [op, kernel] of Object.entries(table)) {
      table[op] = (inputs: never, attrs: never) => {
        this.#assertLive(op);
        if (this.#pending !== undefined) return this.#pending.then(() => kernel(inputs, attrs));
        return kernel(inputs, attrs);
      };
    }
    return Object.freeze(table) as KernelTable;
  }

  /** Shares the storage: no copy, on the device or the host. */
  #reshape(x: Handle, attrs: OpAttrs<'reshape'>): GpuHandle {
    const own = this.#own(x, 'reshape');
    const { shape } = inferOpOutput('reshape', { x: own }, attrs);
    const cell = own.cell;
    cell.refs++;
    this.#handles++;
    return new GpuHandle(this, this.name, shape, own.dtype, cell, own.quantization);
  }

  // ---- context of the extracted parts --------------------------------------------------

  /** The private state the files of the dense, elementwise and streamed-upload code use. */
  #makeContext(): BackendContext {
    return {
      name: this.name,
      mode: this.mode,
      gl: this.#gl,
      threads: this.#threads,
      limits: this.limits,
      gpu: this.#gpu,
      programs: this.#programs,
      placeholder: this.#placeholder,
      rowOrder: () => this.#rowOrder,
      pending: () => this.#pending,
      assertLive: (where) => this.#assertLive(where),
      own: (handle, where) => this.#own(handle, where),
      make: (storage, shape, dtype, quantization) => this.#make(storage, shape, dtype, quantization),
      textureHandle: (output, shape, length) => this.#textureHandle(output, shape, length),
      texture: (handle, op) => this.#texture(handle, op),
      hostData: (handle, op, input) => this.#hostData(handle, op, input),
      release: (handle) => this.release(handle),
    };
  }

  // ---- storage -------------------------------------------------------------------------

  #make(storage: GpuStorage, shape: Shape, dtype: DType, quantization?: GpuHandle['quantization']): GpuHandle {
    const cell: StorageCell = { storage, refs: 1 };
    this.#cells.add(cell);
    this.#handles++;
    return new GpuHandle(this, this.name, shape, dtype, cell, quantization);
  }

  #textureHandle(output: unknown, shape: Shape, length: number): GpuHandle {
    return this.#make({ kind: 'texture', texture: output as GpuJsTexture, length }, shape, 'f32');
  }

  /**
   * A GL kernel argument for `handle`: its texture; an uploaded array is handed to gpu.js
   * as it is the first time a kernel reads it (gpu.js uploads it for that call: an input
   * read once costs no extra pass), and copied into a texture of its own from the second
   * time on (a bias read by every predict is then uploaded once).
   */
  #texture(handle: GpuHandle, op: OpName): GpuJsTexture | Float32Array {
    const storage = handle.cell.storage;
    if (storage.kind === 'texture') return storage.texture;
    if (storage.kind !== 'array' || !(storage.data instanceof Float32Array)) {
      throw new KernelUnsupportedError(op, `${this.name} kernels read f32 tensors, got a ${handle.dtype} input of shape [${handle.shape.join(', ')}]`);
    }
    if (storage.texture !== undefined) return storage.texture;
    if (storage.readOnce !== true) {
      storage.readOnce = true;
      return storage.data;
    }
    const copy = this.#programs.program(GL_COPY_SOURCE, [storage.data.length]);
    storage.texture = copy(storage.data) as GpuJsTexture;
    return storage.texture;
  }

  /** The host array of `handle` (modes whose kernels read host arrays). */
  #hostData(handle: GpuHandle, op: OpName, input: string): Float32Array {
    const storage = handle.cell.storage;
    if (storage.kind === 'array' && storage.data instanceof Float32Array) return storage.data;
    if (storage.kind === 'texture') return flattenTextureArray(storage.texture.toArray(), storage.length);
    if (storage.kind === 'weights' && storage.float !== undefined) return storage.weights.unpackColumns(storage.float.inner, storage.float.units);
    throw new KernelUnsupportedError(op, `expected ${input} to be an f32 tensor on ${this.name}, got a ${storage.kind === 'array' ? handle.dtype : 'quantized'} handle`);
  }

  #free(cell: StorageCell): void {
    this.#cells.delete(cell);
    const storage = cell.storage;
    try {
      if (storage.kind === 'texture') storage.texture.delete();
      else if (storage.kind === 'weights') storage.weights.release();
      else if (storage.kind === 'array') {
        storage.texture?.delete();
        storage.denseWeights?.release();
      }
    } catch {
      // A texture whose context is already gone has nothing left to free.
    }
  }

  #own(handle: Handle, where: string): GpuHandle {
    if (this.owns(handle)) return handle;
    throw new ValueError(`${this.name} backend: ${where} expected a live handle of this backend, got ${describeHandle(handle)}`);
  }

  #assertLive(where: string): void {
    if (this.#disposed) throw new GpuBackendError(`${where}: the ${this.name} backend was disposed; create a new one`);
  }
}
