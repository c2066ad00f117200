import { isHandle, reduceNodes, type Model, type ModelOutput } from '@qaxon/graph';
import { referenceBackend } from '@qaxon/kernel-reference';
import { createWasmBackend } from '@qaxon/kernel-wasm';
import { quantize, QUANTIZED_DENSE_OP } from '@qaxon/quantization';
import { QTensor } from '@qaxon/tensor';
import { beforeAll, describe, expect, test } from 'vitest';
import { generate } from './generate.js';
import { loadPretrained } from './node.js';
import type { PretrainedModel } from './pretrained-model.js';
import { join } from 'node:path';
import { checkpointFolder, storiesConfig, storiesTensors, writeSafetensorsFile } from './test-support/checkpoint-files.js';
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

describe('loading onto a backend', () => {
  test('uploads each parameter as it is read: the state holds handles, and generation matches the host int8 state', async () => {
    const wasm = await createWasmBackend();
    try {
      const host = await loadPretrained(STORIES_FOLDER, { quantize: true, tokenizer: 'tok512.bin' });
      const expected = await generate({ pretrained: host, prompt: 'Once upon a time', maxTokens: 24, backend: wasm, stopTokens: [] });
      for (const source of [STORIES_FOLDER, STORIES_BIN]) {
        const placed = await loadPretrained(source, { quantize: true, tokenizer: 'tok512.bin', backend: wasm });
        expect([...placed.state].every(([, , value]) => isHandle(value) && wasm.owns(value)), source).toBe(true);
        expect(placed.state.isFrozen('lm_head', 'kernel')).toBe(true);
        expect(placed.quantization!.stateBytes).toBe(host.quantization!.stateBytes);
        const result = await generate({ pretrained: placed, prompt: 'Once upon a time', maxTokens: 24, backend: wasm, stopTokens: [] });
        expect(result.tokens, source).toEqual(expected.tokens);
      }
    } finally {
      wasm.dispose();
    }
  });

  test('releases what it uploaded when the checkpoint fails to load', async () => {
    const uploads: unknown[] = [];
    const released: unknown[] = [];
    const backend = {
      ...referenceBackend,
      upload: (value: Parameters<typeof referenceBackend.upload>[0]) => {
        const handle = referenceBackend.upload(value);
        uploads.push(handle);
        return handle;
      },
      release: (handle: Parameters<typeof referenceBackend.release>[0]) => {
        released.push(handle);
        referenceBackend.release(handle);
      },
    };
    const { ['model.layers.3.mlp.up_proj.weight']: _dropped, ...tensors } = storiesTensors();
    const folder = checkpointFolder(storiesConfig());
    writeSafetensorsFile(join(folder, 'model.safetensors'), Object.fromEntries(Object.entries(tensors).map(([name, { shape, data }]) => [name, { dtype: 'F32' as const, shape, data }])));
    await expect(loadPretrained(folder, { quantize: true, backend })).rejects.toThrow(/missing tensor 'model.layers.3.mlp.up_proj.weight'/);
    expect(uploads.length).toBeGreaterThan(0);
    expect(released).toEqual(uploads);
  });
});

describe("quantize: { type: 's4', groupSize }", () => {
  test('stores 4-bit group-wise kernels', async () => {
    const s4 = await loadPretrained(STORIES_BIN, { quantize: { type: 's4', groupSize: 32 } });
    const kernel = s4.state.get('model.layers.0.mlp.up_proj', 'kernel') as QTensor;
    expect([kernel.bits, kernel.groupSize]).toEqual([4, 32]);
    const int8 = await loadPretrained(STORIES_BIN, { quantize: true });
    expect(s4.quantization!.int8Bytes).toBeLessThan(int8.quantization!.int8Bytes);
  });
});
