// The plain-JS activation and layer-norm maths graph computed before the layers became op
// calls (qaxon 0.1), kept for the tests only: an independent oracle the reference backend's
// ops must match bit for bit.
import { Tensor } from '@qaxon/tensor';

function mapFloat32(x: Tensor, fn: (value: number) => number): Tensor<'f32'> {
  const source = x.data as Float32Array;
  const out = new Float32Array(source.length);
  for (let i = 0; i < source.length; i++) out[i] = fn(source[i]!);
  return new Tensor(out, x.shape, 'f32');
}

export function erf(x: number): number {
  if (Number.isNaN(x)) return x;
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const polynomial =
    -1.26551223 +
    t *
      (1.00002368 +
        t *
          (0.37409196 +
            t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  const erfc = t * Math.exp(-z * z + polynomial);
  return x >= 0 ? 1 - erfc : erfc - 1;
}

function sigmoidOf(v: number): number {
  if (v >= 0) return 1 / (1 + Math.exp(-v));
  const e = Math.exp(v);
  return e / (1 + e);
}

function softmaxLastAxis(x: Tensor): Tensor<'f32'> {
  const width = x.shape[x.rank - 1]!;
  const source = x.data as Float32Array;
  const out = new Float32Array(source.length);
  const exps = new Float64Array(width);
  for (let start = 0; start < source.length; start += width) {
    let rowMax = -Infinity;
    for (let i = 0; i < width; i++) rowMax = Math.max(rowMax, source[start + i]!);
    let total = 0;
    for (let i = 0; i < width; i++) {
      exps[i] = Math.exp(source[start + i]! - rowMax);
      total += exps[i]!;
    }
    for (let i = 0; i < width; i++) out[start + i] = exps[i]! / total;
  }
  return new Tensor(out, x.shape, 'f32');
}

/** graph 0.1's activation maths by name. */
export function oracleActivation(name: string, x: Tensor, alpha = 0.01): Tensor<'f32'> {
  switch (name) {
    case 'relu':
      return mapFloat32(x, (v) => (v > 0 || Number.isNaN(v) ? v : 0));
    case 'sigmoid':
      return mapFloat32(x, sigmoidOf);
    case 'tanh':
      return mapFloat32(x, Math.tanh);
    case 'softmax':
      return softmaxLastAxis(x);
    case 'gelu':
      return mapFloat32(x, (v) => 0.5 * v * (1 + erf(v * Math.SQRT1_2)));
    case 'silu':
      return mapFloat32(x, (v) => v * sigmoidOf(v));
    case 'leakyRelu':
      return mapFloat32(x, (v) => (v > 0 ? v : alpha * v));
    default:
      throw new Error(`no oracle for ${name}`);
  }
}

/** graph 0.1's layer norm along the last axis. */
export function oracleLayerNorm(x: Tensor, gamma: Tensor, beta: Tensor, epsilon: number): Tensor<'f32'> {
  const width = x.shape[x.rank - 1] ?? 1;
  const source = x.data as Float32Array;
  const g = gamma.data as Float32Array;
  const b = beta.data as Float32Array;
  const out = new Float32Array(source.length);
  for (let start = 0; start < source.length; start += width) {
    let total = 0;
    for (let i = 0; i < width; i++) total += source[start + i]!;
    const mean = total / width;
    let squares = 0;
    for (let i = 0; i < width; i++) squares += (source[start + i]! - mean) ** 2;
    const inverse = 1 / Math.sqrt(squares / width + epsilon);
    for (let i = 0; i < width; i++) out[start + i] = (source[start + i]! - mean) * inverse * g[i]! + b[i]!;
  }
  return new Tensor(out, x.shape, 'f32');
}
