import type { DType, Handle, QTensor, QuantizationLayout, Shape } from '@qaxon/tensor';
import type { KernelUpload } from '../uploads/kernel-upload.js';

/**
 * Where a WASM handle's data lives:
 * - `rows`: one block of the module's memory, row-major, `dtype` elements (activations,
 *   biases, any plain tensor);
 * - `panels`: a dense kernel `[in, units]` packed as 16-column panels for the SIMD
 *   kernels (f32, or int8 with its scales and zero points);
 * - `host`: a quantized weight in a layout the kernels lack (group-wise scales, 4 bits),
 *   kept on the host as it was given, so that `quantizedDense` can refuse it with
 *   `KernelUnsupportedError` and the op falls back to the reference.
 *
 * @example
 * ```text
 * const storage: WasmStorage = { kind: 'rows', block: heap.allocate(64), bytes: 64 };
 * ```
 */
export type WasmStorage =
  | { readonly kind: 'rows'; readonly block: number; readonly bytes: number }
  | { readonly kind: 'panels'; readonly upload: KernelUpload }
  | { readonly kind: 'host'; readonly value: QTensor };

/**
 * What a handle refers to: its storage, swapped when an f32 weight is packed into panels
 * on its first use as a dense kernel, and `undefined` once released. Kept apart from the
 * handle so that a garbage-collected handle's memory can still be freed.
 *
 * @example
 * ```text
 * const cell: StorageCell = { storage: { kind: 'rows', block, bytes } };
 * ```
 */
export interface StorageCell {
  storage: WasmStorage | undefined;
}

/**
 * A {@link Handle} of the WASM backend: shape, dtype and layout on the outside, a block
 * of the module's memory inside. Only the backend instance that
 * made it (its `owner`) may use it.
 *
 * @example
 * ```ts
 * import { createWasmBackend } from '@qaxon/kernel-wasm';
 * import { tensor } from '@qaxon/tensor';
 * const backend = await createWasmBackend();
 * const handle = backend.upload(tensor([[1, 2]]));
 * console.log(handle.backend, handle.shape); // 'wasm' [1, 2]
 * backend.dispose();
 * ```
 */
export class WasmHandle implements Handle {
  readonly backend = 'wasm';
  readonly shape: Shape;
  readonly dtype: DType;
  readonly quantization: QuantizationLayout | undefined;
  /** The backend instance that made this handle. */
  readonly owner: object;
  /**
   * The data.
   * @internal
   */
  readonly cell: StorageCell;

  /** @internal */
  constructor(owner: object, shape: Shape, dtype: DType, cell: StorageCell, quantization?: QuantizationLayout) {
    this.owner = owner;
    this.shape = Object.freeze([...shape]);
    this.dtype = dtype;
    this.cell = cell;
    this.quantization = quantization;
  }

  /** False once released (or its backend disposed). */
  get live(): boolean {
    return this.cell.storage !== undefined;
  }
}
