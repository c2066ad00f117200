import { readFileSync } from 'node:fs';
import { QTensor, Tensor, type Backend } from '@qaxon/tensor';
import { measureOpBreakdown } from './op-breakdown.js';
import { s4Kernel } from './s4-kernel.js';
import { qaxonBlockInputs } from './qaxon-block-data.js';
import { qaxonBlockModel } from './qaxon-block-model.js';
import { timedBackend, type OpTimer } from './timed-backend.js';
import type { KernelWeights } from '../workloads/seeded-data.js';
import { ConfigurationUnavailable, type LibraryRunner, type MlpLayer, type PreparedModel } from './runner.js';

/**
 * The qaxon backends the bench drives: the reference (oracle) backend, a gpu.js mode of
 * `@qaxon/kernel-gpu`, or the WebAssembly SIMD backend of `@qaxon/kernel-wasm` on `threads`
 * threads (`weights: 's4'`: int8 weights re-quantized to 4 bits, see `s4-kernel.ts`;
 * `activations: 'int8'`: W8A8, int8 kernels run `dynamicQuantizedDense`, issue #21).
 *
 * @example
 * ```ts
 * const choices: QaxonBackendChoice[] = [{ kind: 'reference' }, { kind: 'gpu', mode: 'webasm' }, { kind: 'wasm', threads: 2 }];
 * ```
 */
export type QaxonBackendChoice =
  | { readonly kind: 'reference' }
  | { readonly kind: 'gpu'; readonly mode: 'webasm' | 'cpu' | 'headlessgl' }
  | { readonly kind: 'wasm'; readonly threads: number; readonly weights?: 's4'; readonly activations?: 'int8' };

/**
 * Creates the backend `choice` names, or throws {@link ConfigurationUnavailable} with the
 * reason it cannot run here.
 *
 * @example
 * ```ts
 * const backend = await createQaxonBackend({ kind: 'reference' });
 * console.log(backend.name); // 'reference'
 * ```
 */
export async function createQaxonBackend(choice: QaxonBackendChoice): Promise<Backend> {
  try {
    switch (choice.kind) {
      case 'reference':
        return (await import('@qaxon/kernel-reference')).referenceBackend;
      case 'gpu': {
        const backend = (await import('@qaxon/kernel-gpu')).createGpuBackend({ mode: choice.mode });
        await backend.ready;
        return backend;
      }
      case 'wasm': {
        const backend = await (await import('@qaxon/kernel-wasm')).createWasmBackend({ threads: choice.threads });
        if (backend.threads !== choice.threads) {
          backend.dispose();
          throw new ConfigurationUnavailable(`@qaxon/kernel-wasm started ${backend.threads} thread(s), ${choice.threads} were asked for`);
        }
        return backend;
      }
    }
  } catch (error) {
    if (error instanceof ConfigurationUnavailable) throw error;
    throw new ConfigurationUnavailable(`${describeChoice(choice)} is unavailable: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * A short description of a backend choice: `qaxon reference`, `qaxon gpu.js webasm`,
 * `qaxon wasm SIMD, 2 threads`.
 *
 * @example
 * ```ts
 * console.log(describeChoice({ kind: 'wasm', threads: 1 })); // 'qaxon wasm SIMD, 1 thread'
 * ```
 */
export function describeChoice(choice: QaxonBackendChoice): string {
  switch (choice.kind) {
    case 'reference':
      return 'qaxon reference';
    case 'gpu':
      return `qaxon gpu.js ${choice.mode}`;
    case 'wasm':
      return `qaxon wasm SIMD, ${choice.threads} thread${choice.threads === 1 ? '' : 's'}${choice.weights === 's4' ? ', s4 weights (4 bits in blocks of 32, the q4 weights)' : ''}${choice.activations === 'int8' ? ', int8 activations quantized per row (W8A8, dynamicQuantizedDense)' : ''}`;
  }
}

/**
 * qaxon's form of seeded weights: an f32 `Tensor` `[k, n]` or a `QTensor` (int8 values,
 * per-column scales), wrapping the arrays without copying.
 *
 * @example
 * ```ts
 * const q = qaxonKernel({ kind: 'int8', k: 1, n: 1, values: new Int8Array([2]), scales: new Float32Array([0.5]) });
 * console.log(q instanceof QTensor); // true
 * ```
 */
export function qaxonKernel(weights: KernelWeights): Tensor<'f32'> | QTensor {
  if (weights.kind === 'f32') return new Tensor(weights.values, [weights.k, weights.n], 'f32');
  return new QTensor(new Tensor(weights.values, [weights.k, weights.n], 's8'), new Tensor(weights.scales, [weights.n], 'f32'));
}

/**
 * A runner over a qaxon backend: kernels run the backend's `dense` / `quantizedDense` op
 * directly (weights uploaded once, input uploaded and output downloaded per call), the MLP
 * runs through `@qaxon/graph` (`build(model, {backend})`, the state placed on the backend
 * with `place`, then `predict`), quantized with `@qaxon/quantization`'s `quantizeModel` and
 * the same QTensors the peers get; transformer blocks are built with `@qaxon/graph`'s
 * `encoderBlock` / `decoderBlock` (see `qaxon-block-model.ts`), their state read from a
 * safetensors file, their kernels timed per op on demand (`opBreakdown`). Weights are held
 * once, on the backend.
 *
 * @example
 * ```ts
 * const runner = await qaxonRunner({ kind: 'reference' });
 * const model = await runner.prepareKernel({ kind: 'f32', k: 2, n: 1, values: new Float32Array([1, 2]) });
 * console.log([...(await model.run(new Float32Array([3, 4]), 1))]); // [11]
 * ```
 */
export async function qaxonRunner(choice: QaxonBackendChoice): Promise<LibraryRunner & { details: string }> {
  const backend = await createQaxonBackend(choice);
  const details = `${describeChoice(choice)} (${backend.name})`;
  const deviceBytes = () => backend.memory?.().deviceBytes ?? 0;

  // Weights are held once: uploaded (or placed) on the backend, the host copies dropped,
  // so the weight bytes are what the backend holds (`memory().deviceBytes`).
  const prepared = (run: PreparedModel['run'], release: () => void, timed?: { timer: OpTimer; fallbacks: () => string[] }): PreparedModel => ({
    run,
    ...(timed === undefined
      ? {}
      : { opBreakdown: (x: Float32Array, rows: number, calls: number) => measureOpBreakdown(() => run(x, rows), timed.timer, calls, undefined, timed.fallbacks) }),
    weightMemory: () => ({ bytes: deviceBytes(), note: 'backend.memory().deviceBytes (weights placed on the backend, host copies dropped)' }),
    details,
    async dispose() {
      release();
      backend.dispose?.();
    },
  });

  return {
    details,
    async prepareKernel(weights) {
      const w8a8 = choice.kind === 'wasm' && choice.activations === 'int8';
      const op = weights.kind === 'int8' ? (w8a8 ? 'dynamicQuantizedDense' : 'quantizedDense') : 'dense';
      const run = backend.kernels[op];
      if (run === undefined) throw new ConfigurationUnavailable(`${details} does not implement the '${op}' op`);
      // Uploaded once and the host tensor dropped; each call uploads x and downloads y.
      const s4 = choice.kind === 'wasm' && choice.weights === 's4' && weights.kind === 'int8';
      const kernel = backend.upload(s4 ? s4Kernel(weights) : qaxonKernel(weights));
      return prepared(
        async (x, rows) => {
          const input = backend.upload(new Tensor(x, [rows, weights.k], 'f32'));
          try {
            const output = await run({ x: input, kernel }, {});
            try {
              return (await backend.download(output)).data as Float32Array;
            } finally {
              backend.release(output);
            }
          } finally {
            backend.release(input);
          }
        },
        () => backend.release(kernel),
      );
    },
    async prepareMlp(layers: readonly MlpLayer[]) {
      const graph = await import('@qaxon/graph');
      const { quantizeModel } = await import('@qaxon/quantization');
      let model = graph.input('input', { shape: [null, layers[0]?.weights.k ?? 0] });
      layers.forEach((layer, index) => {
        model = graph.dense(model, layer.weights.n, { activation: index === layers.length - 1 ? 'softmax' : 'relu' });
      });
      const int8Layers = new Set(layers.flatMap((layer, index) => (layer.weights.kind === 'int8' ? [`dense_${index}`] : [])));
      if (int8Layers.size > 0) model = quantizeModel(model, { filter: (node) => int8Layers.has(node.name) });
      const data: Record<string, Record<string, Tensor | QTensor>> = {};
      layers.forEach((layer, index) => {
        data[`dense_${index}`] = { kernel: qaxonKernel(layer.weights), bias: new Tensor(layer.bias, [layer.weights.n], 'f32') };
      });
      const built = graph.build(model, { backend });
      // The placed state's parameters are handles: the host state is dropped here.
      const state = await built.place(graph.ModelState.fromData(data));
      const inputs = layers[0]?.weights.k ?? 0;
      return prepared(
        async (x, rows) => {
          const y = await built.predict(state, new Tensor(x, [rows, inputs], 'f32'));
          return y.data as Float32Array;
        },
        () => built.dispose(),
      );
    },
    async prepareBlock(shape, statePath, int8, inputs) {
      const graph = await import('@qaxon/graph');
      const { quantizeModel } = await import('@qaxon/quantization');
      const { fromSafetensors } = await import('@qaxon/safetensors');
      const float = qaxonBlockModel(graph, shape);
      const model = int8 ? quantizeModel(float) : float;
      // The block's kernels are timed only while a breakdown records (see timed-backend.ts).
      const timed = timedBackend(backend);
      const built = graph.build(model, { backend: timed.backend });
      // The file's bytes and the host state are dropped once placed: the backend holds the weights.
      const state = await built.place(fromSafetensors(readFileSync(statePath)));
      const fed = qaxonBlockInputs(shape, inputs);
      return prepared(
        async (x) => {
          const y = await built.predict(state, { ...fed, x: new Tensor(x, fed.x!.shape, 'f32') });
          return (y as Tensor).data as Float32Array;
        },
        () => built.dispose(),
        { timer: timed.timer, fallbacks: () => built.placement().flatMap((entry) => (entry.kind === 'fallback' ? [entry.op] : [])) },
      );
    },
  };
}
