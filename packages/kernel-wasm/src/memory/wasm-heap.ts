import { WasmBackendError } from '../errors.js';

/** Bytes per WebAssembly page. */
const PAGE_BYTES = 65536;
/** Every block starts on a 64-byte boundary (a cache line; v128 loads never straddle one). */
const ALIGNMENT = 64;

interface FreeBlock {
  start: number;
  size: number;
}

/**
 * A first-fit allocator over a WebAssembly memory: blocks of the module's memory for
 * uploaded weights, scratch and per-call buffers, released blocks merged with their free
 * neighbours, the memory grown page by page when nothing free is large enough. Memory
 * never shrinks (WebAssembly cannot), but released blocks are reused.
 *
 * @example
 * ```text
 * const heap = new WasmHeap(new WebAssembly.Memory({ initial: 1 }), 1024);
 * const block = heap.allocate(4096);
 * heap.f32(block, 1024).fill(1);
 * heap.release(block);
 * ```
 */
export class WasmHeap {
  /** The memory the blocks live in. */
  readonly memory: WebAssembly.Memory;
  private readonly free: FreeBlock[] = [];
  private readonly used = new Map<number, number>();
  private top: number;
  private heldBytes = 0;

  /** Manages the memory from `base` (rounded up to the alignment) to its current end. */
  constructor(memory: WebAssembly.Memory, base: number) {
    this.memory = memory;
    const start = roundUp(base, ALIGNMENT);
    this.top = memory.buffer.byteLength;
    if (this.top > start) this.free.push({ start, size: this.top - start });
    else this.top = start;
  }

  /** Bytes in blocks currently allocated. */
  get allocatedBytes(): number {
    return this.heldBytes;
  }

  /** Bytes of the module's memory (allocated or not). */
  get reservedBytes(): number {
    return this.memory.buffer.byteLength;
  }

  /** Allocates at least `bytes` bytes (at least one alignment unit) and returns the block's address. */
  allocate(bytes: number): number {
    const size = roundUp(Math.max(bytes, 1), ALIGNMENT);
    for (let i = 0; i < this.free.length; i++) {
      const block = this.free[i]!;
      if (block.size < size) continue;
      const start = block.start;
      if (block.size === size) this.free.splice(i, 1);
      else {
        block.start += size;
        block.size -= size;
      }
      return this.take(start, size);
    }
    return this.take(this.grow(size), size);
  }

  /** Returns a block to the free list (merging it with free neighbours). Unknown addresses throw. */
  release(pointer: number): void {
    const size = this.used.get(pointer);
    if (size === undefined) {
      throw new WasmBackendError(`WasmHeap.release: expected the address of an allocated block, got ${pointer}`);
    }
    this.used.delete(pointer);
    this.heldBytes -= size;
    this.insertFree(pointer, size);
  }

  /** Size in bytes of the allocated block at `pointer` (0 for unknown addresses). */
  sizeOf(pointer: number): number {
    return this.used.get(pointer) ?? 0;
  }

  /** A Float32Array view of `length` floats at `pointer` (valid until the memory grows). */
  f32(pointer: number, length: number): Float32Array {
    return new Float32Array(this.memory.buffer, pointer, length);
  }

  /** An Int8Array view of `length` bytes at `pointer`. */
  i8(pointer: number, length: number): Int8Array {
    return new Int8Array(this.memory.buffer, pointer, length);
  }

  /** An Int32Array view of `length` ints at `pointer`. */
  i32(pointer: number, length: number): Int32Array {
    return new Int32Array(this.memory.buffer, pointer, length);
  }

  private take(start: number, size: number): number {
    this.used.set(start, size);
    this.heldBytes += size;
    return start;
  }

  /** Grows the memory so that a block of `size` fits at its end; returns the block's start. */
  private grow(size: number): number {
    const last = this.free[this.free.length - 1];
    const tailFree = last !== undefined && last.start + last.size === this.top ? last : undefined;
    const start = tailFree ? tailFree.start : this.top;
    const needed = start + size - this.top;
    const pages = Math.ceil(needed / PAGE_BYTES);
    try {
      this.memory.grow(pages);
    } catch (error) {
      throw new WasmBackendError(
        `WasmHeap: expected to grow the module's memory by ${pages} pages to fit a block of ${size} bytes ` +
          `(${this.heldBytes} bytes already held, ${this.top} reserved), but the memory cannot grow: ${String(error)}`,
      );
    }
    const newTop = this.memory.buffer.byteLength;
    if (tailFree) this.free.pop();
    const rest = newTop - (start + size);
    this.top = newTop;
    if (rest > 0) this.free.push({ start: start + size, size: rest });
    return start;
  }

  private insertFree(start: number, size: number): void {
    const blocks = this.free;
    let index = 0;
    while (index < blocks.length && blocks[index]!.start < start) index++;
    const before = blocks[index - 1];
    const after = blocks[index];
    if (before && before.start + before.size === start) {
      before.size += size;
      if (after && before.start + before.size === after.start) {
        before.size += after.size;
        blocks.splice(index, 1);
      }
    } else if (after && start + size === after.start) {
      after.start = start;
      after.size += size;
    } else {
      blocks.splice(index, 0, { start, size });
    }
  }
}

function roundUp(value: number, multiple: number): number {
  return Math.ceil(value / multiple) * multiple;
}
