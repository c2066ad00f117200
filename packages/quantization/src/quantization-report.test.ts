import { build, dense, input, layerNorm, ModelState } from '@qaxon/graph';
import type { QTensor} from '@qaxon/tensor';
import { tensor, template } from '@qaxon/tensor';
import { describe, expect, it } from 'vitest';
import { ErrorAccumulator, QuantizationError, quantizationReport, quantizeModelState } from './index.js';

describe('quantizationReport', () => {
  it('reports bytes, weight errors and SQNR per layer, with a readable table', async () => {
    const model = dense(layerNorm(dense(input('x'), 4), { name: 'norm' }), 2, { name: 'head' });
    const floatState = ModelState.fromData({
      dense_0: { kernel: tensor([[-2, 1, 0.5, 0], [1, 0, -0.25, 0], [0, 0, 1, 0]]), bias: tensor([0, 0, 0, 0]) },
      norm: { gamma: tensor([1, 1, 1, 1]), beta: tensor([0, 0, 0, 0]) },
      head: { kernel: tensor([[1, 2], [3, 4], [5, 6], [7, 8]]), bias: tensor([1, -1]) },
    });
    const quantizedState = quantizeModelState(model, floatState, { filter: (node) => node.name !== 'head' });
    const report = await quantizationReport(model, floatState, quantizedState, { inputs: tensor([[1, 2, 3]]) });
    expect(report.layers.map((line) => [line.layer, line.quantized, line.parameters, line.floatBytes, line.quantizedBytes])).toEqual([
      ['dense_0', true, 16, 64, 12 + 16 + 4 + 16],
      ['norm', false, 8, 32, 32],
      ['head', false, 10, 40, 40],
    ]);
    const dense0 = report.layers[0]!.weightError;
    const q = quantizedState.get('dense_0', 'kernel') as QTensor;
    const back = q.dequantize().data;
    const w = (floatState.get('dense_0', 'kernel') as never as { data: Float32Array }).data;
    const errors = [...w].map((v, i) => Math.abs(back[i]! - v));
    expect(dense0.maxAbsError).toBe(Math.max(...errors));
    expect(dense0.count).toBe(16);
    expect(report.layers[2]!.weightError.sqnrDb).toBe(Infinity);
    expect(report.floatBytes).toBe(floatState.byteSize());
    expect(report.quantizedBytes).toBe(quantizedState.byteSize());
    expect(report.outputError!.count).toBe(2);
    expect(report.outputError!.sqnrDb).toBeGreaterThan(20);
    expect(report.format().split('\n').slice(0, 6).join('\n')).toMatchInlineSnapshot(`
      "layer    kind   weights  float bytes  quantized bytes   ratio  max |err|  mean |err|  SQNR dB
      -------  -----  -------  -----------  ---------------  ------  ---------  ----------  -------
      dense_0  int8        16           64               48  0.750x    7.84e-3     1.41e-3     48.1
      norm     float        8           32               32  1.000x          0           0      inf
      head     float       10           40               40  1.000x          0           0      inf
      total                34          136              120  0.882x"
    `);
  });

  it('reports without inputs and refuses mismatched states', async () => {
    const model = dense(input('x'), 2);
    const state = build(model).init(template([1, 3]));
    const report = await quantizationReport(model, state, quantizeModelState(model, state));
    expect(report.outputError).toBeUndefined();
    expect(report.compression).toBeLessThan(1);
    await expect(quantizationReport(model, state, ModelState.empty())).rejects.toThrow(QuantizationError);
    await expect(quantizationReport(model, state, ModelState.empty())).rejects.toThrow(
      "expected the quantized state to hold 'dense_0.kernel' like the float state, got nothing",
    );
  });

  it('accumulates error statistics in float64', () => {
    const errors = new ErrorAccumulator();
    errors.addAll([1, 2, 2], [1, 2, 3]);
    expect(errors.result()).toEqual({ count: 3, maxAbsError: 1, meanAbsError: 1 / 3, sqnrDb: 10 * Math.log10(14) });
    expect(new ErrorAccumulator().result().sqnrDb).toBe(Infinity);
  });
});
