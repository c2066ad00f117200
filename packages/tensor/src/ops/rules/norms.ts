import { ShapeError } from '../../errors.js';
import { formatShape } from '../../shape.js';
import type { OpOutput } from './op-output.js';
import { checkFiniteAttr, checkPlainInput } from './check-input.js';
import type { TensorSpec } from '../tensor-spec.js';

function checkLastAxisParameter(op: string, name: string, spec: TensorSpec | undefined, width: number): void {
  if (spec === undefined) return;
  checkPlainInput(op, name, spec, ['f32']);
  if (spec.shape.length !== 1 || spec.shape[0] !== width) {
    throw new ShapeError(`${op}: expected ${name} of shape [${width}] (one per entry of x's last axis), got shape ${formatShape(spec.shape)}`);
  }
}

/**
 * Output rule of `layerNorm` and `rmsNorm`: `x` f32 of rank >= 1, `gamma` (and, for
 * `layerNorm`, `beta`) absent or f32 `[last axis of x]`, `eps` a positive finite number;
 * the output has `x`'s shape.
 *
 * @example
 * ```ts
 * import { normOutput, ones } from '@qaxon/tensor';
 * console.log(normOutput('layerNorm', { x: ones([2, 4]), gamma: ones([4]) }, { eps: 1e-5 }).shape); // [2, 4]
 * ```
 */
export function normOutput(op: 'layerNorm' | 'rmsNorm', inputs: { x: TensorSpec; gamma?: TensorSpec | undefined; beta?: TensorSpec | undefined }, attrs: { eps: number }): OpOutput {
  const x = checkPlainInput(op, 'x', inputs.x, ['f32'], 1);
  const width = x.shape[x.shape.length - 1] as number;
  checkLastAxisParameter(op, 'gamma', inputs.gamma, width);
  if (op === 'layerNorm') checkLastAxisParameter(op, 'beta', inputs.beta, width);
  checkFiniteAttr(op, 'eps', (attrs as { eps?: unknown } | undefined)?.eps, true);
  return { shape: x.shape, dtype: 'f32' };
}
