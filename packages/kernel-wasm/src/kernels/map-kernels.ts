import { broadcastCombine, broadcastShapes, erf, sizeOf, type Handle, type OpAttrs, type OpInputs } from '@qaxon/tensor';
import type { HandleStore } from '../handles/handle-store.js';
import type { WasmHandle } from '../handles/wasm-handle.js';
import type { WasmHeap } from '../memory/wasm-heap.js';

type UnaryOp = 'relu' | 'sigmoid' | 'tanh' | 'gelu' | 'geluTanh' | 'silu' | 'exp' | 'leakyRelu';

const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
type BinaryOp = 'add' | 'subtract' | 'multiply' | 'divide';

/** `1 / (1 + e^-v)`, computed on the side where the exponential cannot overflow. */
function sigmoidOf(v: number): number {
  if (v >= 0) return 1 / (1 + Math.exp(-v));
  const e = Math.exp(v);
  return e / (1 + e);
}

/** The scalar function of each unary op, as the reference backend computes it (float64, rounded once to f32). */
const UNARY: { readonly [O in UnaryOp]: (v: number, attrs: OpAttrs<O>) => number } = {
  relu: (v) => (v > 0 || Number.isNaN(v) ? v : 0),
  sigmoid: (v) => sigmoidOf(v),
  tanh: (v) => Math.tanh(v),
  gelu: (v) => 0.5 * v * (1 + erf(v * Math.SQRT1_2)),
  geluTanh: (v) => 0.5 * v * (1 + Math.tanh(SQRT_2_OVER_PI * (v + 0.044715 * v * v * v))),
  silu: (v) => v * sigmoidOf(v),
  exp: (v) => Math.exp(v),
  leakyRelu: (v, { alpha }) => (v > 0 ? v : alpha * v),
};

const BINARY: { readonly [O in BinaryOp]: (a: number, b: number) => number } = {
  add: (a, b) => a + b,
  subtract: (a, b) => a - b,
  multiply: (a, b) => a * b,
  divide: (a, b) => a / b,
};

/**
 * The elementwise kernels as plain loops over the module's memory: the activations
 * (`relu`, `sigmoid`, `tanh`, `gelu`, `geluTanh`, `silu`, `exp`, `leakyRelu`) and `add`, `subtract`,
 * `multiply`, `divide` with NumPy broadcasting. Each output element is the same float64
 * expression as on the reference backend, rounded once to f32, so results are
 * bit-identical to it.
 *
 * @example
 * ```text
 * const kernels = mapKernels(store, heap);
 * const y = kernels.relu({ x }, {});
 * ```
 */
export function mapKernels(store: HandleStore, heap: WasmHeap): { [O in UnaryOp | BinaryOp]: (inputs: OpInputs<O>, attrs: OpAttrs<O>) => Handle } {
  const unary =
    <O extends UnaryOp>(op: O) =>
    ({ x }: OpInputs<O>, attrs: OpAttrs<O>): Handle => {
      const fn = UNARY[op] as (v: number, attrs: OpAttrs<O>) => number;
      const size = sizeOf(x.shape);
      const { handle, block } = store.allocateRows(x.shape, 'f32');
      const source = store.rowsOf(x as WasmHandle);
      try {
        const input = heap.f32(source.block, size);
        const out = heap.f32(block, size);
        for (let i = 0; i < size; i++) out[i] = fn(input[i]!, attrs);
      } finally {
        if (source.temporary) heap.release(source.block);
      }
      return handle;
    };
  const binary =
    (op: BinaryOp) =>
    ({ a, b }: OpInputs<BinaryOp>): Handle => {
      const fn = BINARY[op];
      const shape = broadcastShapes(a.shape, b.shape, op);
      const size = sizeOf(shape);
      const { handle, block } = store.allocateRows(shape, 'f32');
      const left = store.rowsOf(a as WasmHandle);
      const right = store.rowsOf(b as WasmHandle);
      try {
        const x = heap.f32(left.block, sizeOf(a.shape));
        const y = heap.f32(right.block, sizeOf(b.shape));
        const out = heap.f32(block, size);
        if (x.length === size && y.length === size) {
          for (let i = 0; i < size; i++) out[i] = fn(x[i]!, y[i]!);
        } else {
          broadcastCombine(out, x, a.shape, y, b.shape, shape, fn);
        }
      } finally {
        if (left.temporary) heap.release(left.block);
        if (right.temporary) heap.release(right.block);
      }
      return handle;
    };
  return {
    relu: unary('relu'),
    sigmoid: unary('sigmoid'),
    tanh: unary('tanh'),
    gelu: unary('gelu'),
    geluTanh: unary('geluTanh'),
    silu: unary('silu'),
    exp: unary('exp'),
    leakyRelu: unary('leakyRelu'),
    add: binary('add'),
    subtract: binary('subtract'),
    multiply: binary('multiply'),
    divide: binary('divide'),
  };
}

