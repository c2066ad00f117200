import type { InferenceSession } from 'onnxruntime-node';
import type { KernelWeights } from '../workloads/seeded-data.js';
import { matmulModel, mlpModel, type OnnxWeight } from '../onnx/bench-models.js';
import { declaredWeightBytes, type LibraryRunner, type MlpLayer, type PreparedModel } from './runner.js';

/**
 * How ONNX Runtime is configured: `threads` is 1 or `'default'` (its own choice, one per
 * physical core); `int8Accumulation` picks what ONNX Runtime does with weight-only int8
 * (`DequantizeLinear` -> `MatMul`, which it fuses into `MatMulNBits`): `'default'` keeps its
 * default accuracy level 4 (activations quantized to int8 per block, an approximation),
 * `'float'` sets `session.qdq_matmulnbits_accuracy_level = 1` (float32 activations, the
 * same arithmetic as qaxon).
 *
 * @example
 * ```ts
 * const options: OrtRunnerOptions = { threads: 1, int8Accumulation: 'float' };
 * ```
 */
export interface OrtRunnerOptions {
  readonly threads: 1 | 'default';
  readonly int8Accumulation: 'default' | 'float';
}

/**
 * An ONNX Runtime {@link LibraryRunner} that can also load a model from a `.onnx` file (as
 * users do: the bench writes its models to files so that the child process measuring ONNX
 * Runtime never holds the weights as JavaScript arrays).
 *
 * @example
 * ```ts
 * async function load(runner: OrtRunner) {
 *   return runner.prepareModelFile('/tmp/matmul.onnx', 8, false);
 * }
 * ```
 */
export interface OrtRunner extends LibraryRunner {
  readonly details: string;
  /** Loads `path`; `weightBytes` is what the model's initializers hold, `int8` whether they are quantized. */
  prepareModelFile(path: string, weightBytes: number, int8: boolean): Promise<PreparedModel>;
}

/**
 * A runner over onnxruntime-node (CPU execution provider) with models built in memory by
 * the bench's own ONNX encoder.
 *
 * @example
 * ```ts
 * const runner = await ortRunner({ threads: 1, int8Accumulation: 'float' });
 * const model = await runner.prepareKernel({ kind: 'f32', k: 2, n: 1, values: new Float32Array([1, 2]) });
 * console.log([...(await model.run(new Float32Array([3, 4]), 1))]); // [11]
 * ```
 */
export async function ortRunner(options: OrtRunnerOptions): Promise<OrtRunner> {
  const ort = await import('onnxruntime-node');
  const sessionOptions: InferenceSession.SessionOptions = {
    executionProviders: ['cpu'],
    ...(options.threads === 1 ? { intraOpNumThreads: 1, interOpNumThreads: 1 } : {}),
    ...(options.int8Accumulation === 'float' ? { extra: { session: { qdq_matmulnbits_accuracy_level: '1' } } } : {}),
  };
  const details = `onnxruntime-node ${ort.env.versions.node ?? '?'} cpu, intra-op threads ${options.threads}${
    options.int8Accumulation === 'float' ? ', MatMulNBits accuracy level 1 (float32 activations)' : ''
  }`;

  const prepared = async (model: Uint8Array | string, bytes: number, int8: boolean): Promise<PreparedModel> => {
    const session = typeof model === 'string' ? await ort.InferenceSession.create(model, sessionOptions) : await ort.InferenceSession.create(model, sessionOptions);
    return {
      async run(x, rows) {
        const outputs = await session.run({ x: new ort.Tensor('float32', x, [rows, x.length / rows]) });
        return outputs.y!.data as Float32Array;
      },
      weightMemory: () => ({
        bytes,
        note: `initializer bytes of the model${int8 ? ' (int8 values + scales + zero points)' : ''}; ONNX Runtime's pre-packed copies show in the RSS columns`,
      }),
      details,
      async dispose() {
        await session.release();
      },
    };
  };

  return {
    details,
    prepareModelFile: (path, weightBytes, int8) => prepared(path, weightBytes, int8),
    async prepareKernel(weights) {
      const onnx = toOnnxWeight(weights);
      return prepared(matmulModel(onnx), onnxWeightBytes(weights), weights.kind === 'int8');
    },
    async prepareMlp(layers: readonly MlpLayer[]) {
      const model = mlpModel(layers.map((layer) => ({ weight: toOnnxWeight(layer.weights), bias: layer.bias })));
      const bytes = layers.reduce((total, layer) => total + onnxWeightBytes(layer.weights, layer.bias), 0);
      return prepared(model, bytes, layers.some((layer) => layer.weights.kind === 'int8'));
    },
  };
}

function toOnnxWeight(weights: KernelWeights): OnnxWeight {
  return weights;
}

function zeroPointBytes(weights: KernelWeights): number {
  return weights.kind === 'int8' ? weights.n : 0;
}

/**
 * Bytes of the initializers the bench's ONNX model holds for `weights` (and `bias`): values,
 * plus scales and int8 zero points for an int8 weight.
 *
 * @example
 * ```ts
 * console.log(onnxWeightBytes({ kind: 'int8', k: 2, n: 2, values: new Int8Array(4), scales: new Float32Array(2) })); // 14
 * ```
 */
export function onnxWeightBytes(weights: KernelWeights, bias?: Float32Array): number {
  return declaredWeightBytes(weights, bias) + zeroPointBytes(weights);
}
