import { describe, expect, it } from 'vitest';
import { exactOutputAt, kernelInput, kernelWeights, samplePositions } from './seeded-data.js';
import { BERT_BASE_BLOCK, TINYLLAMA_STEP } from './block-shapes.js';
import { blockWorkload, kernelWorkload, mnistWorkload, suiteWorkloads, workloadLabel } from './workloads.js';

describe('workloads', () => {
  it('names workloads by shape and format', () => {
    expect(kernelWorkload(1, 4096, 4096, 'f32').id).toBe('gemv-1x4096x4096-f32');
    expect(kernelWorkload(256, 4096, 1024, 'int8').id).toBe('gemm-256x4096x1024-int8');
    expect(mnistWorkload(256, 'int8').id).toBe('mnist-b256-int8');
    expect(workloadLabel(kernelWorkload(64, 1024, 1024, 'f32'))).toBe('GEMM 64×1024×1024 f32');
    expect(() => kernelWorkload(0, 1, 1, 'f32')).toThrow(/expected m >= 1, got 0/);
  });

  it("names issue #19's blocks by the ids its targets use", () => {
    expect(blockWorkload(BERT_BASE_BLOCK, 'int8').id).toBe('bert-block-128-int8');
    expect(blockWorkload(TINYLLAMA_STEP, 'f32').id).toBe('llama-step-kv128-f32');
    expect(blockWorkload({ ...TINYLLAMA_STEP, past: 512 }, 'f32').id).toBe('llama-step-kv512-f32');
    expect(workloadLabel(blockWorkload(BERT_BASE_BLOCK, 'f32'))).toBe('BERT-base block 128 tokens f32');
    expect(workloadLabel(blockWorkload(TINYLLAMA_STEP, 'int8'))).toBe('LLaMA step KV 128 int8');
  });

  it('runs the issue\'s shapes in full mode and a smaller set in quick mode', () => {
    expect(suiteWorkloads(false).map((workload) => workload.id)).toEqual([
      'gemv-1x4096x4096-f32',
      'gemv-1x4096x4096-int8',
      'gemv-1x1024x4096-f32',
      'gemv-1x1024x4096-int8',
      'gemv-1x768x3072-f32',
      'gemv-1x768x3072-int8',
      'gemv-1x4096x11008-f32',
      'gemv-1x4096x11008-int8',
      'gemm-64x1024x1024-f32',
      'gemm-64x1024x1024-int8',
      'gemm-128x768x3072-f32',
      'gemm-128x768x3072-int8',
      'gemm-256x4096x1024-f32',
      'gemm-256x4096x1024-int8',
      'mnist-b1-f32',
      'mnist-b1-int8',
      'mnist-b256-f32',
      'mnist-b256-int8',
      'bert-block-128-f32',
      'bert-block-128-int8',
      'llama-step-kv128-f32',
      'llama-step-kv128-int8',
    ]);
    expect(suiteWorkloads(true)).toHaveLength(6);
    expect(suiteWorkloads(true).some((workload) => workload.kind === 'block')).toBe(false);
  });
});

describe('seeded data', () => {
  const workload = kernelWorkload(3, 16, 5, 'int8');

  it('is the same on every call (children and parent agree)', () => {
    expect(kernelInput(workload)).toEqual(kernelInput(workload));
    expect(kernelWeights(workload)).toEqual(kernelWeights(workload));
  });

  it('generates int8 weights in [-127, 127] with positive scales, never a float copy', () => {
    const weights = kernelWeights(workload);
    expect(weights.kind).toBe('int8');
    if (weights.kind !== 'int8') return;
    expect(weights.values).toBeInstanceOf(Int8Array);
    expect(Math.min(...weights.values)).toBeGreaterThanOrEqual(-127);
    expect(Math.max(...weights.values)).toBeLessThanOrEqual(127);
    expect([...weights.scales].every((scale) => scale > 0)).toBe(true);
  });

  it('samples every position of a small output and distinct sorted positions of a large one', () => {
    expect(samplePositions(workload)).toEqual(Array.from({ length: 15 }, (_, index) => index));
    const large = samplePositions(kernelWorkload(64, 8, 1024, 'f32'));
    expect(large).toHaveLength(64);
    expect(new Set(large).size).toBe(64);
    expect([...large].sort((a, b) => a - b)).toEqual(large);
  });

  it('computes exact outputs by hand', () => {
    const x = new Float32Array([1, 2, 3, -1]); // [2, 2]
    expect(exactOutputAt(x, { kind: 'f32', k: 2, n: 2, values: new Float32Array([1, 0, 0.5, 2]) }, [0, 1, 2, 3])).toEqual([2, 4, 2.5, -2]);
    expect(exactOutputAt(x, { kind: 'int8', k: 2, n: 2, values: new Int8Array([2, 0, 1, 4]), scales: new Float32Array([0.5, 0.25]) }, [1, 2])).toEqual([2, 2.5]);
  });
});
