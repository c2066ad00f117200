import type { GpuJsInstance } from './gpu-js.js';
import { dropGlUploadCopies, keepVertexBuffer, wasmConstantView } from './gpu-js-kernel-internals.js';
import type { KernelProgram, TileUpload } from './kernel-program-types.js';
import { modeFamily, type GpuMode } from './modes.js';
import { hostArrayBytes, unpackTileColumns } from './tile-host-arrays.js';
import type { KernelEntry, TileKernel } from './tile-kernel.js';
import { tileKernelIoBytes, tileKernelSettings } from './tile-kernel-settings.js';

export type { TileKernel } from './tile-kernel.js';

/**
 * The uploaded tiles of one weight (held by its handle) and the gpu.js kernels that read
 * them; GL kernels return their partial sums as a texture (gpu.js `pipeline`). In `cpu`
 * mode one kernel per tile serves every batch size (gpu.js `dynamicOutput` resizes only
 * the output); on GL modes there is one kernel per output size (resizing a pipeline
 * kernel leaves stale textures), each holding its copy of the weights; on WebAssembly and
 * WebGPU a kernel has a fixed size (a new size would copy the weights again), so there is
 * one kernel per tile for single rows and one for blocks of `maxRowsPerCall` rows.
 *
 * @example
 * ```ts
 * import type { UploadedWeights } from '@qaxon/kernel-gpu/internals';
 * function bytesOf(weights: UploadedWeights): number {
 *   return weights.weightBytes + weights.ioBytes;
 * }
 * ```
 */
export class UploadedWeights {
  /** The uploaded tiles, in the order calls visit them. */
  readonly tiles: readonly TileUpload[];
  readonly #gpu: GpuJsInstance;
  readonly #program: KernelProgram;
  readonly #mode: GpuMode;
  readonly #xStride: number;
  readonly #kernels = new Map<string, KernelEntry>();
  /** Tiles whose weights now live only in a WebAssembly memory (their `weights` constant is a view of it). */
  readonly #onDevice = new Set<number>();
  #released = false;

  readonly #asyncMode: boolean;

  constructor(gpu: GpuJsInstance, mode: GpuMode, program: KernelProgram, xStride: number, tiles: readonly TileUpload[], asyncMode = false) {
    this.#asyncMode = asyncMode;
    this.#gpu = gpu;
    this.#mode = mode;
    this.#program = program;
    this.#xStride = xStride;
    this.tiles = tiles;
  }

  /** The program these weights are packed for. */
  get program(): KernelProgram {
    return this.#program;
  }

  /** Whether kernels have a fixed number of rows (WebAssembly, WebGPU). */
  get fixedRows(): boolean {
    return modeFamily(this.#mode) === 'buffer';
  }

  /** The gpu.js kernels created so far. */
  get kernelCount(): number {
    return this.#kernels.size;
  }

  /** The modes the created kernels really run in (gpu.js may fall back). */
  get runningModes(): string[] {
    return [...this.#kernels.values()].map(({ kernel }) => (kernel.kernel.constructor as { readonly mode?: string }).mode ?? 'unknown');
  }

  /** Device bytes of the weights, once per kernel that holds a copy. */
  get weightBytes(): number {
    const copies = new Map<number, number>();
    for (const { tile } of this.#kernels.values()) copies.set(tile, (copies.get(tile) ?? 0) + 1);
    let bytes = 0;
    for (const [tile, count] of copies) bytes += this.tiles[tile]!.weightBytes * (modeFamily(this.#mode) === 'host' ? 1 : count);
    return bytes;
  }

  /** Device bytes of the input and output buffers the kernels keep between calls. */
  get ioBytes(): number {
    let bytes = 0;
    for (const entry of this.#kernels.values()) bytes += entry.ioBytes;
    return bytes;
  }

  /**
   * The kernel of tile `tileIndex` for a call of `rows` rows of `x`, each split into `parts`
   * partial sums (created on first use; `cpu` kernels are resized to
   * `[groups, rows * parts]`).
   */
  kernelFor(tileIndex: number, rows: number, blockRows: number, parts = 1): TileKernel {
    const upload = this.tiles[tileIndex]!;
    const callRows = this.fixedRows ? (rows === 1 ? 1 : blockRows) : rows;
    const outputRows = callRows * parts;
    // GL: one kernel per output size too (resizing a pipeline kernel's texture with
    // setOutput leaves later calls reading stale textures).
    const gl = modeFamily(this.#mode) === 'gl';
    const key = this.fixedRows ? `${tileIndex}:${callRows}:${parts}` : gl ? `${tileIndex}:${outputRows}` : `${tileIndex}`;
    let entry = this.#kernels.get(key);
    if (entry === undefined) {
      const split = parts > 1 && this.fixedRows && this.#program.splitSource !== undefined;
      const source = split ? this.#program.splitSource! : this.#program.source;
      const kernel = this.#gpu.createKernel(source, this.#settings(upload, outputRows));
      entry = { kernel, rows: outputRows, tile: tileIndex, ioBytes: 0 };
      this.#kernels.set(key, entry);
    } else if (entry.rows !== outputRows) {
      entry.kernel.setOutput([upload.groups, outputRows]);
      entry.rows = outputRows;
    }
    entry.ioBytes = this.#ioBytes(upload, callRows, outputRows);
    const settled = entry;
    return {
      kernel: (...args: unknown[]) => {
        const result = settled.kernel(...args);
        if (!settled.settled) this.#settle(settled);
        return result;
      },
      callRows,
    };
  }

  /**
   * WebAssembly: builds tile `tileIndex`'s kernel for single rows (split in `parts` of
   * `chunk` rows) and runs it once on zeros, so that gpu.js copies the tile's weights (a
   * fresh all-zero array from `KernelProgram.emptyUpload`) into the kernel's memory; returns
   * the view of them there, for the caller to fill in place: the weights are then never
   * held on the host. `undefined` where gpu.js keeps them elsewhere (another mode, a
   * fallback): the caller packs on the host instead.
   */
  placeOnDevice(tileIndex: number, parts: number, chunk: number): Float32Array | undefined | Promise<Float32Array | undefined> {
    if (this.#mode !== 'webasm') return undefined;
    const { kernel, callRows } = this.kernelFor(tileIndex, 1, 1, parts);
    const result = kernel(new Float32Array(callRows * this.#xStride), parts, chunk);
    const view = (): Float32Array | undefined => (this.#onDevice.has(tileIndex) ? (this.tiles[tileIndex]!.constants['weights'] as Float32Array) : undefined);
    return result instanceof Promise ? result.then(view) : view();
  }

  /**
   * Bytes of host arrays these weights keep: arrays the kernels read in place (`cpu`),
   * packed constants not yet copied to the device, and the small per-column constants.
   * Weights moved into a WebAssembly memory are not counted here ({@link weightBytes} has them).
   */
  get hostBytes(): number {
    let bytes = 0;
    this.tiles.forEach((upload, index) => {
      for (const [name, value] of Object.entries(upload.constants)) {
        if (name === 'weights' && this.#onDevice.has(index)) continue;
        bytes += hostArrayBytes(value);
      }
    });
    return bytes;
  }

  /**
   * The float weights `[inner, units]` these tiles hold (packed column by column for
   * buffer modes), unpacked row-major: what `download` returns for a float weight whose
   * host array was dropped once packed.
   */
  unpackColumns(inner: number, units: number): Float32Array {
    return unpackTileColumns(this.tiles, inner, units);
  }

  /**
   * After a kernel's first run, the copies gpu.js made of its constants are on the
   * device: drop host copies that nothing needs any more.
   * - WebAssembly: the tile's packed weights now sit in the kernel's memory; the tile's
   *   `weights` constant becomes a view of that memory (kernels built later for other row
   *   counts copy from it), so the packed host array can be collected.
   * - GL: gpu.js keeps the padded float array it uploaded each float constant from
   *   (`uploadValue`); constants are not uploaded again, so it is dropped.
   */
  #settle(entry: KernelEntry): void {
    entry.settled = true;
    if (modeFamily(this.#mode) === 'gl') {
      dropGlUploadCopies(entry.kernel);
      return;
    }
    if (this.#mode !== 'webasm' || this.#onDevice.has(entry.tile)) return;
    const view = wasmConstantView(entry.kernel, 'weights');
    const upload = this.tiles[entry.tile]!;
    const current = upload.constants['weights'];
    if (view === undefined || !(current instanceof Float32Array) || view.length !== current.length) return;
    // gpu.js kernels keep `settings.constants` by reference: every kernel of the tile now reads the view.
    upload.constants['weights'] = view;
    this.#onDevice.add(entry.tile);
  }

  /** Destroys every kernel (freeing textures, buffers, WebAssembly memories). */
  release(): void {
    if (this.#released) return;
    this.#released = true;
    for (const { kernel } of this.#kernels.values()) {
      try {
        if (modeFamily(this.#mode) === 'gl') keepVertexBuffer(kernel);
        // Not `destroy(true)`: that drops the context's cached texture size, and kernels
        // compiled afterwards then render into the wrong part of their outputs.
        kernel.destroy(false);
      } catch {
        // A kernel whose context is already gone has nothing left to free.
      }
    }
    this.#kernels.clear();
  }

  #settings(upload: TileUpload, rows: number): Record<string, unknown> {
    return tileKernelSettings(this.#program, this.#mode, this.#asyncMode, upload, rows);
  }

  #ioBytes(upload: TileUpload, rows: number, outputRows: number): number {
    return tileKernelIoBytes(this.#program, this.#mode, this.#xStride, upload, rows, outputRows);
  }
}
