import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { kernelWorkload } from '../workloads/workloads.js';
import { setUpKernel } from './workload-setup.js';

describe('setUpKernel', () => {
  const scratch = mkdtempSync(join(os.tmpdir(), 'qaxon-bench-setup-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('gives the 4-bit graph its own oracle, and every other configuration the workload oracle', async () => {
    const setup = setUpKernel(scratch, kernelWorkload(2, 64, 8, 'int8'));
    const own = await setup.oracleFor(undefined);
    expect(own.expected).toHaveLength(16);
    expect(await setup.oracleFor('matmul-integer')).toBe(own);
    const q4 = await setup.oracleFor('matmul-nbits-4');
    expect(q4.expected).not.toEqual(own.expected);
    expect(q4.description).toMatch(/re-quantized to 4 bits in blocks of 32 from the int8 weights: this oracle differs from theirs by up to \d\.\de-\d+ relative/);
  });

  it('writes each ONNX form once (one file for float32 weights) and deletes them on dispose', () => {
    const f32 = setUpKernel(scratch, kernelWorkload(1, 8, 4, 'f32'));
    const file = f32.onnxModelFor('matmul-integer');
    expect(f32.onnxModelFor('dequantize-linear')).toBe(file);
    expect(file.weightBytes).toBe(8 * 4 * 4);
    const int8 = setUpKernel(scratch, kernelWorkload(1, 8, 4, 'int8'));
    expect(int8.onnxModelFor('matmul-integer').path).not.toBe(int8.onnxModelFor('dequantize-linear').path);
    // values (32 B) + scales (16 B) + zero points (4 B)
    expect(int8.onnxModelFor('dequantize-linear').weightBytes).toBe(52);
    f32.dispose();
    expect(existsSync(file.path)).toBe(false);
    int8.dispose();
  });
});
