import { Tensor, sizeOf, softmaxAxis, type OpAttrs, type OpInputs } from '@qaxon/tensor';
import { f32Of } from './host-values.js';

/**
 * `softmax` / `logSoftmax` along `axis`. For each line along the axis: `max`, then
 * `e_i = exp(x_i - max)` and their sum in float64, then `e_i / sum` (softmax) or
 * `x_i - max - log(sum)` (logSoftmax), rounded to float32 once. On the last axis this is
 * exactly `@qaxon/graph`'s softmax.
 */
export function softmaxOp(op: 'softmax' | 'logSoftmax', { x }: OpInputs<'softmax'>, attrs: OpAttrs<'softmax'>): Tensor {
  const axis = softmaxAxis(op, x.shape, attrs.axis);
  const width = x.shape[axis]!;
  const inner = sizeOf(x.shape.slice(axis + 1));
  const outer = sizeOf(x.shape.slice(0, axis));
  const source = f32Of(x);
  const out = new Float32Array(source.length);
  const exps = new Float64Array(width);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const start = o * width * inner + i;
      let lineMax = -Infinity;
      for (let j = 0; j < width; j++) lineMax = Math.max(lineMax, source[start + j * inner]!);
      let total = 0;
      for (let j = 0; j < width; j++) {
        exps[j] = Math.exp(source[start + j * inner]! - lineMax);
        total += exps[j]!;
      }
      if (op === 'softmax') {
        for (let j = 0; j < width; j++) out[start + j * inner] = exps[j]! / total;
      } else {
        const logTotal = Math.log(total);
        for (let j = 0; j < width; j++) out[start + j * inner] = source[start + j * inner]! - lineMax - logTotal;
      }
    }
  }
  return new Tensor(out, x.shape, 'f32');
}
