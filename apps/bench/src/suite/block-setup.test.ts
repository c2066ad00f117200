import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { qaxonRunner } from '../runners/qaxon-runner.js';
import { blockOracle } from '../test-support/block-oracle.js';
import type { BertBlockShape, BlockShape, LlamaStepShape } from '../workloads/block-shapes.js';
import { blockInputs, blockSamplePositions, blockWeights } from '../workloads/block-weights.js';
import { blockWorkload } from '../workloads/workloads.js';
import { compareWithOracle } from './accuracy.js';
import { setUpBlock } from './workload-setup.js';

const BERT: BertBlockShape = { family: 'bert', tokens: 5, hidden: 16, heads: 2, intermediate: 32, epsilon: 1e-12 };
const LLAMA: LlamaStepShape = { family: 'llama', past: 6, hidden: 64, heads: 4, kvHeads: 2, headDim: 16, intermediate: 24, epsilon: 1e-5, theta: 10000 };
const scratch = mkdtempSync(join(os.tmpdir(), 'qaxon-bench-block-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const sampled = (shape: BlockShape, values: readonly number[]) => blockSamplePositions(shape).map((position) => values[position]!);

describe('block setup and the qaxon block runner', () => {
  for (const shape of [BERT, LLAMA]) {
    it(`${shape.family}: the oracle (qaxon reference) equals the float64 block from the Hugging Face code, and the wasm backend runs the block`, async () => {
      const setup = await setUpBlock(scratch, blockWorkload(shape, 'f32'));
      try {
        const oracle = await setup.oracleFor(undefined);
        const expected = sampled(shape, blockOracle(shape, blockWeights(shape), blockInputs(shape)));
        expect(compareWithOracle(oracle.expected, expected).maxRelDiff).toBeLessThan(1e-6);
        const runner = await qaxonRunner({ kind: 'wasm', threads: 1 });
        const model = await runner.prepareBlock!(shape, setup.blockState!.path, false, blockInputs(shape));
        const y = await model.run(blockInputs(shape).x, 1);
        expect(compareWithOracle(sampled(shape, [...y]), expected).maxRelDiff).toBeLessThan(1e-5);
        const breakdown = await model.opBreakdown!(blockInputs(shape).x, 1, 2);
        expect(breakdown.ops.map((entry) => entry.op)).toContain('dense');
        expect(breakdown.ops.find((entry) => entry.op === 'dense')!.calls).toBe(shape.family === 'bert' ? 6 : 7);
        expect(breakdown.nonDenseShare).toBeGreaterThan(0);
        expect(breakdown.nonDenseShare).toBeLessThan(1);
        await model.dispose();
      } finally {
        setup.dispose();
      }
    });
  }

  it('int8: the state is quantized by quantize, and the runner loads it as weight-only int8 (quantizedDense)', async () => {
    const setup = await setUpBlock(scratch, blockWorkload(LLAMA, 'int8'));
    try {
      const oracle = await setup.oracleFor(undefined);
      const float = sampled(LLAMA, blockOracle(LLAMA, blockWeights(LLAMA), blockInputs(LLAMA)));
      const { maxRelDiff } = compareWithOracle(oracle.expected, float);
      // int8 weights: close to the float block, not equal to it.
      expect(maxRelDiff).toBeGreaterThan(1e-6);
      expect(maxRelDiff).toBeLessThan(2e-2);
      const runner = await qaxonRunner({ kind: 'wasm', threads: 1 });
      const model = await runner.prepareBlock!(LLAMA, setup.blockState!.path, true, blockInputs(LLAMA));
      const y = await model.run(blockInputs(LLAMA).x, 1);
      expect(compareWithOracle(sampled(LLAMA, [...y]), oracle.expected).maxRelDiff).toBeLessThan(1e-5);
      const breakdown = await model.opBreakdown!(blockInputs(LLAMA).x, 1, 2);
      expect(breakdown.ops.find((entry) => entry.op === 'quantizedDense')?.calls).toBe(7);
      const q4 = await setup.oracleFor('matmul-nbits-4');
      expect(q4.description).toMatch(/re-quantized to 4 bits/);
      expect(setup.onnxModelFor('matmul-integer').weightBytes).toBeLessThan(setup.onnxModelFor('dequantize-linear').weightBytes + 1);
      await model.dispose();
    } finally {
      setup.dispose();
    }
  });
});
