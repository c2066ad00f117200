import { describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-node';
import { matmulModel, mlpModel, type OnnxModel } from './bench-models.js';
import { encodeOnnxModel } from './onnx-model-proto.js';

async function run(
  model: OnnxModel,
  x: Float32Array,
  shape: number[],
  options: ort.InferenceSession.SessionOptions = { graphOptimizationLevel: 'disabled' },
): Promise<{ data: number[]; dims: readonly number[] }> {
  const session = await ort.InferenceSession.create(model.bytes, { intraOpNumThreads: 1, ...options });
  try {
    const outputs = await session.run({ x: new ort.Tensor('float32', x, shape) });
    const y = outputs.y!;
    return { data: [...(y.data as Float32Array)], dims: y.dims };
  } finally {
    await session.release();
  }
}

describe('ONNX models built by hand run in onnxruntime-node', () => {
  it('MatMul: [2, 3] · [3, 2] against hand values', async () => {
    // w = [[1, 2], [3, 4], [5, 6]]
    const model = matmulModel({ kind: 'f32', k: 3, n: 2, values: new Float32Array([1, 2, 3, 4, 5, 6]) });
    const { data, dims } = await run(model, new Float32Array([1, 0, -1, 0.5, 1, 2]), [2, 3]);
    // row 0: [1 - 5, 2 - 6]; row 1: [0.5 + 3 + 10, 1 + 4 + 12]
    expect(dims).toEqual([2, 2]);
    expect(data).toEqual([-4, -4, 13.5, 17]);
  });

  it('DequantizeLinear (int8, per axis 1) + MatMul against hand values', async () => {
    // values [[1, -2], [127, -128]], scales [0.5, 0.25]: w = [[0.5, -0.5], [63.5, -32]]
    const model = matmulModel({ kind: 'int8', k: 2, n: 2, values: new Int8Array([1, -2, 127, -128]), scales: new Float32Array([0.5, 0.25]) });
    const { data } = await run(model, new Float32Array([2, 1]), [1, 2]);
    expect(data).toEqual([1 + 63.5, -1 - 32]);
  });

  it('DequantizeLinear + MatMul: exact with float accumulation, approximate with ORT defaults (fused to MatMulNBits, int8 activations)', async () => {
    const model = matmulModel({ kind: 'int8', k: 2, n: 2, values: new Int8Array([1, -2, 127, -128]), scales: new Float32Array([0.5, 0.25]) });
    const x = new Float32Array([2, 1]);
    const exact = await run(model, x, [1, 2], { extra: { session: { qdq_matmulnbits_accuracy_level: '1' } } });
    expect(exact.data).toEqual([64.5, -33]);
    // Defaults quantize x per block to int8 (scale 2/127): 1 becomes 64 * 2/127.
    const fused = await run(model, x, [1, 2], {});
    const xq = (64 * 2) / 127;
    expect(fused.data[0]).toBeCloseTo(1 + 63.5 * xq, 4);
    expect(fused.data[1]).toBeCloseTo(-1 - 32 * xq, 4);
  });

  it('an MLP: Add, Relu and a final Softmax', async () => {
    const model = mlpModel([
      // x · [[1, -1]] + [0, 0.5] -> relu
      { weight: { kind: 'f32', k: 1, n: 2, values: new Float32Array([1, -1]) }, bias: new Float32Array([0, 0.5]) },
      // h · [[1, 0], [0, 0]] + [0, 0] -> softmax
      { weight: { kind: 'int8', k: 2, n: 2, values: new Int8Array([2, 0, 0, 0]), scales: new Float32Array([0.5, 1]) }, bias: new Float32Array(2) },
    ]);
    const { data } = await run(model, new Float32Array([2]), [1, 1]);
    // h = relu([2, -1.5]) = [2, 0]; logits = [2, 0]; softmax
    const e = Math.exp(2);
    expect(data[0]).toBeCloseTo(e / (e + 1), 6);
    expect(data[1]).toBeCloseTo(1 / (e + 1), 6);
  });

  it('refuses initializers whose value count does not match their dims', () => {
    expect(() =>
      encodeOnnxModel({
        name: 'bad',
        nodes: [],
        initializers: [{ name: 'w', type: 'float', dims: [2, 2], values: new Float32Array(3) }],
        inputs: [],
        outputs: [],
      }),
    ).toThrow(/initializer 'w' has dims \[2, 2\] \(4 values\), got 3 values/);
  });

  it('mlpModel refuses layers that do not chain', () => {
    const layer = (k: number, n: number) => ({ weight: { kind: 'f32' as const, k, n, values: new Float32Array(k * n) }, bias: new Float32Array(n) });
    expect(() => mlpModel([layer(2, 3), layer(4, 1)])).toThrow(/layer 1 expects 4 inputs, but layer 0 gives 3/);
  });
});
