import type { ModelState} from '@qaxon/graph';
import { build, container, decoderBlock, embedding, encoderBlock, input, properties, reduceNodes, type Model } from '@qaxon/graph';
import { QTensor, Tensor, randomNormal, template, tensor } from '@qaxon/tensor';
import { describe, expect, it } from 'vitest';
import { ErrorAccumulator, QUANTIZED_DENSE_OP, quantize, quantizeModelState } from './index.js';

/**
 * The transformer blocks of `@qaxon/graph` quantized by `quantize`: every projection is an
 * ordinary dense node, so all of them are found and rewritten. Weights of realistic scale:
 * kernels N(0, 0.02²) as BERT and LLaMA initialize them, small biases, norms at ones and
 * zeros; inputs N(0, 1) as embeddings after a norm. Documented tolerance: block output SQNR
 * of the int8 block against the float one >= 35 dB (the residual carries most of the
 * output; the branch alone, output minus input, is checked at >= 35 dB too: about 42 dB here).
 */
const HIDDEN = 64;
const TOKENS = 8;

function realistic(state: ModelState): ModelState {
  let result = state;
  let seed = 100;
  for (const [layer, parameter, value] of state.parameters()) {
    if (parameter === 'kernel') result = result.set(layer, parameter, randomNormal(value.shape, { seed: seed++, stddev: 0.02 }));
    if (parameter === 'bias') result = result.set(layer, parameter, randomNormal(value.shape, { seed: seed++, stddev: 0.01 }));
  }
  return result;
}

function sqnr(approx: Tensor, reference: Tensor, minus?: Tensor): number {
  const errors = new ErrorAccumulator();
  const base = minus === undefined ? reference.data : reference.data.map((v, i) => v - minus.data[i]!);
  const other = minus === undefined ? approx.data : approx.data.map((v, i) => v - minus.data[i]!);
  errors.addAll(other, base);
  return errors.result().sqnrDb;
}

const quantizedDenseNames = (model: Model<Record<string, Tensor>> | Model) =>
  reduceNodes(model, [] as string[], (node, names, info) => (node.op === QUANTIZED_DENSE_OP ? [...names, info.name] : names));

describe('quantize on the transformer blocks', () => {
  it('finds the 7 dense projections of the LLaMA decoder block; the int8 block keeps SQNR >= 35 dB', async () => {
    const block = decoderBlock(input('hidden', { shape: [null, null, HIDDEN] }), {
      prefix: 'model.layers.0',
      heads: 8,
      kvHeads: 2,
      intermediate: 172,
      epsilon: 1e-5,
      theta: 10000,
      positions: input('position_ids', { shape: [null], dtype: 's32' }),
    });
    const model = container({ hidden: block.output, key: block.key, value: block.value });
    const inputs = { hidden: randomNormal([1, TOKENS, HIDDEN], { seed: 1 }), position_ids: tensor(Array.from({ length: TOKENS }, (_, i) => i), { dtype: 's32' }) };
    const state = realistic(build(model).init({ hidden: template([1, TOKENS, HIDDEN]), position_ids: template([TOKENS], 's32') }));
    const [qModel, qState] = quantize(model, state);
    const names = quantizedDenseNames(qModel);
    expect(names).toHaveLength(7);
    expect(names.every((name) => name.startsWith('model.layers.0.') && qState.get(name, 'kernel') instanceof QTensor)).toBe(true);
    expect(Object.values(properties(qModel)).filter((op) => op === 'dense')).toHaveLength(7);
    const float = await build(model).predict(state, inputs);
    const int8 = await build(qModel).predict(qState, inputs);
    const blockSqnr = sqnr(int8.hidden, float.hidden);
    const branchSqnr = sqnr(int8.hidden, float.hidden, inputs.hidden);
    expect(blockSqnr).toBeGreaterThanOrEqual(35);
    expect(branchSqnr).toBeGreaterThanOrEqual(35);
    expect(sqnr(int8.key, float.key)).toBeGreaterThanOrEqual(35);
  });

  it('finds the 6 dense layers of the BERT encoder block; the int8 block keeps SQNR >= 35 dB', async () => {
    const model = encoderBlock(input('hidden', { shape: [null, null, HIDDEN] }), {
      prefix: 'bert.encoder.layer.0',
      heads: 4,
      intermediate: 4 * HIDDEN,
      mask: input('attention_mask', { shape: [null, null], dtype: 's32' }),
    });
    const inputs = { hidden: randomNormal([2, TOKENS, HIDDEN], { seed: 2 }), attention_mask: tensor([[1, 1, 1, 1, 1, 1, 1, 1], [1, 1, 1, 1, 1, 0, 0, 0]], { dtype: 's32' }) };
    const state = realistic(build(model).init({ hidden: template([2, TOKENS, HIDDEN]), attention_mask: template([2, TOKENS], 's32') }));
    const [qModel, qState] = quantize(model, state);
    expect(quantizedDenseNames(qModel)).toHaveLength(6);
    const float = await build(model).predict(state, inputs);
    const int8 = await build(qModel).predict(qState, inputs);
    expect(sqnr(int8, float)).toBeGreaterThanOrEqual(35);
  });

  it('with embeddings: true, quantizes embedding tables per row (QTensor axis 0), frozen, and the model runs unchanged', async () => {
    const ids = input('input_ids', { shape: [null, null], dtype: 's32' });
    const hidden = embedding(ids, 50, HIDDEN, { name: 'embed_tokens' });
    const model = encoderBlock(hidden, { prefix: 'layer.0', heads: 4, intermediate: 128 });
    const state = realistic(build(model).init(template([1, 5], 's32'))).set('embed_tokens', 'kernel', randomNormal([50, HIDDEN], { seed: 9 }));
    const [, denseOnly] = quantize(model, state);
    expect(denseOnly.get('embed_tokens', 'kernel')).toBeInstanceOf(Tensor);
    const [qModel, qState] = quantize(model, state, { embeddings: true });
    const table = qState.get('embed_tokens', 'kernel');
    expect(table).toBeInstanceOf(QTensor);
    expect((table as QTensor).axis).toBe(0);
    expect(qState.isFrozen('embed_tokens', 'kernel')).toBe(true);
    const x = tensor([[3, 49, 0, 7, 7]], { dtype: 's32' });
    const float = await build(model).predict(state, x);
    const int8 = await build(qModel).predict(qState, x);
    expect(sqnr(int8, float)).toBeGreaterThanOrEqual(35);
    expect(quantizeModelState(model, qState, { embeddings: true }).get('embed_tokens', 'kernel')).toBe(table);
    expect(() => quantize(model, state, { embeddings: 'yes' as never })).toThrow('quantize: expected options.embeddings to be a boolean, got "yes"');
  });
});
