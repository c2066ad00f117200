import { readFileSync } from 'node:fs';
import type { OrtRunner } from '../runners/onnx-session-runner.js';
import { blockOnnxFeeds } from '../onnx/block-graphs.js';
import { ConfigurationUnavailable, type LibraryRunner, type PreparedModel } from '../runners/runner.js';
import { blockRows } from '../workloads/block-shapes.js';
import { blockInputs, blockSamplePositions } from '../workloads/block-weights.js';
import { mnistLayers } from '../workloads/mnist-data.js';
import { MNIST_PIXELS } from '../workloads/mnist-digits.js';
import { kernelInput, kernelWeights, samplePositions } from '../workloads/seeded-data.js';
import type { Workload } from '../workloads/workloads.js';
import type { BenchConfig } from './configs.js';

/**
 * Imports and starts the library a configuration names (inside a child process: a
 * configuration that cannot run here throws `ConfigurationUnavailable`).
 *
 * @example
 * ```ts
 * const runner = await createRunner({ id: 'qaxon-reference', library: 'qaxon', label: 'qaxon reference', peer: false, formats: ['f32'], qaxon: { kind: 'reference' } });
 * ```
 */
export async function createRunner(config: BenchConfig): Promise<LibraryRunner> {
  switch (config.library) {
    case 'qaxon':
      return (await import('../runners/qaxon-runner.js')).qaxonRunner(config.qaxon);
    case 'tfjs':
      return (await import('../runners/tfjs-runner.js')).tfjsRunner(config.tfjs);
    case 'ort':
      return (await import('../runners/ort-runner.js')).ortRunner(config.ort);
    case 'ort-web':
      return (await import('../runners/ort-web-runner.js')).ortWebRunner(config.ortWeb);
  }
}

/**
 * Where a child finds a workload's data: for MNIST the trained weights and the digits
 * (raw float32, `batch * 784`), for ONNX Runtime the model file the parent wrote.
 *
 * @example
 * ```ts
 * const files: WorkloadFiles = { mnist: { weightsPath: 'mnist-mlp.safetensors', digitsPath: '/tmp/digits.f32' } };
 * ```
 */
export interface WorkloadFiles {
  /** For MNIST workloads: the trained float weights (safetensors) and the input digits (raw float32, `batch * 784`). */
  readonly mnist?: { readonly weightsPath: string; readonly digitsPath: string };
  /** For ONNX Runtime: the model file the parent wrote (in the configuration's int8 form), and the bytes its initializers hold. */
  readonly onnxModel?: { readonly path: string; readonly weightBytes: number };
  /** For a transformer block on qaxon: the safetensors file of its state (quantized for int8), which the parent wrote. */
  readonly blockState?: { readonly path: string };
}

/**
 * A workload loaded into a runner: the model, its input, the rows of the input, and how to
 * pick the outputs that are checked against the oracle.
 *
 * @example
 * ```ts
 * async function once(prepared: PreparedWorkload) {
 *   return prepared.sample(await prepared.model.run(prepared.x, prepared.rows));
 * }
 * ```
 */
export interface PreparedWorkload {
  readonly model: PreparedModel;
  readonly x: Float32Array;
  readonly rows: number;
  readonly sample: (y: Float32Array) => number[];
}

/**
 * Loads `workload` into `runner`: seeded weights and input for kernels; the trained MLP and
 * real digits for MNIST; for a transformer block its seeded inputs and the parent's state
 * file (qaxon); the parent's `.onnx` file for ONNX Runtime.
 *
 * @example
 * ```ts
 * const prepared = await prepareWorkload(runner, kernelWorkload(1, 64, 64, 'int8'), {});
 * ```
 */
export async function prepareWorkload(runner: LibraryRunner, workload: Workload, files: WorkloadFiles): Promise<PreparedWorkload> {
  const int8 = workload.weights === 'int8';
  const fromFile = files.onnxModel !== undefined && 'prepareModelFile' in runner ? files.onnxModel : undefined;
  if (workload.kind === 'kernel') {
    const positions = samplePositions(workload);
    const model =
      fromFile !== undefined
        ? await (runner as OrtRunner).prepareModelFile(fromFile.path, fromFile.weightBytes, int8)
        : await runner.prepareKernel(kernelWeights(workload));
    return { model, x: kernelInput(workload), rows: workload.m, sample: (y) => positions.map((position) => y[position]!) };
  }
  if (workload.kind === 'block') {
    const { block } = workload;
    const inputs = blockInputs(block);
    const positions = blockSamplePositions(block);
    const sample = (y: Float32Array) => positions.map((position) => y[position]!);
    let model: PreparedModel;
    if (fromFile !== undefined) model = await (runner as OrtRunner).prepareModelFile(fromFile.path, fromFile.weightBytes, int8, blockOnnxFeeds(block, inputs));
    else if (runner.prepareBlock !== undefined && files.blockState !== undefined) model = await runner.prepareBlock(block, files.blockState.path, int8, inputs);
    else throw new ConfigurationUnavailable(`this configuration does not run transformer blocks (${workload.id})`);
    return { model, x: inputs.x, rows: blockRows(block), sample };
  }
  if (files.mnist === undefined) throw new Error(`prepareWorkload: workload ${workload.id} needs the mnist paths, got none`);
  // A small file's Buffer may sit in Node's shared pool: copy exactly its own bytes.
  const bytes = readFileSync(files.mnist.digitsPath);
  const digits = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const x = digits.slice(0, workload.batch * MNIST_PIXELS);
  const model =
    fromFile !== undefined
      ? await (runner as OrtRunner).prepareModelFile(fromFile.path, fromFile.weightBytes, int8)
      : await runner.prepareMlp(mnistLayers(files.mnist.weightsPath, workload.weights));
  return { model, x, rows: workload.batch, sample: (y) => [...y] };
}
