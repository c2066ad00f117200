import type { InferenceSession, Tensor } from 'onnxruntime-node';
import { matmulModel, mlpModel } from '../onnx/bench-models.js';
import type { Int8Graph } from '../onnx/int8-graphs.js';
import type { OnnxFeed } from '../onnx/block-graphs.js';
import type { LibraryRunner, MlpLayer, PreparedModel } from './runner.js';

/**
 * A {@link LibraryRunner} over ONNX Runtime (node or web) that can also load a model from a
 * `.onnx` file (as users do: the bench writes its models to files so that the child process
 * measuring ONNX Runtime never holds the weights as JavaScript arrays).
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
  /**
   * Loads `path`; `weightBytes` is what the model's initializers hold, `int8` whether they
   * are quantized; `feeds` the dimensions of `x` (default `[rows, k]`) and the model's other
   * inputs, fed unchanged at every call (a block's mask or KV cache).
   */
  prepareModelFile(path: string, weightBytes: number, int8: boolean, feeds?: OnnxFeeds): Promise<PreparedModel>;
}

/**
 * What {@link onnxSessionRunner} needs from one ONNX Runtime package: how to open a session
 * on model bytes or a file, how to wrap an input, the int8 form of the models it builds in
 * memory, and a description of the setup (asked again once a session is open).
 *
 * @example
 * ```ts
 * import * as ort from 'onnxruntime-node';
 * const session: OnnxSessionSetup = {
 *   describe: () => 'onnxruntime-node cpu',
 *   int8Graph: 'dequantize-linear',
 *   open: (model) => (typeof model === 'string' ? ort.InferenceSession.create(model) : ort.InferenceSession.create(model)),
 *   input: (data, dims) => (data instanceof Int32Array ? new ort.Tensor('int32', data, dims) : new ort.Tensor('float32', data, dims)),
 * };
 * ```
 */
export interface OnnxSessionSetup {
  describe(): string;
  readonly int8Graph: Int8Graph;
  open(model: Uint8Array | string): Promise<InferenceSession>;
  input(data: Float32Array | Int32Array, dims: readonly number[]): Tensor;
}

/**
 * The dimensions of `x` and the other inputs of a model with more than one input.
 *
 * @example
 * ```ts
 * const feeds: OnnxFeeds = { xDims: [1, 2, 4], others: [{ name: 'mask', data: new Int32Array([1, 1]), dims: [1, 2] }] };
 * ```
 */
export interface OnnxFeeds {
  readonly xDims: readonly number[];
  readonly others: readonly OnnxFeed[];
}

/**
 * An {@link OrtRunner} on an ONNX Runtime package: models built in memory by the bench's ONNX
 * encoder (`src/onnx/`), or read from a file; one `session.run` per call, input `x`, output `y`.
 *
 * @example
 * ```ts
 * const runner = onnxSessionRunner(setup);
 * const model = await runner.prepareKernel({ kind: 'f32', k: 2, n: 1, values: new Float32Array([1, 2]) });
 * console.log([...(await model.run(new Float32Array([3, 4]), 1))]); // [11]
 * ```
 */
export function onnxSessionRunner(setup: OnnxSessionSetup): OrtRunner {
  const prepared = async (model: Uint8Array | string, bytes: number, int8: boolean, feeds?: OnnxFeeds): Promise<PreparedModel> => {
    const session = await setup.open(model);
    const others = Object.fromEntries((feeds?.others ?? []).map((feed) => [feed.name, setup.input(feed.data, feed.dims)]));
    return {
      async run(x, rows) {
        const outputs = await session.run({ ...others, x: setup.input(x, feeds?.xDims ?? [rows, x.length / rows]) });
        return outputs.y!.data as Float32Array;
      },
      weightMemory: () => ({
        bytes,
        note: `initializer bytes of the model${int8 ? ` (${setup.int8Graph})` : ''}; ONNX Runtime's own copies (pre-packed or dequantized weights) show in the RSS columns`,
      }),
      details: setup.describe(),
      async dispose() {
        await session.release();
      },
    };
  };

  return {
    get details() {
      return setup.describe();
    },
    prepareModelFile: (path, weightBytes, int8, feeds) => prepared(path, weightBytes, int8, feeds),
    async prepareKernel(weights) {
      const model = matmulModel(weights, setup.int8Graph);
      return prepared(model.bytes, model.weightBytes, weights.kind === 'int8');
    },
    async prepareMlp(layers: readonly MlpLayer[]) {
      const model = mlpModel(
        layers.map((layer) => ({ weight: layer.weights, bias: layer.bias })),
        setup.int8Graph,
      );
      return prepared(model.bytes, model.weightBytes, layers.some((layer) => layer.weights.kind === 'int8'));
    },
  };
}
