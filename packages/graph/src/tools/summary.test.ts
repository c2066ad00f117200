import { QTensor, template, type Tensor } from '@qaxon/tensor';
import { describe, expect, it } from 'vitest';
import { build, dense, dropout, input, layer, rewriteNodes, summary } from '../index.js';

describe('summary', () => {
  const model = dense(dropout(dense(input('input', { shape: [null, 4] }), 8, { activation: 'relu' }), { rate: 0.2 }), 2, { activation: 'softmax' });

  it('tabulates layers, ops, output shapes, parameters and bytes (from the given inputs)', () => {
    expect(summary(model, undefined, { inputs: template([1, 4]) })).toMatchInlineSnapshot(`
      "+---------------------------------------------------------------------------------------+
      |                                         Model                                         |
      +==================================+=========+==============+===================+=======+
      | Layer                            | Op      | Output shape | Parameters        | Bytes |
      +==================================+=========+==============+===================+=======+
      | input                            | input   | [1, 4]       |                   | 0     |
      +----------------------------------+---------+--------------+-------------------+-------+
      | dense_0 ( dense["input"] )       | dense   | [1, 8]       | kernel: f32[4][8] | 160   |
      |                                  |         |              | bias: f32[8]      |       |
      +----------------------------------+---------+--------------+-------------------+-------+
      | relu_0 ( relu["dense_0"] )       | relu    | [1, 8]       |                   | 0     |
      +----------------------------------+---------+--------------+-------------------+-------+
      | dropout_0 ( dropout["relu_0"] )  | dropout | [1, 8]       |                   | 0     |
      +----------------------------------+---------+--------------+-------------------+-------+
      | dense_1 ( dense["dropout_0"] )   | dense   | [1, 2]       | kernel: f32[8][2] | 72    |
      |                                  |         |              | bias: f32[2]      |       |
      +----------------------------------+---------+--------------+-------------------+-------+
      | softmax_0 ( softmax["dense_1"] ) | softmax | [1, 2]       |                   | 0     |
      +----------------------------------+---------+--------------+-------------------+-------+
      Total parameters: 58
      Total parameter bytes: 232"
    `);
  });

  it('shows state values, QTensor kernels with their real bytes and frozen marks', () => {
    const state = build(model).init(template([1, 4]));
    const quantizedModel = rewriteNodes(model, (node) => (node.op === 'dense' ? (n) => ({ ...n, op: 'quantizedDense' }) : 'skip'));
    const quantizedState = state
      .set('dense_0', 'kernel', QTensor.fromTensor(state.get('dense_0', 'kernel') as Tensor))
      .set('dense_1', 'kernel', QTensor.fromTensor(state.get('dense_1', 'kernel') as Tensor))
      .freeze();
    expect(summary(quantizedModel, quantizedState, { inputs: template([1, 4]) })).toMatchInlineSnapshot(`
      "+---------------------------------------------------------------------------------------------------------------+
      |                                                     Model                                                     |
      +==================================+================+==============+====================================+=======+
      | Layer                            | Op             | Output shape | Parameters                         | Bytes |
      +==================================+================+==============+====================================+=======+
      | input                            | input          | [1, 4]       |                                    | 0     |
      +----------------------------------+----------------+--------------+------------------------------------+-------+
      | dense_0 ( dense["input"] )       | quantizedDense | [1, 8]       | kernel: QTensor<s8>[4][8] (frozen) | 104   |
      |                                  |                |              | bias: f32[8] (frozen)              |       |
      +----------------------------------+----------------+--------------+------------------------------------+-------+
      | relu_0 ( relu["dense_0"] )       | relu           | [1, 8]       |                                    | 0     |
      +----------------------------------+----------------+--------------+------------------------------------+-------+
      | dropout_0 ( dropout["relu_0"] )  | dropout        | [1, 8]       |                                    | 0     |
      +----------------------------------+----------------+--------------+------------------------------------+-------+
      | dense_1 ( dense["dropout_0"] )   | quantizedDense | [1, 2]       | kernel: QTensor<s8>[8][2] (frozen) | 34    |
      |                                  |                |              | bias: f32[2] (frozen)              |       |
      +----------------------------------+----------------+--------------+------------------------------------+-------+
      | softmax_0 ( softmax["dense_1"] ) | softmax        | [1, 2]       |                                    | 0     |
      +----------------------------------+----------------+--------------+------------------------------------+-------+
      Total parameters: 58
      Total parameter bytes: 138"
    `);
  });

  it('shows ? for shapes it cannot infer (no input shapes, unknown custom ops)', () => {
    const custom = layer('mystery', [dense(input('x'), 3)]);
    expect(summary(custom)).toMatchInlineSnapshot(`
      "+--------------------------------------------------------------------------------+
      |                                     Model                                      |
      +==================================+=========+==============+============+=======+
      | Layer                            | Op      | Output shape | Parameters | Bytes |
      +==================================+=========+==============+============+=======+
      | x                                | input   | ?            |            | 0     |
      +----------------------------------+---------+--------------+------------+-------+
      | dense_0 ( dense["x"] )           | dense   | ?            | kernel: ?  | 0     |
      |                                  |         |              | bias: ?    |       |
      +----------------------------------+---------+--------------+------------+-------+
      | mystery_0 ( mystery["dense_0"] ) | mystery | ?            |            | 0     |
      +----------------------------------+---------+--------------+------------+-------+
      Total parameters: 0 + 2 parameter(s) of unknown shape (give input shapes)
      Total parameter bytes: 0 + unknown"
    `);
  });
});
