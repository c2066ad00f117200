import type { DType, Handle, QTensor, QuantizationLayout, Shape, TypedArrayFor } from '@qaxon/tensor';
import type { UploadedWeights } from '../uploaded-weights.js';

/**
 * The part of a gpu.js texture (what a `pipeline: true` kernel returns on GL modes) that
 * this package uses.
 *
 * @example
 * ```ts
 * import type { GpuJsTexture } from '@qaxon/kernel-gpu/internals';
 * function read(texture: GpuJsTexture): unknown {
 *   return texture.toArray();
 * }
 * ```
 */
export interface GpuJsTexture {
  /** The kernel output size the texture holds (`[x]`, `[x, y]` or `[x, y, z]`). */
  readonly output: readonly number[];
  /** Reads the texture back to the host (nested `Float32Array` rows for 2D outputs). */
  toArray(): unknown;
  /** Frees the texture. */
  delete(): void;
}

/**
 * Where a gpu.js handle's data lives:
 * - `array`: a host typed array (every tensor on `cpu`, `webasm` and `webgpu`, whose
 *   kernels read host arrays; on GL modes an uploaded tensor, which gpu.js uploads for the
 *   first kernel that reads it (`readOnce`) and which gets a `texture` of its own, kept for
 *   later kernels, the second time);
 * - `texture`: a float texture on GL modes (kernel outputs), read flat in row-major order;
 * - `weights`: a quantized weight packed for the mode's int8 program (texels, packed words,
 *   or the QTensor's own arrays in `cpu` mode), with the gpu.js kernels that read it;
 * - `host`: a quantized weight the kernels cannot run (a layout they lack, or a size over
 *   the device's limits), kept as given so that `quantizedDense` refuses it with
 *   `KernelUnsupportedError` and the op falls back to the reference backend.
 *
 * A float `array` used as a dense kernel also keeps the packed weights made on its first
 * such use in `denseWeights` (freed with the storage) on GL and `cpu` modes; on WebAssembly
 * and WebGPU it becomes `weights` with `float` set instead (the packed columns are its one
 * copy, unpacked by `download`), and the packed host array is dropped once a WebAssembly
 * kernel has copied it into its memory.
 *
 * @example
 * ```ts
 * import type { GpuStorage } from '@qaxon/kernel-gpu/internals';
 * const storage: GpuStorage = { kind: 'array', data: new Float32Array(4) };
 * ```
 */
export type GpuStorage =
  | { readonly kind: 'array'; readonly data: TypedArrayFor<DType>; readOnce?: boolean; texture?: GpuJsTexture; denseWeights?: UploadedWeights }
  | { readonly kind: 'texture'; readonly texture: GpuJsTexture; readonly length: number }
  | { readonly kind: 'weights'; readonly weights: UploadedWeights; readonly float?: { readonly inner: number; readonly units: number } }
  | { readonly kind: 'host'; readonly value: QTensor; readonly reason: string };

/**
 * One storage and the number of live handles that share it (`reshape` shares storage):
 * the data is freed when the last of them is released.
 *
 * @example
 * ```ts
 * import type { StorageCell } from '@qaxon/kernel-gpu/internals';
 * const cell: StorageCell = { storage: { kind: 'array', data: new Float32Array(1) }, refs: 1 };
 * ```
 */
export interface StorageCell {
  /** The data (a float array becomes packed `weights` on buffer modes once used as a dense kernel). */
  storage: GpuStorage;
  /** Live handles on this storage. */
  refs: number;
}

/**
 * A {@link Handle} of a gpu.js backend: shape, dtype and layout on the outside, a texture,
 * a host array or packed weights inside (see {@link GpuStorage}). Only the backend
 * instance that made it (its `owner`) may use it.
 *
 * @example
 * ```ts
 * import { createGpuBackend } from '@qaxon/kernel-gpu';
 * import { tensor } from '@qaxon/tensor';
 * const backend = createGpuBackend({ mode: 'cpu' });
 * const handle = backend.upload(tensor([[1, 2]]));
 * console.log(handle.backend, handle.shape); // 'gpu.js:cpu' [1, 2]
 * backend.dispose();
 * ```
 */
export class GpuHandle implements Handle {
  readonly backend: string;
  readonly shape: Shape;
  readonly dtype: DType;
  readonly quantization: QuantizationLayout | undefined;
  /** The backend instance that made this handle. */
  readonly owner: object;
  #cell: StorageCell | undefined;

  constructor(owner: object, backend: string, shape: Shape, dtype: DType, cell: StorageCell, quantization?: QuantizationLayout) {
    this.owner = owner;
    this.backend = backend;
    this.shape = Object.freeze([...shape]);
    this.dtype = dtype;
    this.quantization = quantization;
    this.#cell = cell;
  }

  /** False once released (or its backend disposed). */
  get live(): boolean {
    return this.#cell !== undefined;
  }

  /** The shared storage cell; throws once released (the backend checks `live` first). */
  get cell(): StorageCell {
    if (this.#cell === undefined) throw new Error(`a ${this.backend} handle of shape [${this.shape.join(', ')}] was used after it was released`);
    return this.#cell;
  }

  /** Detaches the handle from its storage and returns the cell (`undefined` when already released). */
  detach(): StorageCell | undefined {
    const cell = this.#cell;
    this.#cell = undefined;
    return cell;
  }
}
