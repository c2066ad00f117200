import type { BlockShape } from '../workloads/block-shapes.js';
import type { BlockInputs } from '../workloads/block-weights.js';
import type { KernelWeights } from '../workloads/seeded-data.js';
import type { OpBreakdown } from './op-breakdown.js';

/**
 * One dense layer of an MLP handed to a runner: its weights (float32 or int8) and a float32
 * bias. Hidden layers are followed by relu, the last one by softmax.
 *
 * @example
 * ```ts
 * const layer: MlpLayer = { weights: { kind: 'f32', k: 1, n: 1, values: new Float32Array([2]) }, bias: new Float32Array([0]) };
 * ```
 */
export interface MlpLayer {
  readonly weights: KernelWeights;
  readonly bias: Float32Array;
}

/**
 * Weights loaded into a library, ready to run: `run` takes `x` `[rows, k]` (row-major),
 * performs one full call as a user would (input in, output values out) and returns the
 * output values `[rows, n]`.
 *
 * @example
 * ```ts
 * async function once(prepared: PreparedModel): Promise<number> {
 *   const y = await prepared.run(new Float32Array(4), 1);
 *   return y.length;
 * }
 * ```
 */
export interface PreparedModel {
  run(x: Float32Array, rows: number): Promise<Float32Array>;
  /**
   * Bytes of weights the library holds for this model (as it reports them, or as declared),
   * and how that was obtained. Read after a warm-up call, since some backends upload on first use.
   */
  weightMemory(): WeightMemory;
  /** Anything worth reporting about how the library ran (threads, fused operators...). */
  readonly details: string;
  /**
   * Where the time of a call goes, per op (libraries whose kernels the bench can time:
   * qaxon), over `calls` more calls of `x`.
   */
  opBreakdown?(x: Float32Array, rows: number, calls: number): Promise<OpBreakdown>;
  dispose(): Promise<void>;
}

/**
 * Bytes of weights held, with a note on where the figure comes from.
 *
 * @example
 * ```ts
 * const memory: WeightMemory = { bytes: 1024, note: 'QTensor.byteSize' };
 * ```
 */
export interface WeightMemory {
  readonly bytes: number;
  readonly note: string;
}

/**
 * A library configuration as the child process drives it.
 *
 * @example
 * ```ts
 * async function prepare(runner: LibraryRunner, layers: MlpLayer[]) {
 *   return layers.length === 1 ? runner.prepareKernel(layers[0]!.weights) : runner.prepareMlp(layers);
 * }
 * ```
 */
export interface LibraryRunner {
  /** `x · w` with no bias. */
  prepareKernel(weights: KernelWeights): Promise<PreparedModel>;
  /** relu(... relu(x · w0 + b0) ...) then softmax of the last layer. */
  prepareMlp(layers: readonly MlpLayer[]): Promise<PreparedModel>;
  /**
   * A transformer block (libraries that build one themselves: qaxon) with the state in the
   * safetensors file `statePath` (`int8`: quantized), fed `inputs` besides `x` at every call.
   */
  prepareBlock?(shape: BlockShape, statePath: string, int8: boolean, inputs: BlockInputs): Promise<PreparedModel>;
}

/**
 * The reason a configuration cannot run here (its backend is missing or refuses to start):
 * the bench records it and skips the configuration.
 *
 * @example
 * ```ts
 * throw new ConfigurationUnavailable('gpu.js headlessgl needs a display (run under xvfb-run -a)');
 * ```
 */
export class ConfigurationUnavailable extends Error {
  override readonly name = 'ConfigurationUnavailable';
}

/**
 * Bytes of the weights as plain arrays: values plus scales plus biases.
 *
 * @example
 * ```ts
 * console.log(declaredWeightBytes({ kind: 'int8', k: 2, n: 2, values: new Int8Array(4), scales: new Float32Array(2) })); // 12
 * ```
 */
export function declaredWeightBytes(weights: KernelWeights, bias?: Float32Array): number {
  return weights.values.byteLength + (weights.kind === 'int8' ? weights.scales.byteLength : 0) + (bias?.byteLength ?? 0);
}

/**
 * Weight-only int8 weights expanded to float32 (`value · scale` per column), as a library
 * without int8 kernels holds them once loaded.
 *
 * @example
 * ```ts
 * const w = dequantizedWeights({ kind: 'int8', k: 1, n: 2, values: new Int8Array([2, 4]), scales: new Float32Array([0.5, 0.25]) });
 * console.log([...w]); // [1, 1]
 * ```
 */
export function dequantizedWeights(weights: KernelWeights): Float32Array {
  if (weights.kind === 'f32') return weights.values;
  const out = new Float32Array(weights.values.length);
  for (let i = 0; i < out.length; i++) out[i] = weights.values[i]! * weights.scales[i % weights.n]!;
  return out;
}
