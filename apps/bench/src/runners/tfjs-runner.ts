import type * as TfModule from '@tensorflow/tfjs';
import type { KernelWeights } from '../workloads/seeded-data.js';
import { ConfigurationUnavailable, dequantizedWeights, type LibraryRunner, type MlpLayer, type PreparedModel } from './runner.js';

/**
 * The TensorFlow.js backends the bench compares with: the plain JavaScript `cpu` backend and
 * the WebAssembly (XNNPACK, SIMD) `wasm` backend.
 *
 * @example
 * ```ts
 * const backend: TfjsBackendName = 'wasm';
 * ```
 */
export type TfjsBackendName = 'cpu' | 'wasm';

type Tf = typeof TfModule;

/**
 * A runner over TensorFlow.js 4.x with backend `backend`. TensorFlow.js has no int8 matmul
 * (and no int8 dtype): quantized weights are expanded to float32 when loaded, as its
 * converter's quantized weights are, so int8 workloads run and hold float32 weights.
 *
 * @example
 * ```ts
 * const runner = await tfjsRunner('cpu');
 * const model = await runner.prepareKernel({ kind: 'f32', k: 2, n: 1, values: new Float32Array([1, 2]) });
 * console.log([...(await model.run(new Float32Array([3, 4]), 1))]); // [11]
 * ```
 */
export async function tfjsRunner(backend: TfjsBackendName): Promise<LibraryRunner & { details: string }> {
  const tf: Tf = await import('@tensorflow/tfjs');
  if (backend === 'wasm') await import('@tensorflow/tfjs-backend-wasm');
  if (!(await tf.setBackend(backend))) throw new ConfigurationUnavailable(`TensorFlow.js could not start its '${backend}' backend`);
  await tf.ready();
  const env = tf.env();
  const details =
    backend === 'wasm'
      ? `tfjs ${tf.version.tfjs} wasm (SIMD ${env.getBool('WASM_HAS_SIMD_SUPPORT')}, threads ${env.getBool('WASM_HAS_MULTITHREAD_SUPPORT') ? 'yes' : 'no'})`
      : `tfjs ${tf.version.tfjs} cpu (JavaScript)`;

  const load = (weights: KernelWeights) => tf.tensor2d(dequantizedWeights(weights), [weights.k, weights.n], 'float32');

  const prepared = (held: TfModule.Tensor[], bytesBefore: number, forward: (x: TfModule.Tensor2D) => TfModule.Tensor, int8: boolean): PreparedModel => {
    const bytes = tf.memory().numBytes - bytesBefore;
    return {
      async run(x, rows) {
        const input = tf.tensor2d(x, [rows, x.length / rows], 'float32');
        const output = tf.tidy(() => forward(input));
        const values = output.dataSync() as Float32Array;
        input.dispose();
        output.dispose();
        return values;
      },
      weightMemory: () => ({ bytes, note: `tf.memory().numBytes after loading${int8 ? ' (int8 weights expanded to float32: TF.js has no int8 matmul)' : ''}` }),
      details,
      async dispose() {
        for (const tensor of held) tensor.dispose();
      },
    };
  };

  return {
    details,
    async prepareKernel(weights) {
      const before = tf.memory().numBytes;
      const w = load(weights);
      return prepared([w], before, (x) => tf.matMul(x, w), weights.kind === 'int8');
    },
    async prepareMlp(layers: readonly MlpLayer[]) {
      const before = tf.memory().numBytes;
      const loaded = layers.map((layer) => ({ w: load(layer.weights), b: tf.tensor1d(layer.bias, 'float32') }));
      const forward = (x: TfModule.Tensor2D) => {
        let h: TfModule.Tensor2D = x;
        loaded.forEach(({ w, b }, index) => {
          const z = tf.add(tf.matMul(h, w), b) as TfModule.Tensor2D;
          h = index === loaded.length - 1 ? tf.softmax(z) : tf.relu(z);
        });
        return h;
      };
      return prepared(loaded.flatMap(({ w, b }) => [w, b]), before, forward, layers.some((layer) => layer.weights.kind === 'int8'));
    },
  };
}
