import { build, type BuildOptions } from '@qaxon/graph';
import { createWasmBackend, type WasmBackend } from '@qaxon/kernel-wasm';
import type { Tensor } from '@qaxon/tensor';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { bertInputs, meanPooling } from './bert-graph.js';
import { compareLogits } from './compare-logits.js';
import { generate } from './generate.js';
import { loadAnyPretrained, loadPretrained } from './node.js';
import type { AnyPretrained, BertPretrained, Gpt2Pretrained } from './pretrained-families.js';
import type { PretrainedModel } from './pretrained-model.js';
import { sequenceInputs } from './sequence-inputs.js';
import { maxAbsDifference, tinyExpected, tinyFolder } from './test-support/tiny-fixtures.js';

// Tolerances against the PyTorch float64 reference (scripts/make-tiny-checkpoints.py), from
// float32 weights: the reference backend rounds each op's float64 result to float32 once, so
// its error is a few float32 ulps of the largest activations (|logits| <= 11): measured
// max 1.9e-6 (GPT-2 logits), 1.3e-6 (LLaMA), 8.7e-7 (BERT hidden state); the WASM backend
// sums in float32 in its own order: measured max 6.2e-6, 2.5e-6, 3.0e-6. The bounds leave
// a factor of about 5. int8 weights (quantize: true) against the float outputs: measured
// max 0.21 (LLaMA), 0.71 (Qwen2), 0.28 (GPT-2), 0.13 (BERT): 2.5 to 5.2% of the largest
// |output|; bounded by 8%.
const TOLERANCE = { reference: 1e-5, wasm: 3e-5 } as const;

interface CausalExpected {
  input_ids: number[][];
  logits_shape: number[];
  logits: number[];
  greedy_prompt: number[];
  greedy: number[];
}
interface BertExpected {
  input_ids: number[][];
  token_type_ids: number[][];
  attention_mask: number[][];
  hidden_shape: number[];
  last_hidden_state: number[];
  mean_pooled: number[];
}

describe('tiny checkpoints of each family against the PyTorch reference', { timeout: 120_000 }, () => {
  let wasm: WasmBackend;
  beforeAll(async () => {
    wasm = await createWasmBackend();
  });
  afterAll(() => wasm.dispose());
  const backends = (): [keyof typeof TOLERANCE, BuildOptions][] => [
    ['reference', {}],
    ['wasm', { backend: wasm }],
  ];

  test.each(['tiny-llama', 'tiny-qwen2', 'tiny-gpt2'] as const)('%s: logits of two sequences, on the reference and WASM backends', async (name) => {
    const expected = tinyExpected<CausalExpected>(name);
    const pretrained = (await loadAnyPretrained(tinyFolder(name))) as PretrainedModel | Gpt2Pretrained;
    expect(pretrained.config.modelType).toBe(name === 'tiny-gpt2' ? 'gpt2' : 'llama');
    for (const [backendName, options] of backends()) {
      const built = build(pretrained.model, options);
      const logits: Tensor = await built.predict(pretrained.state, sequenceInputs(expected.input_ids));
      built.dispose();
      expect(logits.shape).toEqual(expected.logits_shape);
      const error = maxAbsDifference(logits.data as Float32Array, expected.logits);
      expect(error, `${name} on ${backendName}: max |logit error| ${error}`).toBeLessThan(TOLERANCE[backendName]);
    }
  });

  test.each(['tiny-llama', 'tiny-qwen2', 'tiny-gpt2'] as const)('%s: greedy generation with the KV cache continues as the reference does', async (name) => {
    const expected = tinyExpected<CausalExpected>(name);
    const pretrained = (await loadAnyPretrained(tinyFolder(name))) as PretrainedModel | Gpt2Pretrained;
    for (const [, options] of backends()) {
      const result = await generate({ pretrained, prompt: expected.greedy_prompt, maxTokens: expected.greedy.length, stopTokens: [], ...options });
      expect(result.tokens).toEqual(expected.greedy);
    }
  });

  test('compareLogits measures an int8 GPT-2 against the float one', async () => {
    const [float, int8] = (await Promise.all([loadAnyPretrained(tinyFolder('tiny-gpt2')), loadAnyPretrained(tinyFolder('tiny-gpt2'), { quantize: true })])) as Gpt2Pretrained[];
    const comparison = await compareLogits(int8!, float!, tinyExpected<CausalExpected>('tiny-gpt2').input_ids[0]!);
    expect(comparison.positions).toBe(6);
    expect(comparison.logitError.maxAbsError).toBeGreaterThan(0);
    expect(comparison.logitError.maxAbsError).toBeLessThan(1);
  });

  test('tiny-llama (GQA, untied head) loads through loadPretrained too, with its configuration', async () => {
    const pretrained = await loadPretrained(tinyFolder('tiny-llama'));
    expect(pretrained.config).toMatchObject({ heads: 4, kvHeads: 2, tiedEmbeddings: false });
  });

  test('tiny-qwen2 (model_type qwen2): q/k/v biases load into the dense layers; the head is tied', async () => {
    const pretrained = await loadPretrained(tinyFolder('tiny-qwen2'));
    expect(pretrained.config).toMatchObject({ attentionBias: true, tiedEmbeddings: true, kvHeads: 2 });
    expect((pretrained.state.get('model.layers.1.self_attn.k_proj', 'bias') as Tensor).shape).toEqual([8]);
    expect(pretrained.state.has('model.layers.1.self_attn.o_proj', 'bias')).toBe(false);
  });

  test('tiny-gpt2: OpenAI-style names (no transformer. prefix) and Conv1D weights [in, out] load untransposed', async () => {
    const pretrained = (await loadAnyPretrained(tinyFolder('tiny-gpt2'))) as Gpt2Pretrained;
    const kernel = pretrained.state.get('transformer.h.0.attn.c_attn', 'kernel') as Tensor;
    expect(kernel.shape).toEqual([16, 48]);
    expect(pretrained.config).toMatchObject({ hiddenSize: 16, intermediateSize: 64, tiedEmbeddings: true, eosTokenId: 63 });
  });

  test('tiny-bert: last hidden state with padding and token types, and mean pooling, on the reference and WASM backends', async () => {
    const expected = tinyExpected<BertExpected>('tiny-bert');
    const pretrained = (await loadAnyPretrained(tinyFolder('tiny-bert'))) as BertPretrained;
    expect(pretrained.config.modelType).toBe('bert');
    const inputs = bertInputs(
      expected.input_ids.map((row, b) => row.slice(0, expected.attention_mask[b]!.reduce((a, m) => a + m, 0))),
      { tokenTypeIds: expected.token_type_ids },
    );
    expect(inputs.attention_mask.toArray()).toEqual(expected.attention_mask);
    for (const [backendName, options] of backends()) {
      const built = build(pretrained.model, options);
      const hidden: Tensor = await built.predict(pretrained.state, inputs);
      built.dispose();
      expect(hidden.shape).toEqual(expected.hidden_shape);
      const error = maxAbsDifference(hidden.data as Float32Array, expected.last_hidden_state);
      expect(error, `tiny-bert on ${backendName}: max |hidden error| ${error}`).toBeLessThan(TOLERANCE[backendName]);
      const pooled = meanPooling(hidden, inputs.attention_mask);
      expect(pooled.shape).toEqual([2, 16]);
      expect(maxAbsDifference(pooled.data, expected.mean_pooled)).toBeLessThan(TOLERANCE[backendName]);
    }
  });

  test.each(['tiny-llama', 'tiny-qwen2', 'tiny-gpt2', 'tiny-bert'] as const)('%s: quantize: true makes every dense kernel int8 and stays close to the float outputs', async (name) => {
    const int8: AnyPretrained = await loadAnyPretrained(tinyFolder(name), { quantize: true });
    const layers = int8.config.layers;
    const perBlock = { 'tiny-llama': 7, 'tiny-qwen2': 7, 'tiny-gpt2': 4, 'tiny-bert': 6 }[name];
    const head = name === 'tiny-bert' ? 0 : 1;
    expect(int8.quantization!.quantizedLayers).toHaveLength(layers * perBlock + head);
    const floatOutputs = name === 'tiny-bert' ? tinyExpected<BertExpected>(name).last_hidden_state : tinyExpected<CausalExpected>(name).logits;
    let inputs: Record<string, Tensor> = sequenceInputs(name === 'tiny-bert' ? [[0]] : tinyExpected<CausalExpected>(name).input_ids);
    if (name === 'tiny-bert') {
      const expected = tinyExpected<BertExpected>(name);
      inputs = bertInputs(expected.input_ids, { tokenTypeIds: expected.token_type_ids });
      inputs['attention_mask']!.data.set(expected.attention_mask.flat());
    }
    const outputs: Tensor = await build(int8.model).predict(int8.state, inputs);
    const error = maxAbsDifference(outputs.data as Float32Array, floatOutputs);
    const largest = Math.max(...floatOutputs.map(Math.abs));
    expect(error, `${name} int8: max |error| ${error}, largest |output| ${largest}`).toBeLessThan(0.08 * largest);
    expect(error).toBeGreaterThan(0);
  });
});

describe('family errors', () => {
  test('an unsupported model_type names it and the supported ones; loadPretrained (LLaMA) points GPT-2 and BERT to loadAnyPretrained', async () => {
    const { checkpointFolder } = await import('./test-support/checkpoint-files.js');
    await expect(loadAnyPretrained(checkpointFolder({ model_type: 'mistral' }))).rejects.toThrow(/config\.json: unsupported model_type "mistral"; supported: 'llama', 'qwen2', 'gpt2', 'bert'$/);
    await expect(loadPretrained(tinyFolder('tiny-bert'))).rejects.toThrow(
      /config\.json: unsupported model_type "bert"; supported: 'llama', 'qwen2' \(load 'gpt2' and 'bert' checkpoints with loadAnyPretrained \/ loadAnyPretrainedFrom\)$/,
    );
  });
});
