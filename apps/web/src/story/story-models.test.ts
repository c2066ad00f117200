import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPretrained } from '@qaxon/pretrained/node';
import { describe, expect, it } from 'vitest';
import { storiesModelFolder } from '../../node/stories-model-plugin.js';
import { loadPickedModels, loadStoryModels } from './story-models.js';

const folder = storiesModelFolder();
const picked = (...names: string[]) => names.map((name) => new File([readFileSync(join(folder, name))], name));

describe('loadPickedModels', () => {
  it('loads a picked Hugging Face folder with a llama2.c tokenizer, float32 and int8, as the Node loader does', async () => {
    const models = await loadPickedModels(picked('config.json', 'model.safetensors', 'tok512.bin', 'README.md'));
    const node = await loadPretrained(folder, { tokenizer: 'tok512.bin' });
    expect(models.name).toBe('picked files');
    expect(models.float.state.byteSize()).toBe(node.state.byteSize());
    expect(models.int8.quantization?.quantizedLayers).toHaveLength(36);
    expect(models.float.tokenizer?.encode('Once upon a time')).toEqual(node.tokenizer?.encode('Once upon a time'));
  });

  it('loads a picked llama2.c .bin with its tokenizer, named after the .bin', async () => {
    const models = await loadPickedModels(picked('tok512.bin', 'stories260K.bin'));
    expect(models.name).toBe('stories260K.bin');
    expect(models.float.config.layers).toBe(5);
  });

  it('says which files it got when no tokenizer it can read is among them', async () => {
    await expect(loadPickedModels(picked('config.json', 'model.safetensors'))).rejects.toThrow(
      'expected a tokenizer the page can read (a llama2.c tokenizer.bin or tok*.bin) among the files, got config.json, model.safetensors',
    );
  });
});

describe('loadStoryModels', () => {
  it('reads the llama2.c bytes into the same float state as the Node loader, and quantizes 36 dense kernels', async () => {
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
