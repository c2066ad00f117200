import { KernelUnsupportedError, attentionDimensions, sizeOf, type Handle, type MaybePromise, type OpAttrs, type OpInputs } from '@qaxon/tensor';
import type { DeviceOutput } from './device-programs.js';
import type { GpuHandle } from './handles/gpu-handle.js';
import { checkFlatSize, chain, type DeviceRunner } from './device-runner.js';
import {
  attentionCapacity,
  attentionOutputSource,
  attentionProbabilitiesSource,
  attentionScoresSource,
  attentionStatsSource,
  type AttentionLayout,
} from './kernels/attention.js';

/**
 * `attention` on a gpu.js backend: four program calls (scores, row maximum and sum,
 * probabilities, weighted sum; see `kernels/attention.ts`) whose intermediates stay on the
 * device and are freed once the output is computed. The padding mask is passed as floats.
 * Empty outputs need no program; a call without keys gives zeros. Refuses, with
 * `KernelUnsupportedError`, tensors over 2^24 floats (the score matrix counts
 * `batch · heads · queries · capacity`).
 *
 * @example
 * ```ts
 * import { createGpuBackend } from '@qaxon/kernel-gpu';
 * import { runOp, tensor } from '@qaxon/tensor';
 * const backend = createGpuBackend({ mode: 'cpu' });
 * const x = tensor([[[1, 0], [0, 1]]]);
 * const y = await runOp(backend, 'attention', { query: x, key: x, value: x }, { heads: 1, kvHeads: 1, causal: true });
 * console.log(y.shape); // [1, 2, 2]; the first query sees only the first key: y[0][0] = [1, 0]
 * backend.dispose();
 * ```
 */
export function runAttention(runner: DeviceRunner, inputs: OpInputs<'attention'>, attrs: OpAttrs<'attention'>): MaybePromise<Handle> {
  const query = runner.own(inputs.query, 'attention');
  const key = runner.own(inputs.key, 'attention');
  const value = runner.own(inputs.value, 'attention');
  const mask = inputs.mask === undefined ? undefined : runner.own(inputs.mask, 'attention');
  const { batch, queries, keys, heads, kvHeads, headDim, scale } = attentionDimensions({ query, key, value, mask }, attrs);
  const outputShape = query.shape;
  const size = sizeOf(outputShape);
  if (size === 0 || keys === 0) return runner.zeros(outputShape);
  const layout: AttentionLayout = { queries, heads, kvHeads, headDim, capacity: attentionCapacity(keys), causal: attrs.causal, masked: mask !== undefined };
  const rows = batch * heads * queries;
  for (const [what, floats] of [
    ['query', size],
    ['key', sizeOf(key.shape)],
    ['value', sizeOf(value.shape)],
    ['the score matrix', rows * layout.capacity],
  ] as const) {
    checkFlatSize(runner, 'attention', what, floats);
  }
  // Host arrays (WebAssembly, WebGPU, CPU) are padded to `capacity` rows per batch entry:
  // gpu.js rebuilds a WebAssembly kernel's memory whenever an argument's length changes,
  // and the padded lengths stay the same while a KV cache grows within the capacity. Their
  // output program (unrolled) takes no mask: the values of masked keys are zeroed instead.
  const host = runner.hostArrays;
  const keyRows = host ? layout.capacity : keys;
  const width = kvHeads * headDim;
  const maskData = mask === undefined ? undefined : maskFloats(mask, runner.name);
  const padded = (data: unknown, rowWidth: number): unknown => (keyRows === keys ? data : padRows(data as Float32Array, batch, keys, keyRows, rowWidth));
  const q = runner.argument(query, 'attention', 'query');
  const k = padded(runner.argument(key, 'attention', 'key'), width);
  const valueData = runner.argument(value, 'attention', 'value');
  const v = host && maskData !== undefined ? maskedRows(valueData as Float32Array, maskData, batch, keys, keyRows, width) : padded(valueData, width);
  const maskArgument = maskData === undefined ? [] : [padded(maskData, 1)];
  const outputMask = host ? [] : maskArgument;
  const held: DeviceOutput[] = [];
  const keep = (output: DeviceOutput): DeviceOutput => {
    held.push(output);
    return output;
  };
  const release = (): void => {
    for (const output of held) runner.discard(output);
  };
  try {
    const done = chain(runner.run(attentionScoresSource(layout), [rows * layout.capacity], [q, k, keys, keyRows, scale]), (scores) => {
      keep(scores);
      return chain(runner.run(attentionStatsSource(layout), [2 * rows], [scores, keys, keyRows, ...maskArgument]), (stats) => {
        keep(stats);
        return chain(runner.run(attentionProbabilitiesSource(layout), [rows * layout.capacity], [scores, stats, keys, keyRows, ...maskArgument]), (probabilities) => {
          keep(probabilities);
          return chain(runner.run(attentionOutputSource(layout, host), [size], [probabilities, v, keys, keyRows, ...outputMask]), (output) => runner.adopt(output, outputShape));
        });
      });
    });
    if (done instanceof Promise) return done.finally(release);
    release();
    return done;
  } catch (error) {
    release();
    throw error;
  }
}

/** The s32 padding mask `[batch, keys]` as floats (0 = padding), the way the programs read it. */
function maskFloats(mask: GpuHandle, backend: string): Float32Array {
  const storage = mask.cell.storage;
  if (storage.kind !== 'array') {
    throw new KernelUnsupportedError('attention', `${backend} reads the mask from the host, got a mask of shape [${mask.shape.join(', ')}] held as ${storage.kind}`);
  }
  return Float32Array.from(storage.data as ArrayLike<number>, (flag) => (flag === 0 ? 0 : 1));
}

/** `data` (`[batch, keys, width]`) with each batch entry's rows zero-padded to `rows`. */
function padRows(data: Float32Array, batch: number, keys: number, rows: number, width: number): Float32Array {
  const out = new Float32Array(batch * rows * width);
  for (let b = 0; b < batch; b++) out.set(data.subarray(b * keys * width, (b + 1) * keys * width), b * rows * width);
  return out;
}

/** `data` (`[batch, keys, width]`) padded like {@link padRows}, with the rows of masked keys (mask 0) left zero. */
function maskedRows(data: Float32Array, mask: Float32Array, batch: number, keys: number, rows: number, width: number): Float32Array {
  const out = new Float32Array(batch * rows * width);
  for (let b = 0; b < batch; b++) {
    for (let j = 0; j < keys; j++) {
      if (mask[b * keys + j] !== 0) out.set(data.subarray((b * keys + j) * width, (b * keys + j + 1) * width), (b * rows + j) * width);
    }
  }
  return out;
}
