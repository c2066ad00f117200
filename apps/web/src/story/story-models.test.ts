import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPretrained } from '@qaxon/pretrained/node';
import { describe, expect, it } from 'vitest';
import { storiesModelFolder } from '../../node/stories-model-plugin.js';
import { loadStoryModels, pickCheckpointFiles } from './story-models.js';

const file = (name: string) => ({ name });

describe('pickCheckpointFiles', () => {
  it('takes the tokenizer (tokenizer.bin or tok*.bin) and the other .bin as the checkpoint, whatever else is there', () => {
    expect(pickCheckpointFiles([file('README.md'), file('tok512.bin'), file('stories260K.bin')])).toEqual({ checkpoint: file('stories260K.bin'), tokenizer: file('tok512.bin') });
    expect(pickCheckpointFiles([file('tokenizer.bin'), file('stories15M.bin')])).toEqual({ checkpoint: file('stories15M.bin'), tokenizer: file('tokenizer.bin') });
  });

  it('names what it found when a part is missing, and says when a Hugging Face folder was given', () => {
    expect(() => pickCheckpointFiles([])).toThrow('expected a llama2.c checkpoint (.bin) and its tokenizer (tokenizer.bin or tok*.bin), got no files');
    expect(() => pickCheckpointFiles([file('stories15M.bin')])).toThrow('got stories15M.bin');
    expect(() => pickCheckpointFiles([file('config.json'), file('model.safetensors')])).toThrow(/got config\.json, model\.safetensors \(a Hugging Face folder/);
    const many = Array.from({ length: 10 }, (_, i) => file(`shard-${i}.safetensors`));
    expect(() => pickCheckpointFiles(many)).toThrow('shard-7.safetensors and 2 more');
  });
});

describe('loadStoryModels', () => {
  it('reads the llama2.c bytes into the same float state as the Node loader, and quantizes 36 dense kernels', async () => {
    const folder = storiesModelFolder();
    const read = (name: string) => ({ name, bytes: new Uint8Array(readFileSync(join(folder, name))) });
    const models = await loadStoryModels(read('stories260K.bin'), read('tok512.bin'));
    const node = await loadPretrained(join(folder, 'stories260K.bin'), { tokenizer: 'tok512.bin' });
    expect(models.float.state.byteSize()).toBe(node.state.byteSize());
    expect(models.float.config).toEqual(node.config);
    expect(models.int8.quantization?.quantizedLayers).toHaveLength(36);
    expect(models.int8.state.byteSize()).toBeLessThan(0.4 * models.float.state.byteSize());
    expect(models.float.tokenizer?.encode('Once upon a time')).toEqual(node.tokenizer?.encode('Once upon a time'));
  });
});
