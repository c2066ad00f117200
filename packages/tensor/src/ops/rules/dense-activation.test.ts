import { describe, expect, it } from 'vitest';
import { ones } from '../../create.js';
import { ValueError } from '../../errors.js';
import { inferOpOutput } from '../infer-op-output.js';
import { DENSE_ACTIVATIONS, denseActivationCall, denseActivationOf } from './dense-activation.js';

describe('dense activation attribute', () => {
  it('accepts every listed activation and none', () => {
    for (const activation of DENSE_ACTIVATIONS) {
      expect(inferOpOutput('dense', { x: ones([2, 4]), kernel: ones([4, 3]) }, { activation }).shape).toEqual([2, 3]);
    }
    expect(denseActivationOf('dense', {})).toBeUndefined();
    expect(denseActivationOf('dense', undefined)).toBeUndefined();
  });

  it('refuses an unknown activation, naming the op and the choices', () => {
    const attrs = { activation: 'leakyRelu' } as never;
    expect(() => inferOpOutput('quantizedDense', { x: ones([2, 4]), kernel: ones([4, 3]) }, attrs)).toThrow(ValueError);
    expect(() => denseActivationOf('dynamicQuantizedDense', attrs)).toThrow(/dynamicQuantizedDense: expected attribute activation to be one of relu, .*got "leakyRelu"/);
  });

  it('maps softmax to the last axis and the unary ones to no attributes', () => {
    expect(denseActivationCall('softmax')).toEqual({ op: 'softmax', attrs: { axis: -1 } });
    expect(denseActivationCall('gelu')).toEqual({ op: 'gelu', attrs: {} });
  });
});
