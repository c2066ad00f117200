import { concatenateAxis, inferOpOutput, sizeOf, sliceBounds, stridesOf, transposePermutation, type Handle, type OpAttrs, type OpInputs } from '@qaxon/tensor';
import type { HandleStore } from '../handles/handle-store.js';
import type { WasmHeap } from '../memory/wasm-heap.js';
import { withInputRows } from './input-rows.js';

type CopyOp = 'concatenate' | 'slice' | 'transpose';

/**
 * `concatenate`, `slice` and `transpose` as copies inside the module's memory (any dtype):
 * contiguous runs are copied whole (the rows of each input along the axis, a slice's
 * innermost axis, a transpose that keeps the last axis in place), so a KV cache grows and
 * heads split without leaving the module. Bit-identical to the reference.
 *
 * @example
 * ```text
 * const { concatenate } = copyKernels(store, heap);
 * const cache = concatenate({ xs: [past, key] }, { axis: 1 });
 * ```
 */
export function copyKernels(store: HandleStore, heap: WasmHeap): { [O in CopyOp]: (inputs: OpInputs<O>, attrs: OpAttrs<O>) => Handle } {
  const produce = (inputs: readonly Handle[], shape: readonly number[], dtype: Handle['dtype'], copy: (out: Float32Array | Int8Array | Int32Array, sources: (Float32Array | Int8Array | Int32Array)[]) => void): Handle => {
    const { handle, block } = store.allocateRows(shape, dtype);
    try {
      withInputRows(store, heap, inputs, (addresses) => {
        const sources = addresses.map((address, i) => store.view(dtype, address, sizeOf(inputs[i]!.shape)));
        copy(store.view(dtype, block, sizeOf(shape)), sources);
      });
    } catch (error) {
      store.release(handle);
      throw error;
    }
    return handle;
  };
  return {
    concatenate({ xs }, attrs) {
      const axis = concatenateAxis(xs, attrs.axis);
      const { shape, dtype } = inferOpOutput('concatenate', { xs }, attrs);
      const outer = sizeOf(shape.slice(0, axis));
      const chunks = xs.map((x) => sizeOf(x.shape.slice(axis)));
      return produce(xs, shape, dtype, (out, sources) => {
        let at = 0;
        for (let o = 0; o < outer; o++) {
          sources.forEach((source, i) => {
            const chunk = chunks[i]!;
            out.set(source.subarray(o * chunk, (o + 1) * chunk) as never, at);
            at += chunk;
          });
        }
      });
    },
    slice({ x }, attrs) {
      const { begin, size } = sliceBounds(x.shape, attrs.begin, attrs.size);
      const rank = x.shape.length;
      return produce([x], size, x.dtype, (out, [source]) => {
        if (out.length === 0) return;
        if (rank === 0) {
          out[0] = source![0]!;
          return;
        }
        const strides = stridesOf(x.shape);
        const run = size[rank - 1]!;
        const outerSize = size.slice(0, -1);
        const runs = sizeOf(outerSize);
        const index = new Array<number>(rank - 1).fill(0);
        for (let r = 0; r < runs; r++) {
          let from = begin[rank - 1]!;
          for (let axis = 0; axis < rank - 1; axis++) from += (begin[axis]! + index[axis]!) * strides[axis]!;
          out.set(source!.subarray(from, from + run) as never, r * run);
          for (let axis = rank - 2; axis >= 0 && ++index[axis]! === outerSize[axis]!; axis--) index[axis] = 0;
        }
      });
    },
    transpose({ x }, attrs) {
      const permutation = transposePermutation(x.shape, attrs.permutation);
      const shape = permutation.map((axis) => x.shape[axis]!);
      const rank = shape.length;
      return produce([x], shape, x.dtype, (out, [source]) => {
        if (out.length === 0) return;
        const strides = stridesOf(x.shape);
        // Input stride of each output axis; the last output axis is copied as a run when it is the input's last.
        const from = permutation.map((axis) => strides[axis]!);
        const contiguous = rank > 0 && permutation[rank - 1] === rank - 1;
        const run = contiguous ? shape[rank - 1]! : 1;
        const loopAxes = contiguous ? rank - 1 : rank;
        const index = new Array<number>(loopAxes).fill(0);
        for (let at = 0; at < out.length; at += run) {
          let offset = 0;
          for (let axis = 0; axis < loopAxes; axis++) offset += index[axis]! * from[axis]!;
          if (contiguous) out.set(source!.subarray(offset, offset + run) as never, at);
          else out[at] = source![offset]!;
          for (let axis = loopAxes - 1; axis >= 0 && ++index[axis]! === shape[axis]!; axis--) index[axis] = 0;
        }
      });
    },
  };
}
