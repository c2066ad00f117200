import type { InferenceSession } from 'onnxruntime-node';
import { onnxSessionRunner, type OrtRunner } from './onnx-session-runner.js';

/**
 * How ONNX Runtime for Node is configured: `threads` is 1 or `'default'` (its own choice, one
 * per physical core); `int8Accumulation` picks what ONNX Runtime does with weight-only int8
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
 * A runner over onnxruntime-node (native code, CPU execution provider) with models built in
 * memory by the bench's own ONNX encoder, int8 weights as `DequantizeLinear` -> `MatMul`.
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
  return onnxSessionRunner({
    describe: () => details,
    int8Graph: 'dequantize-linear',
    open: (model) => (typeof model === 'string' ? ort.InferenceSession.create(model, sessionOptions) : ort.InferenceSession.create(model, sessionOptions)),
    input: (data, dims) => (data instanceof Int32Array ? new ort.Tensor('int32', data, dims) : new ort.Tensor('float32', data, dims)),
  });
}
