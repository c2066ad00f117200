import { describe, expect, it } from 'vitest';
import { GpuBackendError } from './errors.js';
import { addKernelOutput } from './kernel-output.js';
import { runSequence } from './run-sequence.js';

describe('addKernelOutput', () => {
  it('adds vector outputs into their columns, skipping padding columns and rows', () => {
    const out = new Float32Array(2 * 7).fill(1);
    const tile = { innerStart: 0, innerEnd: 3, unitStart: 2, unitEnd: 7 };
    const cell = (base: number) => Float32Array.from([base, base + 1, base + 2, base + 3]);
    // 3 rows computed (one padding row), 2 texel groups of 4 (3 padding columns).
    const result = [[cell(10), cell(20)], [cell(30), cell(40)], [cell(99), cell(99)]];
    addKernelOutput(result, out, 7, 0, 2, tile, 4);
    expect([...out]).toEqual([1, 1, 11, 12, 13, 14, 21, 1, 1, 31, 32, 33, 34, 41]);
  });

  it('accepts a flat one-row scalar output and refuses a missing row', () => {
    const out = new Float32Array(2);
    addKernelOutput(Float32Array.from([3, 4]), out, 2, 0, 1, { innerStart: 0, innerEnd: 1, unitStart: 0, unitEnd: 2 }, 1);
    expect([...out]).toEqual([3, 4]);
    expect(() => addKernelOutput([], out, 2, 0, 1, { innerStart: 0, innerEnd: 1, unitStart: 0, unitEnd: 2 }, 1)).toThrow(GpuBackendError);
    expect(() => addKernelOutput(null, out, 2, 0, 1, { innerStart: 0, innerEnd: 1, unitStart: 0, unitEnd: 2 }, 1)).toThrow(/without row 0 \(got null\)/);
  });
});

describe('runSequence', () => {
  it('stays synchronous for plain values', () => {
    const seen: unknown[] = [];
    expect(runSequence(3, (i) => i * 2, (_i, value) => seen.push(value))).toBeUndefined();
    expect(seen).toEqual([0, 2, 4]);
  });

  it('switches to awaiting in order from the first promise on', async () => {
    const seen: unknown[] = [];
    const done = runSequence(4, (i) => (i >= 1 ? Promise.resolve(i * 10) : i), (i, value) => seen.push([i, value]));
    expect(done).toBeInstanceOf(Promise);
    await done;
    expect(seen).toEqual([
      [0, 0],
      [1, 10],
      [2, 20],
      [3, 30],
    ]);
  });
});
