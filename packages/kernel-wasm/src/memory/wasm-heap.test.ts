import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WasmBackendError } from '../errors.js';
import { WasmHeap } from './wasm-heap.js';

describe('WasmHeap', () => {
  it('aligns blocks to 64 bytes, starting at the base', () => {
    const heap = new WasmHeap(new WebAssembly.Memory({ initial: 1 }), 1000);
    const a = heap.allocate(1);
    const b = heap.allocate(100);
    expect(a).toBe(1024);
    expect(b).toBe(1088);
    expect(heap.sizeOf(b)).toBe(128);
    expect(heap.allocatedBytes).toBe(192);
  });

  it('grows the memory when nothing free is large enough, extending a free tail', () => {
    const memory = new WebAssembly.Memory({ initial: 1 });
    const heap = new WasmHeap(memory, 1024);
    const big = heap.allocate(100_000);
    expect(big).toBe(1024);
    expect(memory.buffer.byteLength).toBe(2 * 65536);
    heap.f32(big, 25_000).fill(1);
    expect(heap.reservedBytes).toBe(2 * 65536);
  });

  it('merges released neighbours and refuses unknown addresses', () => {
    const heap = new WasmHeap(new WebAssembly.Memory({ initial: 1 }), 0);
    const a = heap.allocate(64);
    const b = heap.allocate(64);
    const c = heap.allocate(64);
    heap.release(a);
    heap.release(c);
    heap.release(b);
    expect(heap.allocate(65536 - 64)).toBe(0); // the three blocks and the tail merged back
    expect(() => heap.release(12345)).toThrow(WasmBackendError);
  });

  it('reports a clear error when the memory cannot grow', () => {
    const heap = new WasmHeap(new WebAssembly.Memory({ initial: 1, maximum: 2 }), 0);
    expect(() => heap.allocate(3 * 65536)).toThrow(/expected to grow the module's memory by 2 pages .* cannot grow/);
    expect(heap.allocatedBytes).toBe(0);
  });

  it('never hands out overlapping blocks, and accounts every byte (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.record({ allocate: fc.integer({ min: 1, max: 40_000 }) }), fc.record({ release: fc.nat() })), {
          maxLength: 60,
        }),
        (steps) => {
          const heap = new WasmHeap(new WebAssembly.Memory({ initial: 1 }), 1024);
          const live = new Map<number, number>();
          for (const step of steps) {
            if ('allocate' in step) {
              const at = heap.allocate(step.allocate);
              if (at % 64 !== 0 || at < 1024 || live.has(at)) return false;
              live.set(at, heap.sizeOf(at));
            } else if (live.size > 0) {
              const at = [...live.keys()][step.release % live.size]!;
              heap.release(at);
              live.delete(at);
            }
            const blocks = [...live].sort((p, q) => p[0] - q[0]);
            for (let i = 1; i < blocks.length; i++) if (blocks[i - 1]![0] + blocks[i - 1]![1] > blocks[i]![0]) return false;
            const total = blocks.reduce((sum, [, size]) => sum + size, 0);
            if (total !== heap.allocatedBytes || total > heap.reservedBytes) return false;
          }
          return true;
        },
      ),
      { numRuns: 200, seed: 7 },
    );
  });
});
