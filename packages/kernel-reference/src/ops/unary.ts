import { Tensor, type OpInputs, type UnaryOpName } from '@qaxon/tensor';
import { erf } from '@qaxon/tensor';
import { f32Of } from './host-values.js';

/** The logistic function, split by sign so that `exp` never overflows. */
export function sigmoidOf(v: number): number {
  if (v >= 0) return 1 / (1 + Math.exp(-v));
  const e = Math.exp(v);
  return e / (1 + e);
}

const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

/**
 * Each unary op as a function of one value, computed in float64 and rounded to float32 once
 * when stored (the formulas of `@qaxon/graph`'s activations).
 */
export const UNARY_FUNCTIONS: { readonly [O in Exclude<UnaryOpName, 'leakyRelu'>]: (v: number) => number } = {
  relu: (v) => (v > 0 || Number.isNaN(v) ? v : 0),
  sigmoid: sigmoidOf,
  tanh: Math.tanh,
  gelu: (v) => 0.5 * v * (1 + erf(v * Math.SQRT1_2)),
  geluTanh: (v) => 0.5 * v * (1 + Math.tanh(SQRT_2_OVER_PI * (v + 0.044715 * v * v * v))),
  silu: (v) => v * sigmoidOf(v),
  exp: Math.exp,
};

function mapF32(x: OpInputs<'relu'>['x'], fn: (v: number) => number): Tensor {
  const source = f32Of(x);
  const out = new Float32Array(source.length);
  for (let i = 0; i < source.length; i++) out[i] = fn(source[i]!);
  return new Tensor(out, x.shape, 'f32');
}

/** A unary op: `fn(x)` per element; `leakyRelu` is `v > 0 ? v : alpha·v`. */
export function unaryOp(op: UnaryOpName, { x }: OpInputs<'relu'>, attrs: { alpha?: number }): Tensor {
  if (op === 'leakyRelu') {
    const alpha = attrs.alpha!;
    return mapF32(x, (v) => (v > 0 ? v : alpha * v));
  }
  return mapF32(x, UNARY_FUNCTIONS[op]);
}
