import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ModelState } from '@qaxon/graph';
import { HostHandle, QTensor, Tensor, randomNormal, tensor, type Backend, type Handle, type StreamedWeight } from '@qaxon/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SafetensorsError, toSafetensors, writeSafetensors } from './index.js';
import { loadState, saveState } from './node.js';

/** Bytes of rows the recording backend asks for at once. */
const STREAM_BLOCK_BYTES = 1 << 20;

/** A host backend that records what it was given: streamed weights are read back whole through their row source. */
function recordingBackend(streams: boolean): Backend & { reads: number[]; streamed: number; uploaded: number } {
  const backend = {
    name: 'recording',
    kernels: {},
    reads: [] as number[],
    streamed: 0,
    uploaded: 0,
    upload(value: Tensor | QTensor): Handle {
      backend.uploaded++;
      return new HostHandle('recording', value);
    },
    download: (handle: Handle) => (handle as HostHandle<Tensor>).value,
    release: (handle: Handle) => (handle as HostHandle).release(),
    owns: (handle: unknown): handle is Handle => handle instanceof HostHandle && handle.live,
    ...(streams
      ? {
          async uploadStreamed({ values, scale, zeroPoint, layout }: StreamedWeight): Promise<Handle> {
            backend.streamed++;
            const [rows, columns] = values.shape;
            const data = values.dtype === 's8' ? new Int8Array(rows * columns) : new Float32Array(rows * columns);
            const bytes = values.dtype === 's8' ? 1 : 4;
            const block = Math.max(1, Math.floor(STREAM_BLOCK_BYTES / (columns * bytes)));
            for (let first = 0; first < rows; first += block) {
              const count = Math.min(block, rows - first);
              const into = data.subarray(first * columns, (first + count) * columns);
              await values.read(first, count, into);
              backend.reads.push(count * columns * bytes);
            }
            const value = new Tensor(data, [rows, columns], values.dtype);
            return new HostHandle('recording', scale === undefined ? value : new QTensor(value as Tensor<'s8'>, scale, zeroPoint, layout));
          },
        }
      : {}),
  };
  return backend;
}

describe('loadState(path, { backend })', () => {
  let directory = '';
  let path = '';
  const kernel = randomNormal([1200, 300], { seed: 1 }); // 1.44 MB of f32: two blocks of rows
  const q = QTensor.fromTensor(randomNormal([300, 64], { seed: 2 }));
  const state = ModelState.empty().set('dense_0', 'kernel', kernel).set('dense_0', 'bias', tensor([1, 2, 3])).set('dense_1', 'kernel', q).freeze(([layer]) => layer === 'dense_1');

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'qaxon-safetensors-backend-'));
    path = join(directory, 'model.safetensors');
    await saveState(path, state);
  });
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  const valueOf = (loaded: ModelState, layer: string, param: string) => (loaded.get(layer, param) as HostHandle).value;

  it('streams rank-2 weights in bounded blocks of rows and uploads the small tensors; parameters are handles', async () => {
    const backend = recordingBackend(true);
    const loaded = await loadState(path, { backend });
    expect(backend.streamed).toBe(2);
    expect(backend.uploaded).toBe(1); // the bias
    expect(Math.max(...backend.reads)).toBeLessThanOrEqual(STREAM_BLOCK_BYTES);
    expect(backend.reads.length).toBeGreaterThan(2);
    expect(loaded.get('dense_0', 'kernel')).toBeInstanceOf(HostHandle);
    expect(Array.from((valueOf(loaded, 'dense_0', 'kernel') as Tensor).data)).toEqual(Array.from(kernel.data));
    const back = valueOf(loaded, 'dense_1', 'kernel') as QTensor;
    expect(back).toBeInstanceOf(QTensor);
    expect(Array.from(back.value.data)).toEqual(Array.from(q.value.data));
    expect(Array.from(back.scale.data)).toEqual(Array.from(q.scale.data));
    expect(loaded.frozenParameters()).toEqual(state.frozenParameters());
  });

  it('reads each weight whole and uploads it when the backend cannot stream', async () => {
    const backend = recordingBackend(false);
    const loaded = await loadState(path, { backend });
    expect(backend.uploaded).toBe(3);
    expect(Array.from((valueOf(loaded, 'dense_1', 'kernel') as QTensor).value.data)).toEqual(Array.from(q.value.data));
  });

  it('loads a foreign file with a mapping on the host, then uploads it', async () => {
    const foreign = join(directory, 'torch.safetensors');
    await writeFile(foreign, writeSafetensors({ 'fc1.weight': tensor([[1, 2]]) }));
    const backend = recordingBackend(true);
    const loaded = await loadState(foreign, { backend, mapping: { 'fc1.weight': { to: 'dense_0.kernel', transpose: true } } });
    expect(loaded.get('dense_0', 'kernel')!.shape).toEqual([2, 1]);
    expect(backend.uploaded).toBe(1);
  });

  it('refuses bad scales before placing anything, and releases what it placed when an upload fails', async () => {
    const bad = join(directory, 'bad-scale.safetensors');
    const tensors = { 'a.k': tensor([[1, 2]]), 'b.q.value': tensor([[1, 2]], { dtype: 's8' }), 'b.q.scale': tensor([-1, 1]), 'b.q.zero_point': tensor([0, 0], { dtype: 's8' }) };
    const metadata = { 'qaxon.format': '1', 'qaxon.parameters': '{"a":{"k":"tensor"},"b":{"q":"qtensor"}}', 'qaxon.frozen': '[]' };
    await writeFile(bad, writeSafetensors(tensors, metadata));
    const backend = recordingBackend(true);
    await expect(loadState(bad, { backend })).rejects.toThrow(/QTensor "b.q": tensor "b.q.scale"/);
    expect(backend.streamed + backend.uploaded).toBe(0);

    const failing = recordingBackend(true);
    const placed: Handle[] = [];
    const stream = failing.uploadStreamed!.bind(failing);
    failing.uploadStreamed = async (weight) => {
      if (placed.length > 0) throw new Error('device full');
      const handle = await stream(weight);
      placed.push(handle);
      return handle;
    };
    await expect(loadState(path, { backend: failing })).rejects.toThrow('device full');
    expect(placed.length).toBe(1);
    expect(failing.owns(placed[0])).toBe(false);
  });

  it('toSafetensors refuses a state holding handles: download the state first', async () => {
    const loaded = await loadState(path, { backend: recordingBackend(true) });
    expect(() => toSafetensors(loaded)).toThrow(SafetensorsError);
    expect(() => toSafetensors(loaded)).toThrow(/handle on backend "recording".*download the state first/);
  });
});
