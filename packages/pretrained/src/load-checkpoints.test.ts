import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { build } from '@qaxon/graph';
import { decodeBFloat16, decodeFloat16 } from '@qaxon/safetensors';
import { Tensor, transpose, type Tensor as TensorType } from '@qaxon/tensor';
import { beforeAll, describe, expect, test } from 'vitest';
import { loadPretrained } from './node.js';
import type { PretrainedModel } from './pretrained-model.js';
import { sequenceInputs } from './sequence-inputs.js';
import { checkpointFolder, storiesConfig, storiesTensors, toBFloat16Bits, toFloat16Bits, writeSafetensorsFile, type TensorToWrite } from './test-support/checkpoint-files.js';
import { STORIES_FOLDER } from './test-support/fixtures.js';

const asF32 = (tensors: ReturnType<typeof storiesTensors>): Record<string, TensorToWrite> =>
  Object.fromEntries(Object.entries(tensors).map(([name, { shape, data }]) => [name, { dtype: 'F32' as const, shape, data }]));

async function logitsOf(pretrained: PretrainedModel, ids: number[]): Promise<TensorType> {
  return build(pretrained.model).predict(pretrained.state, sequenceInputs([ids]));
}

describe('loading Hugging Face LLaMA folders', () => {
  let float: PretrainedModel;
  const ids = [1, 403, 407, 261, 378, 30, 311];
  beforeAll(async () => {
    float = await loadPretrained(STORIES_FOLDER);
  });

  test('without a tokenizer.bin (and none asked for) there is no tokenizer; a folder tokenizer.bin is found', async () => {
    expect(float.tokenizer).toBeUndefined();
    const folder = checkpointFolder(storiesConfig());
    writeSafetensorsFile(join(folder, 'model.safetensors'), asF32(storiesTensors()));
    expect((await loadPretrained(folder)).tokenizer?.vocabSize).toBe(512);
  });

  test('PyTorch Linear weights [out, in] become dense kernels [in, out]', () => {
    const tensors = storiesTensors();
    const weight = tensors['model.layers.1.self_attn.k_proj.weight']!;
    const kernel = float.state.get('model.layers.1.self_attn.k_proj', 'kernel') as Tensor;
    expect(weight.shape).toEqual([32, 64]);
    expect(kernel.shape).toEqual([64, 32]);
    expect(kernel.toArray()).toEqual(transpose(new Tensor(weight.data, weight.shape, 'f32')).toArray());
    // Tied: the head is the transposed embedding.
    expect((float.state.get('lm_head', 'kernel') as Tensor).toArray()).toEqual(transpose(float.state.get('model.embed_tokens', 'kernel') as Tensor).toArray());
  });

  test('a sharded checkpoint (model.safetensors.index.json) loads the same state', async () => {
    const tensors = asF32(storiesTensors());
    const names = Object.keys(tensors);
    const folder = checkpointFolder(storiesConfig());
    const shards = [names.slice(0, 20), names.slice(20)];
    const weightMap: Record<string, string> = {};
    shards.forEach((shard, index) => {
      const file = `model-0000${index + 1}-of-00002.safetensors`;
      writeSafetensorsFile(join(folder, file), Object.fromEntries(shard.map((name) => [name, tensors[name]!])));
      for (const name of shard) weightMap[name] = file;
    });
    writeFileSync(join(folder, 'model.safetensors.index.json'), JSON.stringify({ metadata: {}, weight_map: weightMap }));
    const sharded = await loadPretrained(folder);
    for (const [layer, parameter, value] of float.state) expect(sharded.state.get(layer, parameter), `${layer}.${parameter}`).toEqual(value);
  });

  test.each([
    ['BF16', toBFloat16Bits, decodeBFloat16],
    ['F16', toFloat16Bits, decodeFloat16],
  ] as const)('%s tensors are widened to float32', async (dtype, encode, decode) => {
    const tensors = storiesTensors();
    const folder = checkpointFolder(storiesConfig());
    writeSafetensorsFile(
      join(folder, 'model.safetensors'),
      Object.fromEntries(Object.entries(tensors).map(([name, { shape, data }]) => [name, { dtype, shape, data: encode(data) }])),
    );
    const loaded = await loadPretrained(folder);
    const bits = encode(tensors['model.layers.4.mlp.gate_proj.weight']!.data);
    const expected = decode(new Uint8Array(bits.buffer), 0, bits.length);
    const kernel = loaded.state.get('model.layers.4.mlp.gate_proj', 'kernel') as Tensor;
    expect(kernel.toArray()).toEqual(transpose(new Tensor(expected, [172, 64], 'f32')).toArray());
    // Close to the float model: the most likely next tokens agree.
    const [a, b] = [await logitsOf(loaded, ids), await logitsOf(float, ids)];
    const argmaxes = (t: TensorType) => Array.from({ length: ids.length }, (_, p) => Array.from(t.data.subarray(p * 512, (p + 1) * 512)).reduce((best, v, i, row) => (v > row[best]! ? i : best), 0));
    expect(argmaxes(a)).toEqual(argmaxes(b));
  });

  test('an untied head (lm_head.weight) loads into lm_head', async () => {
    const tensors = storiesTensors();
    const embedding = tensors['model.embed_tokens.weight']!;
    // A different head: the embedding scaled by 2 doubles the logits.
    const head = { shape: embedding.shape, data: embedding.data.map((v) => v * 2) };
    const folder = checkpointFolder({ ...storiesConfig(), tie_word_embeddings: false });
    writeSafetensorsFile(join(folder, 'model.safetensors'), asF32({ ...tensors, 'lm_head.weight': head }));
    const untied = await loadPretrained(folder);
    expect(untied.config.tiedEmbeddings).toBe(false);
    const [a, b] = [await logitsOf(untied, ids), await logitsOf(float, ids)];
    a.data.forEach((value, i) => expect(value).toBeCloseTo(2 * b.data[i]!, 4));
  });
});
