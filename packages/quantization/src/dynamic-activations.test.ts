import { build, dense, input, relu, type Node } from '@qaxon/graph';
import { dynamicQuantizedDenseS8 } from '@qaxon/kernel-reference/impl';
import type { QTensor, Tensor} from '@qaxon/tensor';
import { randomNormal, template } from '@qaxon/tensor';
import { describe, expect, it } from 'vitest';
import { QUANTIZED_DENSE_OP, quantize, quantizeModel } from './index.js';

const mlp = () => dense(relu(dense(input('x'), 8)), 4, { name: 'classifier' });

describe('quantize with dynamicActivations', () => {
  it('marks the selected dense layers W8A8 and leaves the filtered ones in float', () => {
    const quantized = quantizeModel(mlp(), { dynamicActivations: true, filter: (node) => node.name !== 'classifier' });
    const nodes = Object.values(quantized.nodes) as Node[];
    expect(nodes.filter((n) => n.op === QUANTIZED_DENSE_OP).map((n) => n.opts)).toEqual([{ units: 8, useBias: true, dynamicActivations: true }]);
    expect(nodes.filter((n) => n.op === 'dense').map((n) => [n.name, n.opts])).toEqual([['classifier', { units: 4, useBias: true }]]);
  });

  it('runs the dynamicQuantizedDense op: the reference W8A8 result, close to weight-only', async () => {
    const model = dense(input('x'), 6);
    const state = build(model).init(template([3, 16]));
    const x = randomNormal([3, 16], { seed: 5 });
    const [w8a8Model, qState] = quantize(model, state, { dynamicActivations: true });
    const [weightOnlyModel] = quantize(model, state);
    const y = (await build(w8a8Model).predict(qState, x)) as Tensor;
    const weightOnly = (await build(weightOnlyModel).predict(qState, x)) as Tensor;
    const kernel = qState.get('dense_0', 'kernel') as QTensor;
    const bias = qState.get('dense_0', 'bias') as Tensor;
    const expected = dynamicQuantizedDenseS8(x.data, 3, 16, kernel.value.data as Int8Array, kernel.scale.data, undefined, 6, bias.data as Float32Array);
    expect([...y.data]).toEqual([...expected]);
    for (let i = 0; i < y.data.length; i++) expect(Math.abs(y.data[i]! - weightOnly.data[i]!)).toBeLessThan(0.05);
  });

  it('refuses a dynamicActivations that is not a boolean', () => {
    expect(() => quantizeModel(mlp(), { dynamicActivations: 'yes' as never })).toThrow(/expected options.dynamicActivations to be a boolean, got/);
  });
});
