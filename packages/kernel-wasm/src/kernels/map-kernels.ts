import { broadcastCombine, broadcastShapes, sizeOf, type Handle, type OpAttrs, type OpInputs, type Shape } from '@qaxon/tensor';
import type { HandleStore } from '../handles/handle-store.js';
import type { WasmHandle } from '../handles/wasm-handle.js';
import type { WasmHeap } from '../memory/wasm-heap.js';
import type { KernelExports } from '../wasm/kernel-exports.js';

export type SimdUnaryOp = 'relu' | 'sigmoid' | 'tanh' | 'gelu' | 'geluTanh' | 'silu' | 'exp';
type BinaryOp = 'add' | 'subtract' | 'multiply' | 'divide';

/** The module's exported code of each SIMD activation (asm/activations.ts). */
export const ACTIVATION_GLOBALS: { readonly [O in SimdUnaryOp]: string } = {
  relu: 'ACTIVATION_RELU',
  sigmoid: 'ACTIVATION_SIGMOID',
  tanh: 'ACTIVATION_TANH',
  gelu: 'ACTIVATION_GELU',
  geluTanh: 'ACTIVATION_GELU_TANH',
  silu: 'ACTIVATION_SILU',
  exp: 'ACTIVATION_EXP',
};

/** The module's exported code of each binary op (asm/elementwise.ts). */
const BINARY_GLOBALS: { readonly [O in BinaryOp]: string } = {
  add: 'BINARY_ADD',
  subtract: 'BINARY_SUBTRACT',
  multiply: 'BINARY_MULTIPLY',
  divide: 'BINARY_DIVIDE',
};

const BINARY: { readonly [O in BinaryOp]: (a: number, b: number) => number } = {
  add: (a, b) => a + b,
  subtract: (a, b) => a - b,
  multiply: (a, b) => a * b,
  divide: (a, b) => a / b,
};

export function moduleCode(exports: KernelExports, name: string): number {
  const global = (exports as unknown as Record<string, unknown>)[name];
  if (!(global instanceof WebAssembly.Global)) {
    throw new Error(`@qaxon/kernel-wasm: the kernel module does not export the global ${name}; rebuild with scripts/build-wasm.mjs`);
  }
  return Number(global.value);
}

/** True when `row` repeats along the leading axes of `full`: its shape is `full`'s trailing axes (leading 1s allowed), or it holds one value. */
function repeatsAlongRows(row: Shape, full: Shape): boolean {
  if (sizeOf(row) === 1) return true;
  const axes = row.length; // at most full.length: full is the broadcast shape
  let first = 0;
  while (first < axes && row[first] === 1) first++;
  for (let axis = first; axis < axes; axis++) if (row[axis] !== full[full.length - axes + axis]) return false;
  return true;
}

/**
 * The elementwise kernels over the module's memory. The activations `relu`, `sigmoid`,
 * `tanh`, `gelu`, `geluTanh`, `silu` and `exp` run f32 SIMD code (asm/activations.ts; within
 * the precision declared in `precision.ts`, `relu` bit-identical); `leakyRelu` is a plain
 * loop. `add`, `subtract`, `multiply`, `divide` run SIMD when both sides have the same size
 * or one repeats along the rows of the other (a bias, a scalar), else a broadcasting loop;
 * either way one f32 operation per output, bit-identical to the reference.
 *
 * @example
 * ```text
 * const kernels = mapKernels(store, heap, exports);
 * const y = kernels.gelu({ x }, {});
 * ```
 */
export function mapKernels(
  store: HandleStore,
  heap: WasmHeap,
  exports: KernelExports,
): { [O in SimdUnaryOp | 'leakyRelu' | BinaryOp]: (inputs: OpInputs<O>, attrs: OpAttrs<O>) => Handle } {
  const simd =
    (op: SimdUnaryOp) =>
    ({ x }: OpInputs<SimdUnaryOp>): Handle => {
      const code = moduleCode(exports, ACTIVATION_GLOBALS[op]);
      const { handle, block } = store.allocateRows(x.shape, 'f32');
      const source = store.rowsOf(x as WasmHandle);
      try {
        exports.activationF32(code, source.block, block, sizeOf(x.shape));
      } finally {
        if (source.temporary) heap.release(source.block);
      }
      return handle;
    };
  const leakyRelu = ({ x }: OpInputs<'leakyRelu'>, { alpha }: OpAttrs<'leakyRelu'>): Handle => {
    const size = sizeOf(x.shape);
    const { handle, block } = store.allocateRows(x.shape, 'f32');
    const source = store.rowsOf(x as WasmHandle);
    try {
      const input = heap.f32(source.block, size);
      const out = heap.f32(block, size);
      for (let i = 0; i < size; i++) out[i] = input[i]! > 0 ? input[i]! : alpha * input[i]!;
    } finally {
      if (source.temporary) heap.release(source.block);
    }
    return handle;
  };
  const binary =
    (op: BinaryOp) =>
    ({ a, b }: OpInputs<BinaryOp>): Handle => {
      const shape = broadcastShapes(a.shape, b.shape, op);
      const size = sizeOf(shape);
      const { handle, block } = store.allocateRows(shape, 'f32');
      const left = store.rowsOf(a as WasmHandle);
      const right = store.rowsOf(b as WasmHandle);
      try {
        const aSize = sizeOf(a.shape);
        const bSize = sizeOf(b.shape);
        if (size === 0) return handle;
        if (aSize === size && (bSize === size || repeatsAlongRows(b.shape, shape))) {
          exports.binaryF32(moduleCode(exports, BINARY_GLOBALS[op]), left.block, right.block, block, size, bSize, 0);
        } else if (bSize === size && repeatsAlongRows(a.shape, shape)) {
          exports.binaryF32(moduleCode(exports, BINARY_GLOBALS[op]), right.block, left.block, block, size, aSize, 1);
        } else {
          broadcastCombine(heap.f32(block, size), heap.f32(left.block, aSize), a.shape, heap.f32(right.block, bSize), b.shape, shape, BINARY[op]);
        }
      } finally {
        if (left.temporary) heap.release(left.block);
        if (right.temporary) heap.release(right.block);
      }
      return handle;
    };
  return {
    relu: simd('relu'),
    sigmoid: simd('sigmoid'),
    tanh: simd('tanh'),
    gelu: simd('gelu'),
    geluTanh: simd('geluTanh'),
    silu: simd('silu'),
    exp: simd('exp'),
    leakyRelu,
    add: binary('add'),
    subtract: binary('subtract'),
    multiply: binary('multiply'),
    divide: binary('divide'),
  };
}
