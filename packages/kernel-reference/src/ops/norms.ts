import { Tensor, type OpAttrs, type OpInputs } from '@qaxon/tensor';
import { f32Of } from './host-values.js';

/**
 * `layerNorm` over the last axis, exactly as `@qaxon/graph`'s layer-norm layer: per row of
 * width `n`, `mean = Σ r_i / n`, `variance = Σ (r_i - mean)² / n` (float64, two passes),
 * `y_i = (r_i - mean) · (1 / sqrt(variance + eps)) · gamma_i + beta_i` (gamma 1 and beta 0
 * when absent), rounded to float32.
 */
export function layerNormOp({ x, gamma, beta }: OpInputs<'layerNorm'>, attrs: OpAttrs<'layerNorm'>): Tensor {
  const epsilon = attrs.eps;
  const width = x.shape[x.shape.length - 1]!;
  const source = f32Of(x);
  const g = gamma === undefined ? new Float32Array(width).fill(1) : f32Of(gamma);
  const b = beta === undefined ? new Float32Array(width) : f32Of(beta);
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

/**
 * `rmsNorm` over the last axis: per row of width `n`, `ms = Σ r_i² / n` (float64),
 * `y_i = r_i · (1 / sqrt(ms + eps)) · gamma_i` (gamma 1 when absent), rounded to float32.
 */
export function rmsNormOp({ x, gamma }: OpInputs<'rmsNorm'>, attrs: OpAttrs<'rmsNorm'>): Tensor {
  const epsilon = attrs.eps;
  const width = x.shape[x.shape.length - 1]!;
  const source = f32Of(x);
  const g = gamma === undefined ? new Float32Array(width).fill(1) : f32Of(gamma);
  const out = new Float32Array(source.length);
  for (let start = 0; start < source.length; start += width) {
    let squares = 0;
    for (let i = 0; i < width; i++) squares += source[start + i]! ** 2;
    const inverse = 1 / Math.sqrt(squares / width + epsilon);
    for (let i = 0; i < width; i++) out[start + i] = source[start + i]! * inverse * g[i]!;
  }
  return new Tensor(out, x.shape, 'f32');
}
