import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Model, ModelState } from '@qaxon/graph';
import { QTensor, type Tensor } from '@qaxon/tensor';
import { blockOnnxModel, onnxBlockWeights, type Int8Kernel } from '../onnx/block-graphs.js';
import { qaxonBlockInputs, blockState } from '../runners/qaxon-block-data.js';
import { qaxonBlockModel } from '../runners/qaxon-block-model.js';
import { blockInputs, blockSamplePositions, blockWeights, type BlockWeights } from '../workloads/block-weights.js';
import { matmulModel, mlpModel, type OnnxModel } from '../onnx/bench-models.js';
import { graphWeights, type Int8Graph } from '../onnx/int8-graphs.js';
import { MNIST_WEIGHTS_PATH } from '../paths.js';
import { qaxonRunner } from '../runners/qaxon-runner.js';
import type { MlpLayer } from '../runners/runner.js';
import { mnistLayers } from '../workloads/mnist-data.js';
import { MNIST_PIXELS, pickMnistDigits } from '../workloads/mnist-digits.js';
import { exactOutputAt, kernelInput, kernelWeights, samplePositions } from '../workloads/seeded-data.js';
import type { BlockWorkload, KernelWorkload, MnistWorkload, Workload } from '../workloads/workloads.js';
import { compareWithOracle } from './accuracy.js';
import type { WorkloadFiles } from './prepare-model.js';

/**
 * What a configuration's outputs are compared with: expected outputs (sampled for kernels),
 * and for MNIST the float reference for argmax agreement.
 *
 * @example
 * ```ts
 * const oracle: Oracle = { expected: [11], description: 'float64 dot products' };
 * ```
 */
export interface Oracle {
  readonly expected: number[];
  readonly description: string;
  readonly floatReference?: number[];
}

/**
 * What the children of one workload share: the oracle of each set of weights a
 * configuration may hold (an ONNX graph with 4-bit weights holds other weights than the
 * int8 ones), the ONNX model file in each int8 form (written on first use), the MNIST files.
 *
 * @example
 * ```ts
 * async function check(setup: WorkloadSetup) {
 *   const oracle = await setup.oracleFor('matmul-nbits-4');
 *   const model = setup.onnxModelFor('matmul-integer');
 *   setup.dispose();
 * }
 * ```
 */
export interface WorkloadSetup {
  /** The oracle of a configuration loading the ONNX form `graph` (undefined: not an ONNX model). */
  oracleFor(graph: Int8Graph | undefined): Promise<Oracle>;
  /** The `.onnx` file of the workload in the int8 form `graph` (the float32 `MatMul` model for float32 weights). */
  onnxModelFor(graph: Int8Graph): NonNullable<WorkloadFiles['onnxModel']>;
  readonly mnist?: NonNullable<WorkloadFiles['mnist']>;
  /** For a transformer block: the safetensors file of the qaxon state (quantized for int8). */
  readonly blockState?: NonNullable<WorkloadFiles['blockState']>;
  /** Deletes the model files written so far. */
  dispose(): void;
}

/** Graphs whose weights differ from the workload's (so whose oracle does too). */
const OWN_WEIGHTS_GRAPHS: ReadonlySet<Int8Graph> = new Set(['matmul-nbits-4']);

function cachedSetup(
  scratch: string,
  id: string,
  int8: boolean,
  build: (graph: Int8Graph) => OnnxModel,
  oracleOf: (graph: Int8Graph | undefined) => Promise<Oracle>,
  mnist?: WorkloadSetup['mnist'],
  blockState?: WorkloadSetup['blockState'],
): WorkloadSetup {
  const files = new Map<string, { path: string; weightBytes: number }>();
  const oracles = new Map<string, Promise<Oracle>>();
  return {
    oracleFor(graph) {
      const key = int8 && graph !== undefined && OWN_WEIGHTS_GRAPHS.has(graph) ? graph : 'workload';
      if (!oracles.has(key)) oracles.set(key, oracleOf(key === 'workload' ? undefined : graph));
      return oracles.get(key)!;
    },
    onnxModelFor(graph) {
      const key = int8 ? graph : 'f32';
      let file = files.get(key);
      if (file === undefined) {
        const model = build(graph);
        file = { path: join(scratch, `${id}-${key}.onnx`), weightBytes: model.weightBytes };
        writeFileSync(file.path, model.bytes);
        files.set(key, file);
      }
      return file;
    },
    ...(mnist === undefined ? {} : { mnist }),
    ...(blockState === undefined ? {} : { blockState }),
    dispose() {
      for (const { path } of files.values()) rmSync(path, { force: true });
      files.clear();
      if (blockState !== undefined) rmSync(blockState.path, { force: true });
    },
  };
}

/** "(differs from the int8 weights' oracle by up to …)": how far re-quantized weights move the outputs. */
function shiftNote(own: readonly number[], workload: readonly number[]): string {
  return ` (re-quantized to 4 bits in blocks of 32 from the int8 weights: this oracle differs from theirs by up to ${compareWithOracle(own, workload).maxRelDiff.toExponential(1)} relative)`;
}

/**
 * The shared setup of a kernel workload: float64 dot products at 64 seeded positions of the
 * weights each configuration holds, and its ONNX models.
 *
 * @example
 * ```ts
 * const setup = setUpKernel('/tmp', kernelWorkload(1, 64, 64, 'int8'));
 * console.log((await setup.oracleFor(undefined)).expected.length); // 64
 * ```
 */
export function setUpKernel(scratch: string, workload: KernelWorkload): WorkloadSetup {
  const weights = kernelWeights(workload);
  const x = kernelInput(workload);
  const positions = samplePositions(workload);
  const expected = exactOutputAt(x, weights, positions);
  const description = 'float64 dot products at 64 seeded positions';
  return cachedSetup(
    scratch,
    workload.id,
    workload.weights === 'int8',
    (graph) => matmulModel(weights, graph),
    async (graph) => {
      if (graph === undefined) return { expected, description };
      const own = exactOutputAt(x, graphWeights(weights, graph), positions);
      return { expected: own, description: `${description}${shiftNote(own, expected)}` };
    },
  );
}

/**
 * The MNIST files of a run: the digits written once for every child, and the trained
 * layers (float32 and int8); a string says why MNIST cannot run, undefined that the run has
 * no MNIST workload.
 *
 * @example
 * ```ts
 * const files = prepareMnist('/tmp', suiteWorkloads(true));
 * ```
 */
export interface MnistFiles {
  readonly digitsPath: string;
  readonly digits: Float32Array;
  readonly layers: { f32: MlpLayer[]; int8: MlpLayer[] };
}

/**
 * Writes the digits of the run's MNIST workloads (the largest batch) to `scratch` and loads
 * the trained layers; returns why not where the trained weights are missing.
 *
 * @example
 * ```ts
 * const files = prepareMnist('/tmp', suiteWorkloads(true));
 * if (typeof files === 'string') console.log(files);
 * ```
 */
export function prepareMnist(scratch: string, workloads: readonly Workload[]): MnistFiles | string | undefined {
  const batches = workloads.flatMap((workload) => (workload.kind === 'mnist' ? [workload.batch] : []));
  if (batches.length === 0) return undefined;
  if (!existsSync(MNIST_WEIGHTS_PATH)) return `the trained MNIST weights are missing (${MNIST_WEIGHTS_PATH}): run pnpm --filter mnist train`;
  const digits = pickMnistDigits(Math.max(...batches));
  const digitsPath = join(scratch, 'digits.f32');
  writeFileSync(digitsPath, new Uint8Array(digits.buffer));
  return { digitsPath, digits, layers: { f32: mnistLayers(MNIST_WEIGHTS_PATH, 'f32'), int8: mnistLayers(MNIST_WEIGHTS_PATH, 'int8') } };
}

/**
 * The shared setup of an MNIST workload: the qaxon reference backend's outputs (float64
 * accumulation) on the weights each configuration holds, the float model's outputs for
 * argmax agreement, and its ONNX models.
 *
 * @example
 * ```ts
 * const setup = await setUpMnist('/tmp', mnistWorkload(1, 'int8'), files);
 * ```
 */
export async function setUpMnist(scratch: string, workload: MnistWorkload, files: MnistFiles): Promise<WorkloadSetup> {
  const x = files.digits.slice(0, workload.batch * MNIST_PIXELS);
  const reference = await qaxonRunner({ kind: 'reference' });
  const outputs = async (layers: readonly MlpLayer[]) => [...(await (await reference.prepareMlp(layers)).run(x, workload.batch))];
  const floatReference = await outputs(files.layers.f32);
  const layers = files.layers[workload.weights];
  const expected = workload.weights === 'f32' ? floatReference : await outputs(layers);
  const description = `qaxon reference backend (float64 accumulation), ${workload.weights} weights`;
  return cachedSetup(
    scratch,
    workload.id,
    workload.weights === 'int8',
    (graph) => mlpModel(layers.map((layer) => ({ weight: layer.weights, bias: layer.bias })), graph),
    async (graph) => {
      if (graph === undefined) return { expected, floatReference, description };
      const own = await outputs(layers.map((layer) => ({ weights: graphWeights(layer.weights, graph), bias: layer.bias })));
      return { expected: own, floatReference, description: `${description}${shiftNote(own, expected)}` };
    },
    { weightsPath: MNIST_WEIGHTS_PATH, digitsPath: files.digitsPath },
  );
}

/**
 * The shared setup of a transformer block workload: the seeded float32 weights, quantized with
 * `@qaxon/quantization`'s `quantize` for int8; the qaxon state written as a safetensors
 * file for qaxon's children; ONNX models of the same weights (int8: the same int8 values and
 * column scales); and the oracle, the qaxon reference backend (float64) on the weights each
 * configuration holds, at the block's sample positions.
 *
 * @example
 * ```ts
 * const setup = await setUpBlock('/tmp', blockWorkload(TINYLLAMA_STEP, 'int8'));
 * console.log((await setup.oracleFor(undefined)).description);
 * ```
 */
export async function setUpBlock(scratch: string, workload: BlockWorkload): Promise<WorkloadSetup> {
  const graph = await import('@qaxon/graph');
  const { quantize } = await import('@qaxon/quantization');
  const { toSafetensors } = await import('@qaxon/safetensors');
  const { referenceBackend } = await import('@qaxon/kernel-reference');
  const { block } = workload;
  const model = qaxonBlockModel(graph, block);
  const weights = blockWeights(block);
  const floatState = blockState(weights);
  const int8 = workload.weights === 'int8';
  const [heldModel, heldState] = int8 ? quantize(model, floatState) : [model, floatState];
  const int8Kernel = (name: string): Int8Kernel | undefined => {
    const kernel = heldState.get(name, 'kernel');
    if (!(kernel instanceof QTensor)) return undefined;
    const n = kernel.shape[1]!;
    if (kernel.scale.size !== n) throw new Error(`setUpBlock: expected ${name}.kernel quantized per output column (${n} scales), got ${kernel.scale.size} scales`);
    return { values: kernel.value.data as Int8Array, scales: kernel.scale.data as Float32Array };
  };
  const statePath = join(scratch, `${workload.id}.safetensors`);
  writeFileSync(statePath, toSafetensors(heldState));
  const inputs = qaxonBlockInputs(block, blockInputs(block));
  const positions = blockSamplePositions(block);
  const outputsOf = async (blockModel: Model, state: ModelState) => {
    const built = graph.build(blockModel, { backend: referenceBackend });
    try {
      const y = (await built.predict(state, inputs)) as Tensor;
      return positions.map((position) => Number(y.data[position]));
    } finally {
      built.dispose();
    }
  };
  const expected = await outputsOf(heldModel, heldState);
  const description = `qaxon reference backend (float64 accumulation), ${workload.weights} weights, at ${positions.length} seeded positions of the output`;
  const onnxWeights = onnxBlockWeights(weights, int8 ? int8Kernel : undefined);
  return cachedSetup(
    scratch,
    workload.id,
    int8,
    (form) => blockOnnxModel(block, onnxWeights, form),
    async (form) => {
      if (form === undefined) return { expected, description };
      // The 4-bit graph holds other weights: its oracle is the float block on the values its codes stand for.
      const requantized: BlockWeights = {
        norms: weights.norms,
        denses: onnxWeights.denses.map((dense, index) => ({ ...weights.denses[index]!, kernel: graphWeights(dense.weight, form).values as Float32Array })),
      };
      const own = await outputsOf(model, blockState(requantized));
      return { expected: own, description: `${description}${shiftNote(own, expected)}` };
    },
    undefined,
    { path: statePath },
  );
}
