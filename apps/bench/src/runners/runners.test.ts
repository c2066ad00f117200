import { describe, expect, it } from 'vitest';
import { compareWithOracle } from '../suite/accuracy.js';
import { exactOutputAt, kernelInput, kernelWeights } from '../workloads/seeded-data.js';
import { kernelWorkload } from '../workloads/workloads.js';
import { ortRunner } from './ort-runner.js';
import { qaxonRunner } from './qaxon-runner.js';
import { dequantizedWeights, type LibraryRunner, type MlpLayer } from './runner.js';
import { tfjsRunner } from './tfjs-runner.js';

const runners: [string, () => Promise<LibraryRunner>][] = [
  ['qaxon reference', () => qaxonRunner({ kind: 'reference' })],
  ['qaxon wasm 1 thread', () => qaxonRunner({ kind: 'wasm', threads: 1 })],
  ['TF.js cpu', () => tfjsRunner('cpu')],
  ['ORT 1 thread, f32 activations', () => ortRunner({ threads: 1, int8Accumulation: 'float' })],
];

describe.each(runners)('%s does the same work as the oracle', (_name, create) => {
  it.each(['f32', 'int8'] as const)('kernel x · w with %s weights', async (format) => {
    const workload = kernelWorkload(3, 40, 7, format);
    const weights = kernelWeights(workload);
    const x = kernelInput(workload);
    const model = await (await create()).prepareKernel(weights);
    const y = await model.run(x, workload.m);
    const all = Array.from({ length: 21 }, (_, index) => index);
    expect(compareWithOracle([...y], exactOutputAt(x, weights, all)).maxRelDiff).toBeLessThan(1e-5);
    expect(model.weightMemory().bytes).toBeGreaterThan(0);
    await model.dispose();
  });

  it('a 2-layer MLP: relu then softmax', async () => {
    const hidden: MlpLayer = { weights: { kind: 'f32', k: 2, n: 2, values: new Float32Array([1, -1, 2, 0.5]) }, bias: new Float32Array([0, 0.25]) };
    const last: MlpLayer = { weights: { kind: 'int8', k: 2, n: 2, values: new Int8Array([2, -2, 0, 4]), scales: new Float32Array([0.5, 0.25]) }, bias: new Float32Array([0.1, 0]) };
    const model = await (await create()).prepareMlp([hidden, last]);
    const y = await model.run(new Float32Array([1, 1]), 1);
    // h = relu([1 + 2, -1 + 0.5 + 0.25]) = [3, 0]; logits = [3 * 1 + 0.1, 3 * -0.5] = [3.1, -1.5]
    const e = Math.exp(3.1 + 1.5);
    expect(y[0]).toBeCloseTo(e / (e + 1), 6);
    expect(y[1]).toBeCloseTo(1 / (e + 1), 6);
    await model.dispose();
  });
});

describe('dequantizedWeights', () => {
  it('multiplies each column by its scale and returns float weights as they are', () => {
    expect([...dequantizedWeights({ kind: 'int8', k: 2, n: 2, values: new Int8Array([2, 4, -2, 8]), scales: new Float32Array([0.5, 0.25]) })]).toEqual([1, 1, -1, 2]);
    const values = new Float32Array([1]);
    expect(dequantizedWeights({ kind: 'f32', k: 1, n: 1, values })).toBe(values);
  });
});
