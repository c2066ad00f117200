import { describe, expect, it } from 'vitest';
import { graphWeights, INT8_GRAPHS } from '../onnx/int8-graphs.js';
import { compareWithOracle } from '../suite/accuracy.js';
import { exactOutputAt, kernelInput, kernelWeights } from '../workloads/seeded-data.js';
import { kernelWorkload } from '../workloads/workloads.js';
import { ortWebRunner } from './ort-web-runner.js';

/** Relative tolerance of each graph against the oracle of the weights it holds: MatMulInteger quantizes the activations to uint8. */
const TOLERANCE = { 'dequantize-linear': 1e-5, 'matmul-integer': 3e-2, 'matmul-nbits-8': 1e-5, 'matmul-nbits-4': 1e-5 } as const;

describe('ortWebRunner (onnxruntime-web in Node)', () => {
  it.each(INT8_GRAPHS)('%s: x · w on int8 weights matches the oracle of the weights the graph holds', async (graph) => {
    // k = 40 is not a multiple of MatMulNBits' block of 32: the last block is padded.
    const workload = kernelWorkload(3, 40, 7, 'int8');
    const weights = kernelWeights(workload);
    const x = kernelInput(workload);
    const model = await (await ortWebRunner({ threads: 1, int8Graph: graph })).prepareKernel(weights);
    const y = await model.run(x, workload.m);
    const all = Array.from({ length: 21 }, (_, index) => index);
    expect(compareWithOracle([...y], exactOutputAt(x, graphWeights(weights, graph), all)).maxRelDiff).toBeLessThan(TOLERANCE[graph]);
    expect(model.weightMemory().note).toContain(graph);
    await model.dispose();
  });

  it('runs f32 MatMul on two threads and says how many it was given', async () => {
    const runner = await ortWebRunner({ threads: 2, int8Graph: 'dequantize-linear' });
    const model = await runner.prepareKernel({ kind: 'f32', k: 2, n: 1, values: new Float32Array([1, 2]) });
    expect([...(await model.run(new Float32Array([3, 4]), 1))]).toEqual([11]);
    expect(model.details).toMatch(/numThreads 2; OS threads of the process: /);
    await model.dispose();
  });

  it('refuses a thread count below 1', async () => {
    await expect(ortWebRunner({ threads: 0, int8Graph: 'dequantize-linear' })).rejects.toThrow(/expected threads >= 1, got 0/);
  });
});
