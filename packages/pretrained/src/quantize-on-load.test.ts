import { reduceNodes, type Model, type ModelOutput } from '@qaxon/graph';
import { quantize, QUANTIZED_DENSE_OP } from '@qaxon/quantization';
import { QTensor } from '@qaxon/tensor';
import { beforeAll, describe, expect, test } from 'vitest';
import { loadPretrained } from './node.js';
import type { PretrainedModel } from './pretrained-model.js';
import { STORIES_BIN, STORIES_FOLDER } from './test-support/fixtures.js';

const opsIn = (model: Model<ModelOutput>) => reduceNodes(model, new Map<string, string>(), (node, ops, info) => ops.set(info.name, node.op));
const opsOf = (pretrained: PretrainedModel, graph: 'model' | 'prefill' | 'step') => opsIn(graph === 'model' ? pretrained.model : pretrained.decoder[graph]);

describe('quantizing while loading', () => {
  let float: PretrainedModel;
  beforeAll(async () => {
    float = await loadPretrained(STORIES_FOLDER);
  });

  test('gives the same graph and int8 state as quantizing the float load afterwards', async () => {
    const int8 = await loadPretrained(STORIES_FOLDER, { quantize: true });
    const [quantizedModel, quantizedState] = quantize(float.model, float.state);
    expect(opsOf(int8, 'model')).toEqual(opsIn(quantizedModel));
    expect([...opsIn(quantizedModel).values()].filter((op) => op === QUANTIZED_DENSE_OP)).toHaveLength(5 * 7 + 1);
    for (const [layer, parameter, value] of quantizedState) {
      expect(int8.state.get(layer, parameter), `${layer}.${parameter}`).toEqual(value);
      expect(int8.state.isFrozen(layer, parameter), `${layer}.${parameter} frozen`).toBe(quantizedState.isFrozen(layer, parameter));
    }
    for (const graph of ['prefill', 'step'] as const) {
      const ops = opsOf(int8, graph);
      expect(ops.get('model.layers.4.mlp.down_proj')).toBe(QUANTIZED_DENSE_OP);
      expect(ops.get('lm_head')).toBe(QUANTIZED_DENSE_OP);
    }
  });

  test('{ layers } quantizes only the chosen dense layers, in the graph and the state alike', async () => {
    const int8 = await loadPretrained(STORIES_BIN, { quantize: { layers: (name) => name.includes('.mlp.') } });
    expect(int8.quantization!.quantizedLayers).toHaveLength(5 * 3);
    expect(int8.state.get('model.layers.0.mlp.up_proj', 'kernel')).toBeInstanceOf(QTensor);
    expect(int8.state.get('model.layers.0.self_attn.q_proj', 'kernel')).not.toBeInstanceOf(QTensor);
    expect(int8.state.get('lm_head', 'kernel')).not.toBeInstanceOf(QTensor);
    const ops = opsOf(int8, 'model');
    expect(ops.get('model.layers.0.mlp.up_proj')).toBe(QUANTIZED_DENSE_OP);
    expect(ops.get('model.layers.0.self_attn.q_proj')).toBe('dense');
    expect(float.quantization).toBeUndefined();
  });
});
