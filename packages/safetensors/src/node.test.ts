import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ModelState } from '@qaxon/graph';
import { QTensor, randomNormal, tensor } from '@qaxon/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SafetensorsError, toSafetensors } from './index.js';
import { loadState, saveState } from './node.js';

describe('saveState / loadState', () => {
  let directory = '';
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'qaxon-safetensors-'));
  });
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('writes exactly toSafetensors bytes and loads them back', async () => {
    const state = ModelState.empty()
      .set('dense_0', 'kernel', QTensor.fromTensor(randomNormal([8, 4], { seed: 9 })))
      .set('dense_0', 'bias', tensor([1, 2, 3, 4]))
      .freeze();
    const path = join(directory, 'model.safetensors');
    await saveState(path, state, { metadata: { note: 'test' } });
    expect(new Uint8Array(await readFile(path))).toEqual(toSafetensors(state, { metadata: { note: 'test' } }));
    const back = await loadState(path);
    expect((back.get('dense_0', 'kernel') as QTensor).value.data).toEqual((state.get('dense_0', 'kernel') as QTensor).value.data);
    expect(back.frozenParameters()).toEqual(state.frozenParameters());
  });

  it('passes the mapping through and refuses a broken file with SafetensorsError', async () => {
    const path = join(directory, 'torch.safetensors');
    const state = ModelState.empty().set('fc1', 'weight', tensor([[1, 2]]));
    await saveState(path, state);
    const mapped = await loadState(path, { mapping: { 'fc1.weight': { to: 'dense_0.kernel', transpose: true } } });
    expect(mapped.get('dense_0', 'kernel')!.shape).toEqual([2, 1]);
    const broken = join(directory, 'broken.safetensors');
    await writeFile(broken, new Uint8Array([1, 2, 3]));
    await expect(loadState(broken)).rejects.toBeInstanceOf(SafetensorsError);
  });
});

describe('the browser entry', () => {
  it('imports no Node module: only node.ts and node-*.ts use node:*', () => {
    const here = dirname(fileURLToPath(import.meta.url));
    const sources = readdirSync(here).filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && !file.startsWith('node'));
    expect(sources).toContain('index.ts');
    for (const file of sources) expect(readFileSync(join(here, file), 'utf8'), file).not.toMatch(/from ['"]node:|require\(/);
  });
});
