import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ModelState } from '@qaxon/graph';
import { HostHandle, KernelUnsupportedError, QTensor, Tensor, type Backend, type Handle, type StreamedWeight } from '@qaxon/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSafetensors } from './index.js';
import { loadState, saveState } from './node.js';
import { expectSameQTensor, layoutState } from './test-support/layout-state.js';
import { siblingBackend } from './test-support/sibling-backends.js';

/** Reads a streamed weight whole into a host QTensor (or Tensor) with the layout it was given, as the reference backend does. */
async function readWhole({ values, scale, zeroPoint, layout }: StreamedWeight): Promise<Tensor | QTensor> {
  const [rows, columns] = values.shape;
  const data = values.dtype === 's8' ? new Int8Array(rows * columns) : new Float32Array(rows * columns);
  await values.read(0, rows, data);
  const value = new Tensor(data, [rows, columns], values.dtype);
  return scale === undefined ? value : new QTensor(value as Tensor<'s8'>, scale, zeroPoint, layout);
}

/** A host backend whose uploadStreamed behaves as `streamed` says; counts what it was asked. */
function hostBackend(streamed: (weight: StreamedWeight) => Promise<Tensor | QTensor>): Backend & { streamed: number; uploaded: number; released: number } {
  const backend = {
    name: 'host',
    kernels: {},
    streamed: 0,
    uploaded: 0,
    released: 0,
    upload(value: Tensor | QTensor): Handle {
      backend.uploaded++;
      return new HostHandle('host', value);
    },
    async uploadStreamed(weight: StreamedWeight): Promise<Handle> {
      backend.streamed++;
      return new HostHandle('host', await streamed(weight));
    },
    download: (handle: Handle) => (handle as HostHandle<Tensor>).value,
    release: (handle: Handle) => {
      backend.released++;
      (handle as HostHandle).release();
    },
    owns: (handle: unknown): handle is Handle => handle instanceof HostHandle && handle.live,
  };
  return backend;
}

describe('QTensor layouts through saveState / loadState', () => {
  const { state, fourBit, grouped, perRow, int8 } = layoutState();
  let directory = '';
  let path = '';
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'qaxon-safetensors-layouts-'));
    path = join(directory, 'layouts.safetensors');
    await saveState(path, state);
  });
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  const expectAll = (get: (layer: string, param: string) => unknown) => {
    expectSameQTensor(get('dense_0', 'kernel'), fourBit);
    expectSameQTensor(get('dense_1', 'kernel'), grouped);
    expectSameQTensor(get('embedding', 'table'), perRow);
    expectSameQTensor(get('dense_2', 'kernel'), int8);
  };

  it('loads on the host with every layout', async () => {
    const loaded = await loadState(path);
    expectAll((layer, param) => loaded.get(layer, param));
  });

  it('streams each QTensor with its layout in StreamedWeight.layout', async () => {
    const layouts: unknown[] = [];
    const backend = hostBackend(async (weight) => {
      if (weight.scale !== undefined) layouts.push(weight.layout);
      return readWhole(weight);
    });
    const loaded = await loadState(path, { backend });
    expect(layouts).toEqual([{ bits: 4, axis: 1, packedRows: 12 }, { bits: 4, axis: 1, groupSize: 4, packedRows: 16 }, { bits: 8, axis: 0 }, undefined]);
    expect(backend.uploaded).toBe(1); // the bias
    expectAll((layer, param) => (loaded.get(layer, param) as HostHandle).value);
  });

  it('reads a weight whole and uploads it when uploadStreamed refuses its layout with KernelUnsupportedError', async () => {
    const backend = hostBackend(async (weight) => {
      if (weight.layout !== undefined) throw new KernelUnsupportedError('quantizedDense', 'host: only per-channel int8 weights stream');
      return readWhole(weight);
    });
    const loaded = await loadState(path, { backend });
    expect(backend.uploaded).toBe(4); // three layouts and the bias
    expectAll((layer, param) => (loaded.get(layer, param) as HostHandle).value);
  });

  it('releases and re-uploads a streamed handle that dropped the layout (it would be read as per-channel int8)', async () => {
    const backend = hostBackend(async (weight) => {
      if (weight.scale !== undefined && weight.layout?.groupSize !== undefined) throw new Error('scales of shape [4, 6] where [6] was expected');
      return readWhole({ ...weight, layout: undefined });
    });
    const loaded = await loadState(path, { backend });
    expect(backend.released).toBe(2); // the 4-bit kernel and the per-row table
    expect(backend.uploaded).toBe(4);
    expectAll((layer, param) => (loaded.get(layer, param) as HostHandle).value);
  });

  it('refuses 4-bit values out of [-8, 7] while streaming, naming the tensor', async () => {
    const bad = join(directory, 'bad-4bit.safetensors');
    const q = QTensor.fromTensor(new Tensor(new Float32Array([1, -1, 0.5, 0.25]), [2, 2], 'f32'));
    const metadata = { 'qaxon.format': '2', 'qaxon.parameters': '{"d":{"k":"qtensor"}}', 'qaxon.frozen': '[]', 'qaxon.quantization': '{"d":{"k":{"bits":4,"axis":1}}}' };
    await writeFile(bad, writeSafetensors({ 'd.k.value': q.value, 'd.k.scale': q.scale, 'd.k.zero_point': q.zeroPoint }, metadata));
    await expect(loadState(bad, { backend: hostBackend(readWhole) })).rejects.toThrow(/tensor "d.k.value": expected every 4-bit value in \[-8, 7\], got 127 at value index \[0, 0\]/);
    await expect(loadState(bad)).rejects.toThrow(/tensor "d.k.value": expected every 4-bit value in \[-8, 7\]/);
  });

  for (const name of ['reference', 'wasm'] as const) {
    it(`loads every layout onto the ${name} backend (when @qaxon/kernel-${name} is built)`, async () => {
      const backend = await siblingBackend(name);
      if (backend === undefined) return;
      try {
        const loaded: ModelState = await loadState(path, { backend });
        for (const [layer, param, q] of [['dense_0', 'kernel', fourBit], ['dense_1', 'kernel', grouped], ['embedding', 'table', perRow], ['dense_2', 'kernel', int8]] as const) {
          const handle = loaded.get(layer, param) as Handle;
          expect(handle.quantization).toEqual(q.quantization);
          if (name === 'reference') expect(Array.from((await backend.download(handle)).data)).toEqual(Array.from(q.dequantize().data));
        }
      } finally {
        backend.dispose?.();
      }
    });
  }
});
