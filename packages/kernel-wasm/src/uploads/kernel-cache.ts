import { kernelStamp, type QTensor, type Tensor } from '@qaxon/tensor';
import type { WasmHeap } from '../memory/wasm-heap.js';
import type { KernelExports } from '../wasm/kernel-exports.js';
import { releaseUpload, uploadFloatKernel, uploadQuantizedKernel, type KernelUpload } from './kernel-upload.js';

/**
 * Uploads each kernel into the module's memory once and finds it again by identity:
 * a `WeakMap` from the QTensor (or f32 Tensor) to its upload, so a kernel used for every
 * call of a model is copied and re-laid out only the first time. Uploads of kernels that
 * are garbage collected are freed by a `FinalizationRegistry`; {@link KernelCache.releaseAll}
 * frees all of them at once (on `dispose()`).
 *
 * Kernels are treated as immutable once used. Each upload remembers the kernel's
 * `kernelStamp` (a sampled fingerprint, about a microsecond) and a use whose stamp differs
 * uploads again, so a bulk write into a kernel's arrays is seen as the reference backend
 * sees it; a write to a few elements may need {@link KernelCache.release}.
 *
 * @example
 * ```text
 * const cache = new KernelCache(heap, exports);
 * const a = cache.quantized(q);
 * const b = cache.quantized(q); // same upload, nothing copied
 * console.log(a === b, cache.size, cache.uploadCount); // true 1 1
 * ```
 */
export class KernelCache {
  private readonly heap: WasmHeap;
  private readonly exports: KernelExports;
  private readonly byKernel = new WeakMap<object, KernelUpload>();
  private readonly stamps = new WeakMap<KernelUpload, number>();
  private readonly live = new Set<KernelUpload>();
  private readonly collector: FinalizationRegistry<KernelUpload>;
  private uploads = 0;

  /** A cache over `heap`, packing with the module's `exports`. */
  constructor(heap: WasmHeap, exports: KernelExports) {
    this.heap = heap;
    this.exports = exports;
    this.collector = new FinalizationRegistry((upload) => this.drop(upload));
  }

  /** Number of kernels currently uploaded. */
  get size(): number {
    return this.live.size;
  }

  /** Uploads done since this cache was made (a cache hit does not count). */
  get uploadCount(): number {
    return this.uploads;
  }

  /** Bytes held by the uploaded kernels. */
  get bytes(): number {
    let total = 0;
    for (const upload of this.live) total += upload.bytes;
    return total;
  }

  /** The upload of a QTensor, made now if it has none yet. */
  quantized(kernel: QTensor): KernelUpload {
    const stamp = kernelStamp(kernel);
    return this.lookup(kernel, stamp) ?? this.remember(kernel, uploadQuantizedKernel(this.heap, this.exports, kernel), stamp);
  }

  /** The upload of an f32 kernel `[in, units]`, made now if it has none yet. */
  float(kernel: Tensor<'f32'>): KernelUpload {
    const stamp = kernelStamp(kernel);
    return this.lookup(kernel, stamp) ?? this.remember(kernel, uploadFloatKernel(this.heap, this.exports, kernel), stamp);
  }

  /** Frees the upload of `kernel`; true if it had one. */
  release(kernel: object): boolean {
    const upload = this.byKernel.get(kernel);
    if (upload === undefined) return false;
    this.byKernel.delete(kernel);
    this.collector.unregister(upload);
    this.drop(upload);
    return true;
  }

  /** Frees every upload. */
  releaseAll(): void {
    for (const upload of [...this.live]) {
      this.collector.unregister(upload);
      this.drop(upload);
    }
  }

  /** The live upload of `kernel` if its contents still have `stamp`; a stale one is released. */
  private lookup(kernel: object, stamp: number): KernelUpload | undefined {
    const upload = this.byKernel.get(kernel);
    if (upload === undefined || !upload.live) return undefined;
    if (this.stamps.get(upload) === stamp) return upload;
    this.release(kernel);
    return undefined;
  }

  private remember(kernel: object, upload: KernelUpload, stamp: number): KernelUpload {
    this.uploads++;
    this.stamps.set(upload, stamp);
    this.byKernel.set(kernel, upload);
    this.live.add(upload);
    this.collector.register(kernel, upload, upload);
    return upload;
  }

  private drop(upload: KernelUpload): void {
    if (!this.live.delete(upload)) return;
    releaseUpload(this.heap, upload);
  }
}
