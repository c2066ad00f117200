import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { PretrainedError } from './errors.js';
import { parseLlamaConfig } from './llama-config.js';
import { bytesSource } from './byte-source.js';
import { readLlama2cCheckpoint } from './llama2c-checkpoint.js';
import { Llama2cTokenizer } from './llama2c-tokenizer.js';
import { loadPretrained } from './node.js';
import { checkpointFolder, storiesConfig, storiesTensors, writeSafetensorsFile } from './test-support/checkpoint-files.js';
import { STORIES_BIN, STORIES_FOLDER } from './test-support/fixtures.js';

const asF32 = (tensors: ReturnType<typeof storiesTensors>) =>
  Object.fromEntries(Object.entries(tensors).map(([name, { shape, data }]) => [name, { dtype: 'F32' as const, shape, data }]));

async function loadError(path: string): Promise<PretrainedError> {
  const error = await loadPretrained(path).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(PretrainedError);
  return error as PretrainedError;
}

describe('loading errors name what was expected and where', () => {
  test('a missing tensor: its name, its shape and the folder', async () => {
    const { ['model.layers.3.mlp.up_proj.weight']: _dropped, ...tensors } = storiesTensors();
    const folder = checkpointFolder(storiesConfig());
    writeSafetensorsFile(join(folder, 'model.safetensors'), asF32(tensors));
    const error = await loadError(folder);
    expect(error.message).toBe(`${folder}: missing tensor 'model.layers.3.mlp.up_proj.weight' [172, 64]`);
    expect(error.source).toBe(folder);
  });

  test('a tensor of the wrong shape: expected and given shapes, the tensor and the file', async () => {
    const tensors = storiesTensors();
    const folder = checkpointFolder(storiesConfig());
    const file = join(folder, 'model.safetensors');
    writeSafetensorsFile(file, asF32({ ...tensors, 'model.norm.weight': { shape: [32, 2], data: tensors['model.norm.weight']!.data } }));
    expect((await loadError(folder)).message).toBe(`${file}: expected tensor 'model.norm.weight' of shape [64] (from the configuration), got [32, 2]`);
  });

  test('an unsupported model_type or feature is named', async () => {
    expect((await loadError(checkpointFolder({ ...storiesConfig(), model_type: 'gpt2' }))).message).toMatch(/config\.json: unsupported model_type "gpt2"; supported: 'llama', 'qwen2' \(load 'gpt2' and 'bert' checkpoints with loadAnyPretrained/);
    expect(() => parseLlamaConfig({ ...storiesConfig(), rope_scaling: { rope_type: 'llama3' } })).toThrow(/rope_scaling \{"rope_type":"llama3"\} is not supported/);
    expect(() => parseLlamaConfig({ ...storiesConfig(), sliding_window: 4096 })).toThrow(/sliding_window 4096 is not supported \(expected null: sliding-window attention is not implemented\)/);
    expect(() => parseLlamaConfig({ ...storiesConfig(), model_type: 'qwen2', architectures: ['Qwen2ForCausalLM'], use_sliding_window: true, sliding_window: 4096 })).toThrow(/use_sliding_window true is not supported/);
    expect(() => parseLlamaConfig({ ...storiesConfig(), attention_bias: true })).toThrow(/attention_bias true is not supported/);
    expect(() => parseLlamaConfig({ ...storiesConfig(), num_key_value_heads: 3 })).toThrow('expected num_key_value_heads to divide num_attention_heads (8), got 3');
    expect(() => parseLlamaConfig({ ...storiesConfig(), hidden_size: '64' })).toThrow('config.json: expected hidden_size to be a positive integer, got "64"');
  });

  test('a folder without weights, and a path that is nothing', async () => {
    const folder = checkpointFolder(storiesConfig());
    expect((await loadError(folder)).message).toBe(`${folder}: expected model.safetensors or model.safetensors.index.json, found neither`);
    expect((await loadError(join(folder, 'nope.bin'))).message).toMatch(/expected a Hugging Face folder or a llama2\.c \.bin file at .*nope\.bin, got nothing/);
  });

  test('a truncated llama2.c checkpoint: the array cut off, its byte offset and the sizes', async () => {
    const bytes = readFileSync(STORIES_BIN);
    const cut = bytes.subarray(0, 600_000);
    const error = await readLlama2cCheckpoint(bytesSource(cut, 'cut.bin')).catch((caught: unknown) => caught as PretrainedError);
    expect(error).toBeInstanceOf(PretrainedError);
    // Floats before w2: embedding 32768, rms_att 320, wq 20480, wk and wv 10240 each, wo 20480, rms_ffn 320, w1 55040.
    const w2Start = 28 + 4 * (32768 + 320 + 20480 + 2 * 10240 + 20480 + 320 + 55040);
    expect((error as Error).message).toBe(`cut.bin: truncated file: expected 1056540 bytes for this header, got 600000; array 'w2' of layer 0 [64, 172] at byte ${w2Start} is cut off`);
    await expect(readLlama2cCheckpoint(bytesSource(bytes.subarray(0, 20), 'tiny.bin'))).rejects.toThrow('tiny.bin: truncated header: expected 28 bytes');
    const longer = new Uint8Array(bytes.length + 4);
    longer.set(bytes);
    await expect(readLlama2cCheckpoint(bytesSource(longer, 'long.bin'))).rejects.toThrow('long.bin: expected 1056540 bytes for this header, got 1056544 (4 bytes after the last weight)');
    const folder = mkdtempSync(join(tmpdir(), 'qaxon-pretrained-'));
    writeFileSync(join(folder, 'cut.bin'), cut);
    expect((await loadError(join(folder, 'cut.bin'))).message).toMatch(/cut\.bin: truncated file: .*'w2' of layer 0/);
  });

  test('a bad llama2.c header or tokenizer', async () => {
    const header = new Int32Array([64, 172, 0, 8, 4, 512, 512]);
    await expect(readLlama2cCheckpoint(bytesSource(new Uint8Array(header.buffer), 'zero.bin'))).rejects.toThrow('zero.bin: expected header field n_layers (int32 at byte 8) to be positive, got 0');
    const tokenizer = readFileSync(join(STORIES_FOLDER, 'tok512.bin'));
    expect(() => Llama2cTokenizer.fromBytes(tokenizer.subarray(0, 101), { name: 'tok.bin' })).toThrow(/^tok\.bin: truncated file: piece \d+ at byte \d+ needs \d+ bytes/);
    expect(() => Llama2cTokenizer.fromBytes(tokenizer.subarray(0, 4 + 3 * 8), { name: 'tok.bin', vocabSize: 512 })).toThrow('tok.bin: truncated file: piece 1 at byte 17 needs 13 bytes (score, length 5, bytes), 11 left');
    const badLength = Uint8Array.from(tokenizer.subarray(0, 40));
    new DataView(badLength.buffer).setInt32(8, -3, true);
    expect(() => Llama2cTokenizer.fromBytes(badLength, { name: 'tok.bin' })).toThrow('tok.bin: piece 0 at byte 4: expected a length from 0 to 64 (max_token_length 7), got -3');
    expect(() => Llama2cTokenizer.fromBytes(tokenizer, { vocabSize: 1000, name: 'tok.bin' })).toThrow("tok.bin: expected 1000 pieces (the model's vocab_size), got 512");
  });
});
