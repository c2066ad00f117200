import { readdirSync } from 'node:fs';
import type { Int8Graph } from '../onnx/int8-graphs.js';
import { onnxSessionRunner, type OrtRunner } from './onnx-session-runner.js';

/**
 * How onnxruntime-web is configured: its WebAssembly (SIMD) backend on `threads` threads
 * (`ort.env.wasm.numThreads`, set explicitly: in Node its default is min(4, cores / 2)),
 * and the form int8 weights take in its models ({@link Int8Graph}).
 *
 * @example
 * ```ts
 * const options: OrtWebRunnerOptions = { threads: 2, int8Graph: 'matmul-integer' };
 * ```
 */
export interface OrtWebRunnerOptions {
  readonly threads: number;
  readonly int8Graph: Int8Graph;
}

/**
 * A runner over onnxruntime-web (the runtime under transformers.js) in Node, from its npm
 * package: the `wasm` execution provider, `threads` threads (more than one runs on Node
 * worker threads), default graph optimizations. Its details count the process's OS threads
 * once a session is open, so a run shows whether the threads were really started.
 *
 * @example
 * ```ts
 * const runner = await ortWebRunner({ threads: 1, int8Graph: 'matmul-nbits-4' });
 * const model = await runner.prepareKernel({ kind: 'f32', k: 2, n: 1, values: new Float32Array([1, 2]) });
 * console.log([...(await model.run(new Float32Array([3, 4]), 1))]); // [11]
 * ```
 */
export async function ortWebRunner(options: OrtWebRunnerOptions): Promise<OrtRunner> {
  if (!Number.isSafeInteger(options.threads) || options.threads < 1) throw new RangeError(`ortWebRunner: expected threads >= 1, got ${options.threads}`);
  const ort = await import('onnxruntime-web');
  ort.env.wasm.numThreads = options.threads;
  ort.env.logLevel = 'error';
  const threadsBefore = osThreads();
  let threadsWithSession: number | string | undefined;
  const sessionOptions = { executionProviders: ['wasm'] };
  return onnxSessionRunner({
    describe: () =>
      `onnxruntime-web ${ort.env.versions.web ?? '?'} wasm, numThreads ${options.threads}; OS threads of the process: ${threadsBefore} before the runtime started${
        threadsWithSession === undefined ? '' : `, ${threadsWithSession} with a session open`
      }`,
    int8Graph: options.int8Graph,
    async open(model) {
      const session = await (typeof model === 'string' ? ort.InferenceSession.create(model, sessionOptions) : ort.InferenceSession.create(model, sessionOptions));
      threadsWithSession = osThreads();
      return session;
    },
    input: (data, dims) => (data instanceof Int32Array ? new ort.Tensor('int32', data, dims) : new ort.Tensor('float32', data, dims)),
  });
}

/** The number of OS threads of this process (Linux), or '?' elsewhere. */
function osThreads(): number | string {
  try {
    return readdirSync('/proc/self/task').length;
  } catch {
    return '?';
  }
}
