import { execFileSync } from 'node:child_process';
import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ModelState } from '@qaxon/graph';
import { QTensor, randomNormal, tensor } from '@qaxon/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSafetensors, SafetensorsError, toSafetensors } from './index.js';
import { loadState } from './node.js';
import { readSafetensorsFile } from './node-read-file.js';
import { fileFromHeader, u64 } from './test-support/build-file.js';

// A bad file is refused after reading at most its header: never read whole, never forever.
describe('loadState reads the header first', () => {
  let directory = '';
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'qaxon-safetensors-read-'));
  });
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it.runIf(process.platform === 'linux')('refuses /dev/zero at once (it used to never return, growing without bound)', async () => {
    await expect(loadState('/dev/zero')).rejects.toThrow('loadState(/dev/zero): expected a regular file, got a character device (such as /dev/zero)');
  });

  it.runIf(process.platform !== 'win32')('refuses a FIFO at once (opening it to read would wait for a writer forever)', async () => {
    const path = join(directory, 'pipe.safetensors');
    execFileSync('mkfifo', [path]);
    await expect(loadState(path)).rejects.toThrow(/expected a regular file, got a FIFO \(named pipe\)/);
  });

  it('refuses a directory as not a regular file', async () => {
    await expect(loadState(directory)).rejects.toThrow(SafetensorsError);
    await expect(loadState(directory)).rejects.toThrow(/expected a regular file, got a directory/);
  });

  it('refuses a 1 GiB (sparse) file with a bad header after reading only its first bytes', async () => {
    const path = join(directory, 'huge.safetensors');
    for (const start of [u64(2n ** 40n), [...u64(2), 0x5b, 0x5d]]) {
      const handle = await open(path, 'w');
      await handle.write(Uint8Array.from(start), 0, start.length, 0);
      await handle.truncate(1024 ** 3); // sparse: nothing is written
      await handle.close();
      const before = process.memoryUsage().arrayBuffers;
      const started = performance.now();
      await expect(loadState(path)).rejects.toThrow(SafetensorsError);
      expect(performance.now() - started).toBeLessThan(5000); // the whole file used to be read first
      expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 * 1024 ** 2);
    }
  });

  it('refuses a file whose header runs past its end, and an empty file', async () => {
    const path = join(directory, 'short.safetensors');
    await writeFile(path, Uint8Array.from([...u64(100), 0x7b]));
    await expect(loadState(path)).rejects.toThrow('the header length (bytes 0..7) says the header spans bytes 8..108, but the file has only 9 bytes');
    await writeFile(path, new Uint8Array(0));
    await expect(loadState(path)).rejects.toThrow('truncated file: expected at least 8 bytes (the little-endian u64 header length), found 0');
  });

  it('reads tensors in runs of neighbours and gives what reading the whole file gives', async () => {
    const state = ModelState.empty()
      .set('dense_0', 'kernel', QTensor.fromTensor(randomNormal([9, 5], { seed: 2 })))
      .set('dense_0', 'bias', tensor([1, 2, 3, 4, 5]))
      .set('emb', 'steps', tensor([7, 8, 9], { dtype: 's32' }))
      .freeze();
    const path = join(directory, 'runs.safetensors');
    const bytes = toSafetensors(state);
    await writeFile(path, bytes);
    const whole = readSafetensors(bytes);
    for (const chunkBytes of [1, 16, 64, 1 << 20]) {
      const { tensors, metadata } = await readSafetensorsFile(path, chunkBytes);
      expect(Object.keys(tensors)).toEqual(Object.keys(whole.tensors));
      for (const name of Object.keys(whole.tensors)) expect(tensors[name]!.data, `${name} (runs of ${chunkBytes} bytes)`).toEqual(whole.tensors[name]!.data);
      expect({ ...metadata }).toEqual({ ...whole.metadata });
    }
    const back = await loadState(path);
    expect(back.frozenParameters()).toEqual(state.frozenParameters());
  });

  it('names the file byte of an I64 value that does not fit, as a whole-file read does', async () => {
    const path = join(directory, 'i64.safetensors');
    const bytes = fileFromHeader(`{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"i":{"dtype":"I64","shape":[2],"data_offsets":[4,20]}}`, [
      0, 0, 0, 0, ...u64(1), ...u64(2n ** 40n),
    ]);
    await writeFile(path, bytes);
    const expected = (() => {
      try {
        readSafetensors(bytes);
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(expected).toMatch(/at element 1 \(file byte \d+\)/);
    await expect(readSafetensorsFile(path, 4)).rejects.toThrow(expected);
  });
});
