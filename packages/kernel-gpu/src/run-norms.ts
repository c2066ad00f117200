import { inferOpOutput, sizeOf, type Handle, type MaybePromise, type OpAttrs, type OpInputs } from '@qaxon/tensor';
import { checkFlatSize, chain, type DeviceRunner } from './device-runner.js';
import { layerNormStatsSource, normApplySource, rmsNormStatsSource } from './kernels/norms.js';

/**
 * `rmsNorm` or `layerNorm` over the last axis on a gpu.js backend: a statistics program
 * (per row) and an apply program (per output), the statistics kept on the device and freed
 * after the call. Empty tensors need no program. Refuses, with `KernelUnsupportedError`,
 * tensors over `runner.maxFloats`.
 *
 * @example
 * ```ts
 * import { createGpuBackend } from '@qaxon/kernel-gpu';
 * import { runOp, tensor } from '@qaxon/tensor';
 * const backend = createGpuBackend({ mode: 'cpu' });
 * const y = await runOp(backend, 'rmsNorm', { x: tensor([[3, 4]]) }, { eps: 0 });
 * console.log(y.toArray()); // [[~0.8485, ~1.1314]]
 * backend.dispose();
 * ```
 */
export function runNorm<O extends 'rmsNorm' | 'layerNorm'>(runner: DeviceRunner, op: O, inputs: OpInputs<O>, attrs: OpAttrs<O>): MaybePromise<Handle> {
  const x = runner.own(inputs.x, op);
  const gamma = inputs.gamma === undefined ? undefined : runner.own(inputs.gamma, op);
  const beta = op === 'layerNorm' && (inputs as OpInputs<'layerNorm'>).beta !== undefined ? runner.own((inputs as OpInputs<'layerNorm'>).beta!, op) : undefined;
  const { shape } = inferOpOutput(op, { x, gamma, beta } as never, attrs);
  const size = sizeOf(shape);
  const width = shape[shape.length - 1] ?? 1;
  if (size === 0) return runner.zeros(shape);
  checkFlatSize(runner, op, 'x', size);
  const rows = size / width;
  const statsSource = op === 'rmsNorm' ? rmsNormStatsSource(width) : layerNormStatsSource(width);
  const data = runner.argument(x, op, 'x');
  const parameters = [...(gamma === undefined ? [] : [runner.argument(gamma, op, 'gamma')]), ...(beta === undefined ? [] : [runner.argument(beta, op, 'beta')])];
  const stats = runner.run(statsSource, [op === 'rmsNorm' ? rows : 2 * rows], [data, attrs.eps]);
  return chain(stats, (held) => {
    try {
      const output = runner.run(normApplySource(op, width, gamma !== undefined, beta !== undefined), [size], [data, held, ...parameters]);
      if (output instanceof Promise) {
        return output.then(
          (result) => {
            runner.discard(held);
            return runner.adopt(result, shape);
          },
          (error: unknown) => {
            runner.discard(held);
            throw error;
          },
        );
      }
      runner.discard(held);
      return runner.adopt(output, shape);
    } catch (error) {
      runner.discard(held);
      throw error;
    }
  });
}
