import { allocate as allocateArray, bytesPerElement, Tensor, ValueError, type DType, type QTensor, type QuantizationLayout, type Shape } from '@qaxon/tensor';
import type { WasmHeap } from '../memory/wasm-heap.js';
import { s4GroupPairs, uploadS4Kernel } from '../uploads/s4-upload.js';
import { packFloatRows, PANEL_WIDTH, releaseUpload, uploadQuantizedKernel, type KernelUpload } from '../uploads/kernel-upload.js';
import type { KernelExports } from '../wasm/kernel-exports.js';
import { WasmHandle, type StorageCell, type WasmStorage } from './wasm-handle.js';

/** Live handles that may wait before they are registered for garbage collection (see `HandleStore.make`). */
const PENDING_LIMIT = 64;

/**
 * The handles of one WASM backend and the blocks of the module's memory behind them:
 * makes handles (from host tensors, packed kernels, or fresh blocks for kernel outputs),
 * gives kernels row-major or panel access to their data, brings data back to the host,
 * and frees it on `release`, on `releaseAll`, or when a handle is garbage collected.
 *
 * @example
 * ```text
 * const store = new HandleStore(owner, heap, exports);
 * const handle = store.fromTensor(tensor([1, 2]));
 * console.log(store.download(handle).data); // Float32Array [1, 2]
 * store.release(handle);
 * ```
 */
export class HandleStore {
  private readonly owner: object;
  private readonly heap: WasmHeap;
  private readonly exports: KernelExports;
  private readonly cells = new Set<StorageCell>();
  private readonly collector = new FinalizationRegistry<StorageCell>((cell) => this.free(cell));
  // Handles not yet registered for collection. Registering costs more than a small op
  // (V8 keeps a weak cell per registration and scans them in every GC), and most handles
  // (a model's intermediates) are released within a few ops; so a handle is registered
  // only once PENDING_LIMIT newer handles were made while it stayed live. A handle dropped
  // without release is still freed: at most PENDING_LIMIT of them wait to be registered.
  // An array, not a map: a released handle is skipped when the batch is registered, so
  // releasing (most handles) costs nothing here.
  private pending: WasmHandle[] = [];

  constructor(owner: object, heap: WasmHeap, exports: KernelExports) {
    this.owner = owner;
    this.heap = heap;
    this.exports = exports;
  }

  /** Live handles. */
  get count(): number {
    return this.cells.size;
  }

  /** Bytes of the module's memory held by live handles. */
  get bytes(): number {
    let total = 0;
    for (const cell of this.cells) total += storageBytes(this.heap, cell.storage);
    return total;
  }

  /** True when `value` is a live handle of this store. */
  owns(value: unknown): value is WasmHandle {
    return value instanceof WasmHandle && value.owner === this.owner && value.live;
  }

  /** A handle over `storage`. */
  make(storage: WasmStorage, shape: Shape, dtype: DType, quantization?: QuantizationLayout): WasmHandle {
    const cell: StorageCell = { storage };
    const handle = new WasmHandle(this.owner, shape, dtype, cell, quantization);
    this.cells.add(cell);
    if (this.pending.length >= PENDING_LIMIT) this.registerPending();
    this.pending.push(handle);
    return handle;
  }

  /** A new row-major handle of `shape` and `dtype` (contents undefined) and its block. */
  allocateRows(shape: Shape, dtype: DType): { handle: WasmHandle; block: number } {
    const bytes = shape.reduce((size, axis) => size * axis, 1) * bytesPerElement(dtype);
    const block = this.heap.allocate(bytes);
    return { handle: this.make({ kind: 'rows', block, bytes }, shape, dtype), block };
  }

  /** Copies a host tensor into the module's memory, row-major. */
  fromTensor(value: Tensor): WasmHandle {
    const { handle, block } = this.allocateRows(value.shape, value.dtype);
    this.view(value.dtype, block, value.size).set(value.data as never);
    return handle;
  }

  /** Packs a QTensor as int8 panels; a layout the kernels lack is kept on the host. */
  fromQTensor(value: QTensor): WasmHandle {
    const layout = value.quantization;
    const s4Pairs = s4GroupPairs(value);
    const storage: WasmStorage =
      layout.bits === 8 && layout.groupSize === undefined && layout.axis === 1 && value.value.rank === 2
        ? { kind: 'panels', upload: uploadQuantizedKernel(this.heap, this.exports, value) }
        : s4Pairs !== undefined
          ? { kind: 'panels', upload: uploadS4Kernel(this.heap, this.exports, value, s4Pairs) }
          : { kind: 'host', value };
    return this.make(storage, value.shape, 'f32', layout);
  }

  /**
   * The address of `handle`'s data, row-major, and whether it is a temporary copy the
   * caller must free with `heap.release` (f32 panels are unpacked into one).
   */
  rowsOf(handle: WasmHandle): { block: number; temporary: boolean } {
    const storage = this.storageOf(handle);
    if (storage.kind === 'rows') return { block: storage.block, temporary: false };
    if (storage.kind === 'panels' && storage.upload.kind === 'f32') {
      const { depth, units } = storage.upload;
      const block = this.heap.allocate(depth * units * 4);
      unpackFloatPanels(this.heap, storage.upload, block);
      return { block, temporary: true };
    }
    throw new ValueError(`wasm backend: expected a plain tensor handle, got a quantized weight of shape [${handle.shape.join(', ')}]`);
  }

  /**
   * The panels of a dense kernel: an f32 weight held row-major is packed now, and keeps
   * its panels (the row-major block is freed), so a weight is packed on its first use only.
   */
  panelsOf(handle: WasmHandle): KernelUpload | QTensor {
    const storage = this.storageOf(handle);
    if (storage.kind === 'panels') return storage.upload;
    if (storage.kind === 'host') return storage.value;
    const [depth, units] = handle.shape as [number, number];
    const upload = packFloatRows(this.heap, this.exports, storage.block, depth, units);
    this.heap.release(storage.block);
    handle.cell.storage = { kind: 'panels', upload };
    return upload;
  }

  /** A new host tensor with `handle`'s data. */
  download(handle: WasmHandle): Tensor {
    const storage = this.storageOf(handle);
    if (storage.kind !== 'rows' && !(storage.kind === 'panels' && storage.upload.kind === 'f32')) {
      throw new ValueError(
        `wasm backend: download expected a plain tensor handle, got a quantized weight of shape [${handle.shape.join(', ')}] (keep the host QTensor to read it)`,
      );
    }
    const size = handle.shape.reduce((total, axis) => total * axis, 1);
    const data = allocateArray(handle.dtype, size);
    if (storage.kind === 'rows') data.set(this.view(handle.dtype, storage.block, size) as never);
    else {
      const { block, temporary } = this.rowsOf(handle);
      data.set(this.heap.f32(block, size) as never);
      if (temporary) this.heap.release(block);
    }
    return new Tensor(data, handle.shape, handle.dtype);
  }

  /** A typed view of `length` elements of `dtype` at `block` (valid until the memory grows). */
  view(dtype: DType, block: number, length: number): Float32Array | Int8Array | Int32Array {
    if (dtype === 'f32') return this.heap.f32(block, length);
    if (dtype === 's8') return this.heap.i8(block, length);
    return this.heap.i32(block, length);
  }

  /** Registers every pending live handle for collection (no unregister token: a released handle's finalizer finds its cell empty). */
  private registerPending(): void {
    for (const handle of this.pending) if (handle.live) this.collector.register(handle, handle.cell);
    this.pending = [];
  }

  /** Frees one handle's data (releasing twice, or a foreign handle, does nothing). */
  release(handle: unknown): void {
    if (!(handle instanceof WasmHandle) || handle.owner !== this.owner) return;
    this.free(handle.cell);
  }

  /** Frees every handle's data. */
  releaseAll(): void {
    for (const cell of [...this.cells]) this.free(cell);
  }

  private storageOf(handle: WasmHandle): WasmStorage {
    const storage = handle.cell.storage;
    if (storage === undefined) throw new ValueError(`wasm backend: a handle of shape [${handle.shape.join(', ')}] was used after it was released`);
    return storage;
  }

  private free(cell: StorageCell): void {
    const storage = cell.storage;
    cell.storage = undefined;
    this.cells.delete(cell);
    if (storage?.kind === 'rows') this.heap.release(storage.block);
    else if (storage?.kind === 'panels') releaseUpload(this.heap, storage.upload);
  }
}

function storageBytes(heap: WasmHeap, storage: WasmStorage | undefined): number {
  if (storage?.kind === 'rows') return heap.sizeOf(storage.block);
  if (storage?.kind === 'panels') return storage.upload.bytes;
  return 0;
}

/** Writes f32 panels back as row-major `[depth, units]` at `target`. */
function unpackFloatPanels(heap: WasmHeap, upload: KernelUpload, target: number): void {
  const { depth, units, panels, weights } = upload;
  const source = heap.f32(weights, depth * panels * PANEL_WIDTH);
  const out = heap.f32(target, depth * units);
  for (let n = 0; n < units; n++) {
    const panel = (n >> 4) * depth * PANEL_WIDTH + (n & 15);
    for (let k = 0; k < depth; k++) out[k * units + n] = source[panel + k * PANEL_WIDTH]!;
  }
}
