import * as ort from 'onnxruntime-web';
import { QTensor, Tensor } from '@qaxon/tensor';
import { describe, expect, it } from 'vitest';
import { compareWithOracle } from '../suite/accuracy.js';
import { blockOracle } from '../test-support/block-oracle.js';
import { blockRows, type BertBlockShape, type BlockShape, type LlamaStepShape } from '../workloads/block-shapes.js';
import { blockInputs, blockWeights, type BlockWeights } from '../workloads/block-weights.js';
import { blockOnnxFeeds, blockOnnxModel, onnxBlockWeights, rotaryCaches, type Int8Kernel } from './block-graphs.js';
import type { Int8Graph } from './int8-graphs.js';
import { graphWeights } from './int8-graphs.js';

const BERT: BertBlockShape = { family: 'bert', tokens: 5, hidden: 16, heads: 2, intermediate: 32, epsilon: 1e-12 };
const LLAMA: LlamaStepShape = { family: 'llama', past: 6, hidden: 64, heads: 4, kvHeads: 2, headDim: 16, intermediate: 24, epsilon: 1e-5, theta: 10000 };
// Large weights on tiny shapes: attention far from uniform, so RoPE and masking matter. GroupQueryAttention's rotary needs a head size that is a multiple of 16.
const STD = 0.4;

ort.env.wasm.numThreads = 1;
ort.env.logLevel = 'error';

async function runOnnx(shape: BlockShape, weights: BlockWeights, graph?: Int8Graph, int8Kernel?: (name: string) => Int8Kernel | undefined): Promise<number[]> {
  const { bytes } = blockOnnxModel(shape, onnxBlockWeights(weights, int8Kernel), graph);
  const session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
  try {
    const inputs = blockInputs(shape);
    const feeds = blockOnnxFeeds(shape, inputs);
    const tensor = (data: Float32Array | Int32Array, dims: readonly number[]) =>
      data instanceof Int32Array ? new ort.Tensor('int32', data, dims) : new ort.Tensor('float32', data, dims);
    const fed = Object.fromEntries(feeds.others.map((feed) => [feed.name, tensor(feed.data, feed.dims)]));
    const { y } = await session.run({ ...fed, x: tensor(inputs.x, feeds.xDims) });
    expect(y!.dims).toEqual([1, blockRows(shape), shape.hidden]);
    return [...(y!.data as Float32Array)];
  } finally {
    await session.release();
  }
}

/** Per-column int8 of each dense kernel, with qaxon's quantizer. */
function int8Kernels(weights: BlockWeights): (name: string) => Int8Kernel {
  const byName = new Map(
    weights.denses.map((dense) => {
      const q = QTensor.fromTensor(new Tensor(dense.kernel, [dense.k, dense.n], 'f32'));
      return [dense.name, { values: q.value.data, scales: q.scale.data as Float32Array }];
    }),
  );
  return (name) => byName.get(name)!;
}

describe('transformer blocks as ONNX graphs in onnxruntime-web', () => {
  for (const shape of [BERT, LLAMA]) {
    it(`${shape.family}: the fused graph equals a float64 block written from the Hugging Face code`, async () => {
      const weights = blockWeights(shape, STD);
      const expected = blockOracle(shape, weights, blockInputs(shape));
      const { maxRelDiff } = compareWithOracle(await runOnnx(shape, weights), expected);
      expect(maxRelDiff).toBeLessThan(1e-5);
    });

    it(`${shape.family}: with int8 dense weights, every int8 form computes the dequantized block`, async () => {
      const weights = blockWeights(shape, STD);
      const int8 = int8Kernels(weights);
      const dequantized = (graph: Int8Graph): BlockWeights => ({
        norms: weights.norms,
        denses: onnxBlockWeights(weights, int8).denses.map((dense, index) => ({ ...weights.denses[index]!, kernel: dequantize(graphWeights(dense.weight, graph)) })),
      });
      for (const [graph, tolerance] of [
        ['dequantize-linear', 1e-5],
        ['matmul-nbits-4', 1e-5],
        // q8 quantizes the activations to uint8 at every product.
        ['matmul-integer', 5e-2],
      ] as const) {
        const expected = blockOracle(shape, dequantized(graph), blockInputs(shape));
        const { maxRelDiff } = compareWithOracle(await runOnnx(shape, weights, graph, int8), expected);
        expect(maxRelDiff, graph).toBeLessThan(tolerance);
      }
    });
  }

  it('feeds the KV cache heads first, as GroupQueryAttention reads it', () => {
    const shape: LlamaStepShape = { ...LLAMA, past: 2, kvHeads: 2, headDim: 2 };
    const inputs = { x: new Float32Array(16), position: 2, pastKey: new Float32Array([1, 2, 3, 4, 5, 6, 7, 8]), pastValue: new Float32Array(8) };
    const [key, , seqlens, total] = blockOnnxFeeds(shape, inputs).others;
    // [past, kvHeads, headDim] = [[[1, 2], [3, 4]], [[5, 6], [7, 8]]] -> [kvHeads, past, headDim]
    expect([...key!.data]).toEqual([1, 2, 5, 6, 3, 4, 7, 8]);
    expect(key!.dims).toEqual([1, 2, 2, 2]);
    expect([...seqlens!.data, ...total!.data]).toEqual([2, 3]);
    expect(total!.dims).toEqual([]);
  });

  it('writes rotary caches of position · theta^(-2i / headDim)', () => {
    const { cos, sin } = rotaryCaches(3, 4, 100);
    expect(cos.length).toBe(6);
    expect(cos[2 * 2 + 1]).toBeCloseTo(Math.cos(2 / 10), 6);
    expect(sin[1 * 2 + 0]).toBeCloseTo(Math.sin(1), 6);
  });
});

function dequantize(weight: ReturnType<typeof graphWeights>): Float32Array {
  if (weight.kind === 'f32') return weight.values;
  return Float32Array.from(weight.values, (value, index) => value * weight.scales[index % weight.n]!);
}
