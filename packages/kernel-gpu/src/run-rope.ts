import { KernelUnsupportedError, ropeDimensions, sizeOf, type Handle, type MaybePromise, type OpAttrs, type OpInputs } from '@qaxon/tensor';
import { checkFlatSize, chain, type DeviceRunner } from './device-runner.js';
import { ropeSource } from './kernels/rope.js';

/**
 * `rope` on a gpu.js backend: the `cos`/`sin` tables of the call's positions computed on
 * the host in float64 (`angle = position · theta^(-2i / rotaryDim)`, as the reference) and
 * passed as float32 arrays, then one program that rotates the pairs on the device. Empty
 * tensors need no program. Refuses, with `KernelUnsupportedError`, tensors over
 * `runner.maxFloats` and positions not held on the host.
 *
 * @example
 * ```ts
 * import { createGpuBackend } from '@qaxon/kernel-gpu';
 * import { runOp, tensor } from '@qaxon/tensor';
 * const backend = createGpuBackend({ mode: 'cpu' });
 * const x = tensor([[[1, 0, 1, 0]]]);
 * const y = await runOp(backend, 'rope', { x, positions: tensor([0], { dtype: 's32' }) }, { headDim: 4, theta: 10000, interleaved: false });
 * console.log(y.toArray()); // [[[1, 0, 1, 0]]]: position 0 does not rotate
 * backend.dispose();
 * ```
 */
export function runRope(runner: DeviceRunner, inputs: OpInputs<'rope'>, attrs: OpAttrs<'rope'>): MaybePromise<Handle> {
  const x = runner.own(inputs.x, 'rope');
  const positions = runner.own(inputs.positions, 'rope');
  const { sequence, heads, headDim, rotaryDim, positionsPerBatch } = ropeDimensions({ x, positions }, attrs);
  const size = sizeOf(x.shape);
  if (size === 0) return runner.zeros(x.shape);
  checkFlatSize(runner, 'rope', 'x', size);
  const storage = positions.cell.storage;
  if (storage.kind !== 'array') {
    throw new KernelUnsupportedError('rope', `${runner.name} reads positions from the host, got positions of shape [${positions.shape.join(', ')}] held as ${storage.kind}`);
  }
  const half = rotaryDim / 2;
  const values = storage.data as ArrayLike<number>;
  const count = sizeOf(positions.shape);
  const cos = new Float32Array(count * half);
  const sin = new Float32Array(count * half);
  for (let i = 0; i < half; i++) {
    const frequency = Math.pow(attrs.theta, (-2 * i) / rotaryDim);
    for (let row = 0; row < count; row++) {
      const angle = values[row]! * frequency;
      cos[row * half + i] = Math.cos(angle);
      sin[row * half + i] = Math.sin(angle);
    }
  }
  const source = ropeSource({ sequence, heads, headDim, rotaryDim, interleaved: attrs.interleaved, positionsPerBatch });
  return chain(runner.run(source, [size], [runner.argument(x, 'rope', 'x'), cos, sin]), (output) => runner.adopt(output, x.shape));
}
