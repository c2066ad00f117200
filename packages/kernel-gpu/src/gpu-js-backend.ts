import {
  KernelUnsupportedError,
  QTensor,
  Tensor,
  ValueError,
  broadcastShapes,
  broadcastStrides,
  denseDimensions,
  dynamicQuantizedDenseDimensions,
  describeValue,
  inferOpOutput,
  quantizeRowsS8,
  sizeOf,
  softmaxAxis,
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
import type { GpuBackend, GpuBackendMemory, GpuBackendOptions, GpuTransfers, SkippedMode } from './backend.js';
import { glFloatArrayBytes } from './device-bytes.js';
import { GpuBackendError, GpuModeUnavailableError, GpuSelfTestError } from './errors.js';
import type { GpuJsConstructor, GpuJsInstance } from './gpu-js.js';
import { GpuHandle, type GpuJsTexture, type GpuStorage, type StorageCell } from './handles/gpu-handle.js';
import { kernelProgram, s4GroupPairs, s4Program, type TexelRowOrder, type TileUpload } from './kernel-programs.js';
import { addKernelOutput } from './kernel-output.js';
import {
  GL_COPY_SOURCE,
  GL_MAX_PARTS,
  glBinarySource,
  glDenseFinishSource,
  glSoftmaxSource,
  glUnarySource,
  type GlBinaryOp,
  type GlUnaryOp,
} from './kernels/gl-elementwise.js';
import { hostBinary, hostSoftmax, hostUnary, type HostBinaryOp, type HostUnaryOp } from './kernels/host-elementwise.js';
import { withDenseActivations } from './kernels/dense-activation.js';
import { availableGpuModes, modeFamily, type GpuMode } from './modes.js';
import { BINARY_OPS, GL_UNARY_OPS, HOST_UNARY_OPS, gpuOpPrecision } from './op-precision.js';
import { DevicePrograms } from './device-programs.js';
import { MAX_FLAT_INDEX, type DeviceRunner } from './device-runner.js';
import { runAttention } from './run-attention.js';
import { runMatMul } from './run-mat-mul.js';
import { runNorm } from './run-norms.js';
import { runRope } from './run-rope.js';
import { runSequence } from './run-sequence.js';
import { describeMismatch, selfTestProblem } from './self-test.js';
import { webGlRenderer } from './renderer.js';
import { planTiles, rowChunks, type GpuTileLimits } from './tiling.js';
import { untouchedZeros } from './untouched-zeros.js';
import { UploadedWeights } from './uploaded-weights.js';

type DenseOp = 'dense' | 'quantizedDense';

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
  /**
   * Zeros that `uploadStreamed` hands gpu.js as the placeholder weights of WebAssembly kernels
   * (only read), shared by the weights of one load; dropped when a kernel next runs.
   */
  #placeholder: Float32Array | undefined;
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
    if (options.verify === false) {
      this.ready = Promise.resolve();
      return;
    }
    let result: MaybePromise<void>;
    try {
      result = this.#selfTest();
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
    if (value instanceof QTensor) handle = this.#uploadQuantized(value);
    else if (value instanceof Tensor) handle = this.#make({ kind: 'array', data: value.data }, value.shape, value.dtype);
    else throw new ValueError(`${this.name} backend: upload expected a Tensor or a QTensor, got ${describeValue(value)}`);
    this.#uploads++;
    return handle;
  }

  async uploadStreamed(weight: StreamedWeight): Promise<GpuHandle> {
    this.#assertLive('uploadStreamed');
    const placed = await this.#uploadStreamedInPlace(weight);
    if (placed !== undefined) {
      this.#uploads++;
      return placed;
    }
    const { values, scale, zeroPoint, layout } = weight;
    const [rows, columns] = values.shape;
    const data = values.dtype === 's8' ? new Int8Array(rows * columns) : new Float32Array(rows * columns);
    // Row blocks of about 1 MiB, read into one array that the packing then copies from.
    const block = Math.max(1, Math.floor((1 << 20) / Math.max(1, columns)));
    for (let first = 0; first < rows; first += block) {
      const count = Math.min(block, rows - first);
      await values.read(first, count, data.subarray(first * columns, (first + count) * columns));
    }
    this.#assertLive('uploadStreamed');
    if (scale === undefined) return this.upload(new Tensor(data as Float32Array, [rows, columns], 'f32'));
    const q = new QTensor(new Tensor(data as Int8Array, [rows, columns], 's8'), scale, zeroPoint, layout);
    return this.upload(q);
  }

  /**
   * WebAssembly: a 2D float or per-channel int8 weight streamed straight into the memory of
   * its single-row kernels, packed row block by row block (no host copy of the whole
   * weight, row-major or packed); `undefined` where that does not apply.
   */
  async #uploadStreamedInPlace({ values, scale, zeroPoint, layout }: StreamedWeight): Promise<GpuHandle | undefined> {
    if (this.mode !== 'webasm' || values.shape.length !== 2) return undefined;
    const [rows, columns] = values.shape;
    if (rows === 0 || columns === 0) return undefined;
    let q: QTensor | undefined;
    if (scale !== undefined) {
      // Its values are never read: an untouched zero array stands for them.
      q = new QTensor(new Tensor(untouchedZeros(Int8Array, rows * columns), [rows, columns], 's8'), scale, zeroPoint, layout);
      const { bits, groupSize, axis } = q.quantization;
      if (bits !== 8 || groupSize !== undefined || axis !== 1 || values.dtype !== 's8') return undefined;
    } else if (values.dtype !== 'f32') {
      return undefined;
    }
    if (this.#pending !== undefined) await this.#pending;
    this.#assertLive('uploadStreamed');
    const program = kernelProgram(q === undefined ? 'dense' : 'quantizedDense', this.mode);
    if (program.emptyUpload === undefined || program.writeRows === undefined) return undefined;
    const zeros = (length: number): Float32Array => {
      if (this.#placeholder === undefined || this.#placeholder.length < length) this.#placeholder = untouchedZeros(Float32Array, length);
      return this.#placeholder.subarray(0, length);
    };
    const uploads = planTiles(rows, columns, program.constraints(this.limits)).map((tile) => program.emptyUpload!(rows, columns, tile, q, zeros));
    const stride = Math.ceil(rows / program.innerAlign) * program.innerAlign;
    const weights = new UploadedWeights(this.#gpu, this.mode, program, stride, uploads, this.#threads);
    try {
      const targets: Float32Array[] = [];
      for (let index = 0; index < uploads.length; index++) {
        const { parts, chunk } = this.#split(program.splitsInner, uploads[index]!, 1, program.innerAlign);
        const target = await weights.placeOnDevice(index, parts, chunk);
        if (target === undefined) {
          weights.release();
          return undefined;
        }
        targets.push(target);
      }
      const block = Math.max(1, Math.floor((1 << 20) / columns));
      const buffer = q === undefined ? new Float32Array(block * columns) : new Int8Array(block * columns);
      for (let first = 0; first < rows; first += block) {
        const count = Math.min(block, rows - first);
        const part = buffer.subarray(0, count * columns);
        await values.read(first, count, part);
        uploads.forEach((upload, index) => {
          if (first < upload.tile.innerEnd && first + count > upload.tile.innerStart) program.writeRows!(targets[index]!, upload, part, first, count, columns, q);
        });
      }
      this.#assertLive('uploadStreamed');
    } catch (error) {
      weights.release();
      throw error;
    }
    if (q === undefined) return this.#make({ kind: 'weights', weights, float: { inner: rows, units: columns } }, [rows, columns], 'f32');
    return this.#make({ kind: 'weights', weights }, [rows, columns], 'f32', q.quantization);
  }

  download(handle: Handle): Tensor {
    this.#assertLive('download');
    const own = this.#own(handle, 'download');
    const storage = own.cell.storage;
    this.#downloads++;
    const size = sizeOf(own.shape);
    if (storage.kind === 'array') return new Tensor(storage.data.slice(0, size) as TypedArrayFor<DType>, own.shape, own.dtype);
    if (storage.kind === 'texture') return new Tensor(flatten(storage.texture.toArray(), size), own.shape, 'f32');
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
    let weightBytes = 0;
    let ioBytes = 0;
    let tensorBytes = 0;
    for (const { storage } of this.#cells) {
      const weights = storage.kind === 'weights' ? storage.weights : storage.kind === 'array' ? storage.denseWeights : undefined;
      if (weights !== undefined) {
        weightBytes += weights.weightBytes;
        ioBytes += weights.ioBytes;
      }
      if (storage.kind === 'array') {
        tensorBytes += storage.data.byteLength + (storage.texture === undefined ? 0 : glFloatArrayBytes(storage.data.length));
      } else if (storage.kind === 'texture') {
        tensorBytes += glFloatArrayBytes(storage.length);
      } else if (storage.kind === 'host') {
        tensorBytes += storage.value.byteSize;
      } else {
        tensorBytes += storage.weights.hostBytes;
      }
    }
    return { deviceBytes: weightBytes + ioBytes + tensorBytes, handles: this.#handles, weightBytes, ioBytes, tensorBytes };
  }

  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#placeholder = undefined;
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
      dense: (inputs: OpInputs<'dense'>) => this.#dense('dense', inputs),
      quantizedDense: (inputs: OpInputs<'quantizedDense'>) => this.#dense('quantizedDense', inputs),
      dynamicQuantizedDense: (inputs: OpInputs<'dynamicQuantizedDense'>) => this.#dynamicDense(inputs),
      softmax: ({ x }: OpInputs<'softmax'>, { axis }: OpAttrs<'softmax'>) => this.#softmax('softmax', x, axis),
      logSoftmax: ({ x }: OpInputs<'logSoftmax'>, { axis }: OpAttrs<'logSoftmax'>) => this.#softmax('logSoftmax', x, axis),
      reshape: ({ x }: OpInputs<'reshape'>, attrs: OpAttrs<'reshape'>) => this.#reshape(x, attrs),
      matMul: (inputs: OpInputs<'matMul'>, attrs: OpAttrs<'matMul'>) => runMatMul(this.#runner(), inputs, attrs),
      attention: (inputs: OpInputs<'attention'>, attrs: OpAttrs<'attention'>) => runAttention(this.#runner(), inputs, attrs),
      rmsNorm: (inputs: OpInputs<'rmsNorm'>, attrs: OpAttrs<'rmsNorm'>) => runNorm(this.#runner(), 'rmsNorm', inputs, attrs),
      layerNorm: (inputs: OpInputs<'layerNorm'>, attrs: OpAttrs<'layerNorm'>) => runNorm(this.#runner(), 'layerNorm', inputs, attrs),
      rope: (inputs: OpInputs<'rope'>, attrs: OpAttrs<'rope'>) => runRope(this.#runner(), inputs, attrs),
    };
    for (const op of this.#gl ? GL_UNARY_OPS : HOST_UNARY_OPS) {
      table[op] = ({ x }: { x: Handle }, attrs: { alpha?: number }) => this.#unary(op, x, attrs.alpha ?? 0);
    }
    for (const op of BINARY_OPS) table[op] = ({ a, b }: { a: Handle; b: Handle }) => this.#binary(op, a, b);
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

  #dense(op: DenseOp, { x, kernel, bias }: OpInputs<DenseOp>): MaybePromise<Handle> {
    this.#placeholder = undefined;
    const dimensions = denseDimensions(op, { x, kernel, bias });
    const { rows, inner, units, outputShape } = dimensions;
    const own = { x: this.#own(x, op), kernel: this.#own(kernel, op), bias: bias === undefined ? undefined : this.#own(bias, op) };
    if (rows === 0 || units === 0) return this.#make({ kind: 'array', data: new Float32Array(0) }, outputShape, 'f32');
    if (inner === 0) {
      const out = new Float32Array(rows * units);
      if (own.bias !== undefined) addBias(out, units, this.#hostData(own.bias, op, 'bias'));
      return this.#make({ kind: 'array', data: out }, outputShape, 'f32');
    }
    const weights = this.#weightsOf(op, own.kernel, inner, units);
    if (this.#gl) return this.#denseGl(op, own, weights, dimensions);
    return this.#denseHost(op, own, weights, dimensions);
  }

  /**
   * `dynamicQuantizedDense` (W8A8): the rows of x quantized on the host (`quantizeRowsS8` of @qaxon/tensor),
   * their integer values run through the `quantizedDense` program (float32 sums of
   * integers: exact while below 2^24) without the bias, then each output times its row's
   * scale plus the bias on the host. Correct rather than fast: one download of x and one of
   * the sums per call.
   */
  #dynamicDense({ x, kernel, bias }: OpInputs<'dynamicQuantizedDense'>): MaybePromise<Handle> {
    const op = 'dynamicQuantizedDense';
    const { rows, inner, units, outputShape } = dynamicQuantizedDenseDimensions({ x, kernel, bias });
    const own = { x: this.#own(x, op), kernel: this.#own(kernel, op), bias: bias === undefined ? undefined : this.#own(bias, op) };
    const quantized = quantizeRowsS8(this.#hostData(own.x, op, 'x'), rows, inner);
    const [values, rowScales] = [Float32Array.from(quantized.values), quantized.rowScales];
    const xq = this.#make({ kind: 'array', data: values }, [rows, inner], 'f32');
    const finish = (sums: Handle): GpuHandle => {
      try {
        const data = this.#hostData(sums as GpuHandle, op, 'sums');
        const biasData = own.bias === undefined ? undefined : this.#hostData(own.bias, op, 'bias');
        const out = new Float32Array(rows * units);
        for (let i = 0; i < out.length; i++) out[i] = Math.fround(data[i]! * rowScales[Math.floor(i / units)]!) + (biasData?.[i % units] ?? 0);
        return this.#make({ kind: 'array', data: out }, outputShape, 'f32');
      } finally {
        this.release(sums);
      }
    };
    let sums: MaybePromise<Handle>;
    try {
      sums = this.#dense('quantizedDense', { x: xq, kernel: own.kernel });
    } catch (error) {
      this.release(xq);
      throw error;
    }
    if (!(sums instanceof Promise)) {
      this.release(xq);
      return finish(sums);
    }
    return sums.then(
      (done) => {
        this.release(xq);
        return finish(done);
      },
      (error: unknown) => {
        this.release(xq);
        throw error;
      },
    );
  }

  /** GL: one tile; the dense program's partial sums stay a texture that the finish program adds up (with the bias). */
  #denseGl(
    op: DenseOp,
    { x, bias }: { x: GpuHandle; bias: GpuHandle | undefined },
    weights: UploadedWeights,
    { rows, units, outputShape }: { rows: number; units: number; outputShape: number[] },
  ): GpuHandle {
    if (rows > this.limits.maxTextureSize) {
      throw new KernelUnsupportedError(op, `${rows} rows of x exceed the texture size of ${this.name} (${this.limits.maxTextureSize})`);
    }
    const program = weights.program;
    const upload = weights.tiles[0]!;
    const { parts, chunk } = this.#split(program.splitsInner, upload, rows, program.innerAlign);
    const { kernel } = weights.kernelFor(0, rows, rows, parts);
    const partials = kernel(this.#texture(x, op), parts, chunk);
    const finish = this.#programs.program(glDenseFinishSource(program.unitsPerGroup === 4, bias !== undefined), [units, rows]);
    try {
      const out = bias === undefined ? finish(partials, parts) : finish(partials, parts, this.#texture(bias, op));
      return this.#textureHandle(out, outputShape, rows * units);
    } finally {
      (partials as GpuJsTexture).delete();
    }
  }

  /** Host-array modes: v1's tiled calls, partial sums added on the host. */
  #denseHost(
    op: DenseOp,
    { x, bias }: { x: GpuHandle; bias: GpuHandle | undefined },
    uploaded: UploadedWeights,
    { rows, inner, units, outputShape }: { rows: number; inner: number; units: number; outputShape: number[] },
  ): MaybePromise<GpuHandle> {
    const xData = this.#hostData(x, op, 'x');
    const biasData = bias === undefined ? undefined : this.#hostData(bias, op, 'bias');
    const out = new Float32Array(rows * units);
    const finish = (): GpuHandle => {
      if (biasData !== undefined) addBias(out, units, biasData);
      return this.#make({ kind: 'array', data: out }, outputShape, 'f32');
    };
    const program = uploaded.program;
    const stride = Math.ceil(inner / program.innerAlign) * program.innerAlign;
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
        const xRows = rowsOf(xData, inner, stride, start, end, callRows);
        return program.splitsInner ? kernel(xRows, parts, chunk) : kernel(xRows);
      },
      (index, result) => {
        const { start, end, tile } = jobs[index]!;
        addKernelOutput(result, out, units, start, end - start, uploaded.tiles[tile]!.tile, program.unitsPerGroup, splits[index]!.parts);
      },
    );
    return done === undefined ? finish() : done.then(finish);
  }

  /** The packed weights of a dense kernel: packed at upload for QTensors, on first use for float tensors. */
  #weightsOf(op: DenseOp, kernel: GpuHandle, inner: number, units: number): UploadedWeights {
    const storage = kernel.cell.storage;
    if (storage.kind === 'weights') return storage.weights;
    if (storage.kind === 'host') throw new KernelUnsupportedError(op, storage.reason);
    if (storage.kind === 'texture') {
      throw new KernelUnsupportedError(op, `the kernel [${inner}, ${units}] was computed on ${this.name}, and only uploaded kernels are packed as dense weights`);
    }
    if (storage.denseWeights !== undefined) return storage.denseWeights;
    const program = kernelProgram('dense', this.mode);
    const tiles = planTiles(inner, units, program.constraints(this.limits));
    if (this.#gl && tiles.length > 1) throw new KernelUnsupportedError(op, this.#overLimits(inner, units, tiles.length));
    const float = new Tensor(storage.data as Float32Array, [inner, units], 'f32');
    const weights = this.#pack(program, float, tiles);
    if (modeFamily(this.mode) === 'buffer') {
      // Buffer modes: the packed columns are the one copy (download unpacks them); the
      // row-major host array is dropped.
      kernel.cell.storage = { kind: 'weights', weights, float: { inner, units } };
    } else {
      storage.denseWeights = weights;
    }
    return weights;
  }

  #uploadQuantized(q: QTensor): GpuHandle {
    const layout = q.quantization;
    const [inner, units] = q.shape as [number, number];
    let reason: string | undefined;
    if (layout.bits === 4) {
      // s4: one tile, the packed bytes grouped 3 to a float32 word (see kernels/quantized-dense-s4.ts).
      const groupPairs = s4GroupPairs(q);
      if (typeof groupPairs === 'string') return this.#make({ kind: 'host', value: q, reason: groupPairs }, q.shape, 'f32', layout);
      const program = s4Program(groupPairs, modeFamily(this.mode));
      const tile = { innerStart: 0, innerEnd: inner, unitStart: 0, unitEnd: units };
      const weights = new UploadedWeights(this.#gpu, this.mode, program, inner, [program.upload(q, tile, this.#rowOrder)], this.#threads);
      return this.#make({ kind: 'weights', weights }, q.shape, 'f32', layout);
    }
    if (layout.bits !== 8 || layout.groupSize !== undefined || layout.axis !== 1 || q.shape.length !== 2) {
      reason = `the gpu.js programs take per-channel int8 weights [in, units], got ${layout.bits} bits${layout.groupSize === undefined ? '' : ` in groups of ${layout.groupSize}`} along axis ${layout.axis}`;
    }
    let storage: GpuStorage | undefined;
    if (reason === undefined) {
      const program = kernelProgram('quantizedDense', this.mode);
      const tiles = planTiles(inner, units, program.constraints(this.limits));
      if (this.#gl && tiles.length > 1) reason = this.#overLimits(inner, units, tiles.length);
      else storage = { kind: 'weights', weights: this.#pack(program, q, tiles) };
    }
    return this.#make(storage ?? { kind: 'host', value: q, reason: reason! }, q.shape, 'f32', layout);
  }

  #pack(program: ReturnType<typeof kernelProgram>, weights: Tensor<'f32'> | QTensor, tiles: ReturnType<typeof planTiles>): UploadedWeights {
    const inner = weights.shape[0]!;
    const stride = Math.ceil(inner / program.innerAlign) * program.innerAlign;
    const uploads = tiles.map((tile) => program.upload(weights, tile, this.#rowOrder));
    return new UploadedWeights(this.#gpu, this.mode, program, stride, uploads, this.#threads);
  }

  #overLimits(inner: number, units: number, tiles: number): string {
    return `the kernel [${inner}, ${units}] needs ${tiles} textures on ${this.name} (texture side ${this.limits.maxTextureSize}, ${this.limits.maxTileElements} weights per texture), and the GL programs take one`;
  }

  #unary(op: GlUnaryOp, x: Handle, alpha: number): GpuHandle {
    const own = this.#own(x, op);
    const size = sizeOf(own.shape);
    if (size === 0) return this.#make({ kind: 'array', data: new Float32Array(0) }, own.shape, 'f32');
    if (this.#gl) {
      const kernel = this.#programs.program(glUnarySource(op), [size]);
      return this.#textureHandle(kernel(this.#texture(own, op), alpha), own.shape, size);
    }
    return this.#make({ kind: 'array', data: hostUnary(op as HostUnaryOp, this.#hostData(own, op, 'x'), alpha) }, own.shape, 'f32');
  }

  #binary(op: GlBinaryOp & HostBinaryOp, a: Handle, b: Handle): GpuHandle {
    const left = this.#own(a, op);
    const right = this.#own(b, op);
    const shape = broadcastShapes(left.shape, right.shape, op);
    const size = sizeOf(shape);
    if (size === 0) return this.#make({ kind: 'array', data: new Float32Array(0) }, shape, 'f32');
    if (this.#gl) {
      const source = glBinarySource(op, shape, broadcastStrides(left.shape, shape), broadcastStrides(right.shape, shape));
      const kernel = this.#programs.program(source, [size]);
      return this.#textureHandle(kernel(this.#texture(left, op), this.#texture(right, op)), shape, size);
    }
    const data = hostBinary(op, this.#hostData(left, op, 'a'), left.shape, this.#hostData(right, op, 'b'), right.shape, shape);
    return this.#make({ kind: 'array', data }, shape, 'f32');
  }

  #softmax(op: 'softmax' | 'logSoftmax', x: Handle, axis: number): GpuHandle {
    const own = this.#own(x, op);
    const resolved = softmaxAxis(op, own.shape, axis);
    if (resolved !== own.shape.length - 1) {
      throw new KernelUnsupportedError(op, `${this.name} runs ${op} on the last axis only, got axis ${axis} of shape [${own.shape.join(', ')}]`);
    }
    const size = sizeOf(own.shape);
    const length = own.shape[resolved]!;
    if (size === 0) return this.#make({ kind: 'array', data: new Float32Array(0) }, own.shape, 'f32');
    if (this.#gl) {
      const kernel = this.#programs.program(glSoftmaxSource(length, op === 'logSoftmax'), [size]);
      return this.#textureHandle(kernel(this.#texture(own, op)), own.shape, size);
    }
    return this.#make({ kind: 'array', data: hostSoftmax(this.#hostData(own, op, 'x'), length, op === 'logSoftmax') }, own.shape, 'f32');
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

  /** What the `matMul` and `attention` kernels use of this backend. */
  #runner(): DeviceRunner {
    return {
      name: this.name,
      hostArrays: !this.#gl,
      maxFloats: Math.min(MAX_FLAT_INDEX, this.#gl ? this.limits.maxTextureSize ** 2 : Number.POSITIVE_INFINITY),
      own: (handle, op) => this.#own(handle, op),
      argument: (handle, op, input) => (this.#gl ? this.#texture(handle, op) : this.#hostData(handle, op, input)),
      run: (source, output, args) => this.#programs.run(source, output, args),
      discard: (output) => this.#programs.discard(output),
      adopt: (output, shape) =>
        output instanceof Float32Array ? this.#make({ kind: 'array', data: output }, shape, 'f32') : this.#textureHandle(output, shape, sizeOf(shape)),
      zeros: (shape) => this.#make({ kind: 'array', data: new Float32Array(sizeOf(shape)) }, shape, 'f32'),
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
    if (storage.kind === 'texture') return flatten(storage.texture.toArray(), storage.length);
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

  // ---- call shapes ---------------------------------------------------------------------

  /**
   * How a call splits K into partial sums: on GL modes, enough that `groups * rows * parts`
   * reaches {@link GL_TARGET_THREADS} (a GEMV has few outputs) within the texture size; with
   * WebAssembly threads, enough that a single-row call reaches {@link WASM_THREADED_CELLS}.
   * Chunks are at least {@link MIN_CHUNK} long and a multiple of the program's alignment.
   */
  #split(splitsInner: boolean, upload: TileUpload, rows: number, align: number): { parts: number; chunk: number } {
    const inner = upload.innerLength;
    let wanted = 1;
    let limit = Math.floor(inner / MIN_CHUNK);
    if (this.#gl) {
      wanted = Math.ceil(GL_TARGET_THREADS / (upload.groups * rows));
      limit = Math.min(limit, Math.floor(this.limits.maxTextureSize / rows), GL_MAX_PARTS);
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
    const textureRows = this.#gl ? maxTextureSize : Number.POSITIVE_INFINITY;
    return Math.max(1, Math.min(maxRowsPerCall, textureRows, Math.floor(maxTileElements / inner)));
  }

  // ---- self-test -----------------------------------------------------------------------

  /**
   * Solves the self-test problem through upload, kernel and download (synchronously
   * where the kernels are): `quantizedDense` (on GL modes in each texture row order until
   * one is right) and `dense`. The transfer counters start at 0 afterwards.
   */
  #selfTest(): MaybePromise<void> {
    const problem = selfTestProblem();
    const orders: TexelRowOrder[] = this.#gl ? ['flipped', 'upright'] : ['flipped'];
    const failures: string[] = [];
    const tryOrder = (index: number): MaybePromise<void> => {
      if (index >= orders.length) throw new GpuSelfTestError(this.mode, failures.join('; '));
      const order = orders[index]!;
      this.#rowOrder = order;
      return chain(this.#selfTestOp('quantizedDense', problem.x, problem.quantized, problem.expected), (detail) => {
        if (detail === undefined) return undefined;
        failures.push(orders.length > 1 ? `quantizedDense (${order} texture rows): ${detail}` : `quantizedDense: ${detail}`);
        return tryOrder(index + 1);
      });
    };
    const done = (): void => this.resetTransfers();
    try {
      const result = chain(tryOrder(0), () =>
        chain(this.#selfTestOp('dense', problem.x, problem.float, problem.expected), (detail) => {
          if (detail !== undefined) throw new GpuSelfTestError(this.mode, `dense: ${detail}`);
        }),
      );
      if (result instanceof Promise) {
        return result.then(done, (error: unknown) => {
          done();
          throw selfTestFailure(this.mode, error);
        });
      }
      done();
    } catch (error) {
      done();
      throw selfTestFailure(this.mode, error);
    }
  }

  /** A mismatch or a gpu.js fallback to another mode, described; `undefined` when all is well. */
  #selfTestOp(op: DenseOp, x: Tensor, weights: Tensor | QTensor, expected: Float32Array): MaybePromise<string | undefined> {
    const xHandle = this.upload(x);
    const kernel = this.upload(weights);
    const finish = (output: Handle): string | undefined => {
      try {
        const running = this.#runningModes(kernel);
        const expectedKernelMode = this.#gl ? 'gpu' : this.mode;
        const fallback = running.find((mode) => mode !== expectedKernelMode);
        if (fallback !== undefined) return `gpu.js ran the kernel in '${fallback}' mode instead of '${this.mode}'`;
        return describeMismatch(this.download(output).data as Float32Array, expected, weights.shape[1]!);
      } finally {
        this.release(output);
        this.release(xHandle);
        this.release(kernel);
      }
    };
    const output = this.#dense(op, { x: xHandle, kernel });
    return output instanceof Promise ? output.then(finish) : finish(output as Handle);
  }

  #runningModes(kernel: GpuHandle): string[] {
    const storage = kernel.cell.storage;
    const weights = storage.kind === 'weights' ? storage.weights : storage.kind === 'array' ? storage.denseWeights : undefined;
    return weights?.runningModes ?? [];
  }
}

/** `next(value)`, after `value` resolves when it is a promise (synchronous otherwise). */
function chain<T, U>(value: MaybePromise<T>, next: (resolved: T) => MaybePromise<U>): MaybePromise<U> {
  return value instanceof Promise ? value.then(next) : next(value as T);
}

function selfTestFailure(mode: GpuMode, error: unknown): GpuSelfTestError {
  if (error instanceof GpuSelfTestError) return error;
  return new GpuSelfTestError(mode, `a kernel threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
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

function addBias(out: Float32Array, units: number, bias: Float32Array): void {
  for (let i = 0; i < out.length; i++) out[i] = out[i]! + bias[i % units]!;
}

/** A texture's `toArray()` (a `Float32Array`, or nested rows of them) as one flat array of `length`. */
function flatten(value: unknown, length: number): Float32Array {
  if (value instanceof Float32Array) return value.length === length ? value : value.slice(0, length);
  const out = new Float32Array(length);
  let offset = 0;
  const visit = (part: unknown): void => {
    if (offset >= length) return;
    if (part instanceof Float32Array) {
      const take = Math.min(part.length, length - offset);
      out.set(take === part.length ? part : part.subarray(0, take), offset);
      offset += take;
      return;
    }
    if (Array.isArray(part)) for (const item of part) visit(item);
  };
  visit(value);
  return out;
}

function describeHandle(handle: unknown): string {
  if (handle instanceof GpuHandle) return handle.live ? `a handle of another gpu.js backend instance` : `a released handle of shape [${handle.shape.join(', ')}]`;
  const backend = (handle as { backend?: unknown } | null)?.backend;
  return typeof backend === 'string' ? `a handle of backend '${backend}'` : describeValue(handle);
}
