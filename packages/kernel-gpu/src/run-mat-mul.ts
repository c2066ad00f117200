import { broadcastStrides, matMulDimensions, sizeOf, type Handle, type MaybePromise, type OpAttrs, type OpInputs } from '@qaxon/tensor';
import { checkFlatSize, chain, type DeviceRunner } from './device-runner.js';
import { matMulRowsSource, matMulSource, type MatMulLayout } from './kernels/mat-mul.js';

/**
 * `matMul` on a gpu.js backend: one program call whose output stays on the device
 * (`matMulSource` on GL modes, `matMulRows` where kernels read host arrays). Empty outputs and
 * `k = 0` (all zeros) need no program. Refuses, with `KernelUnsupportedError`, tensors
 * over `runner.maxFloats`.
 *
 * @example
 * ```ts
 * import { createGpuBackend } from '@qaxon/kernel-gpu';
 * import { runOp, tensor } from '@qaxon/tensor';
 * const backend = createGpuBackend({ mode: 'cpu' });
 * const y = await runOp(backend, 'matMul', { a: tensor([[1, 2]]), b: tensor([[1, 2], [3, 4]]) }, {});
 * console.log(y.toArray()); // [[7, 10]]
 * backend.dispose();
 * ```
 */
export function runMatMul(runner: DeviceRunner, inputs: OpInputs<'matMul'>, attrs: OpAttrs<'matMul'>): MaybePromise<Handle> {
  const a = runner.own(inputs.a, 'matMul');
  const b = runner.own(inputs.b, 'matMul');
  const { batchShape, m, k, n, outputShape } = matMulDimensions({ a, b }, attrs);
  const size = sizeOf(outputShape);
  if (size === 0 || k === 0) return runner.zeros(outputShape);
  checkFlatSize(runner, 'matMul', 'a', sizeOf(a.shape));
  checkFlatSize(runner, 'matMul', 'b', sizeOf(b.shape));
  checkFlatSize(runner, 'matMul', 'the output', size);
  const layout: MatMulLayout = {
    batchShape,
    aStrides: broadcastStrides(a.shape.slice(0, -2), batchShape),
    bStrides: broadcastStrides(b.shape.slice(0, -2), batchShape),
    m,
    k,
    n,
    transposeA: attrs.transposeA === true,
    transposeB: attrs.transposeB === true,
  };
  const aData = runner.argument(a, 'matMul', 'a');
  const bData = runner.argument(b, 'matMul', 'b');
  let output;
  if (!runner.hostArrays) {
    output = runner.run(matMulSource(layout), [size], [aData, bData]);
  } else {
    output = runner.run(matMulRowsSource(layout), [n, size / n], [aData, bData]);
  }
  return chain(output, (result) => runner.adopt(result, outputShape));
}
